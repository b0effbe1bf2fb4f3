import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import type { CachedRecord } from '../src/builder/buildIndex.js'
import type { PackedTerms } from '../src/builder/packedTerms.js'
import { createIndexBuilder, parseArticle } from '../src/build.js'
import { searchFields } from '../src/core/options.js'
import type { RecordTerms } from '../src/extract/countTerms.js'
import type { IndexRecord } from '../src/extract/record.js'
import { createStoreWriter, readRecordStore, type RecordStore, type StoreEntry } from '../src/node/cache/recordStore.js'
import { fixtureSlugs, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

const folders: string[] = []
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })))

/** A fresh store file's path in a new folder. */
function storeFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'store-'))
  folders.push(folder)
  return path.join(folder, 'records.bin')
}

const builder = createIndexBuilder({ body: 'full' })
const records: IndexRecord[] = fixtureSlugs().map((slug) =>
  builder.extract(parseArticle(readFixture(slug), { id: slug })),
)
const key = (i: number) => `${String(i).padStart(64, '0')}-${'f'.repeat(16)}`
const fileOf = (i: number) => `/articles/${i}.md`

/** Packed counts back as strings. */
function unpack({ codes, dictionary }: PackedTerms): RecordTerms {
  const fields: { length: number; terms: string[]; counts: number[] }[] = []
  let at = 0
  for (let field = 0; field < searchFields.length; field++) {
    const length = codes[at++] as number
    const terms: string[] = []
    const counts: number[] = []
    for (let end = at + 2 * (codes[at++] as number); at < end; at += 2) {
      terms.push(dictionary.terms[codes[at] as number] as string)
      counts.push(codes[at + 1] as number)
    }
    fields.push({ length, terms, counts })
  }
  return fields
}

/** What the store gives back of a record: all but its counts (packed) and its infobox text (never stored). */
const storedForm = ({ terms: _terms, infobox: _infobox, custom: _custom, ...record }: IndexRecord) => record
const withoutTerms = ({ terms: _terms, ...record }: CachedRecord) => record

function entry(i: number, record: IndexRecord | CachedRecord | undefined = records[i]): StoreEntry {
  return { path: fileOf(i), key: key(i), record, diagnostics: record?.diagnostics ?? [] }
}

function write(file: string, entries: readonly StoreEntry[], last?: RecordStore): void {
  const writer = createStoreWriter(file, () => last)
  if ('reason' in writer) throw new Error(writer.reason)
  for (const item of entries) writer.add(item)
  writer.commit()
}

describe('the record store', () => {
  test('stores what a build extracted and gives it back, counts packed', () => {
    const file = storeFile()
    const skipped: StoreEntry = {
      path: '/articles/broken.md',
      key: key(999),
      record: undefined,
      diagnostics: [{ severity: 'error', code: 'front-matter-missing', message: 'no front matter' }],
    }
    write(file, [...records.map((_, i) => entry(i)), skipped])

    const store = readRecordStore(file)
    expect(store).toBeDefined()
    records.forEach((record, i) => {
      expect(store?.keyOf(fileOf(i))).toBe(key(i))
      expect(store?.take(fileOf(i), key(999))).toBeUndefined() // another key: the file changed
      const taken = store?.take(fileOf(i), key(i))?.record
      expect(taken && withoutTerms(taken)).toEqual(storedForm(record))
      expect(taken && unpack(taken.terms)).toEqual(record.terms)
    })
    expect(store?.take(skipped.path, key(999))).toEqual({ diagnostics: skipped.diagnostics })
    expect(store?.keyOf('/articles/never-stored.md')).toBeUndefined()
  })

  test.each([
    ['keeping its term ids', true],
    ['renumbering its counts', false],
  ])('a store written from the last one (its rows reused, one file new) reads the same, %s', (_, keep) => {
    const first = storeFile()
    write(
      first,
      records.map((_, i) => entry(i)),
    )
    const last = readRecordStore(first)
    expect(last?.reusable).toBe(true)
    const second = storeFile()
    const [fresh = records[0] as IndexRecord, ...kept] = records
    write(
      second,
      [entry(100, fresh), ...kept.map((_, j) => entry(j + 1, last?.take(fileOf(j + 1), key(j + 1))?.record))],
      keep ? last : undefined,
    )
    const store = readRecordStore(second)
    const taken = store?.take(fileOf(100), key(100))?.record
    expect(taken && unpack(taken.terms)).toEqual(fresh.terms)
    kept.forEach((record, j) => {
      const again = store?.take(fileOf(j + 1), key(j + 1))?.record
      expect(again && withoutTerms(again)).toEqual(storedForm(record))
      expect(again && unpack(again.terms)).toEqual(record.terms)
    })
    const used = new Set(records.flatMap((record) => (record.terms ?? []).flatMap((field) => field.terms)))
    expect(new Set(store?.dictionary.terms)).toEqual(used)
    if (keep) expect(store?.dictionary.terms).toEqual(last?.dictionary.terms)
  })

  test('a flipped letter in a dictionary term (rows checksummed, the dictionary not): the store is not read', () => {
    const file = storeFile()
    write(
      file,
      records.map((_, i) => entry(i)),
    )
    const bytes = readFileSync(file)
    const at = bytes.lastIndexOf(Buffer.from('"hannibal"')) + 1
    bytes[at] = 'x'.charCodeAt(0)
    writeFileSync(file, bytes)
    expect(readRecordStore(file)).toBeUndefined()
  })

  test('any bit flipped anywhere: every record taken is the one stored, or none', () => {
    const file = storeFile()
    write(
      file,
      records.map((_, i) => entry(i)),
    )
    const original = readFileSync(file)
    fc.assert(
      fc.property(fc.nat(original.length - 1), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        const bytes = Buffer.from(original)
        bytes[at] = (bytes[at] as number) ^ (1 << bit)
        writeFileSync(file, bytes)
        const store = readRecordStore(file)
        records.forEach((record, i) => {
          const taken = store?.take(fileOf(i), key(i))?.record
          if (taken === undefined) return
          expect(withoutTerms(taken)).toEqual(storedForm(record))
          expect(unpack(taken.terms)).toEqual(record.terms)
        })
      }),
      fcParameters(300),
    )
  })

  test('a dictionary mostly unused is not kept: the next store holds only the terms it uses', () => {
    const first = storeFile()
    write(
      first,
      records.map((_, i) => entry(i)),
    )
    const [one = records[0] as IndexRecord] = records
    const last = readRecordStore(first)
    const second = storeFile()
    write(second, [entry(0, last?.take(fileOf(0), key(0))?.record)], last)
    const kept = readRecordStore(second)
    expect(kept?.dictionary.terms).toEqual(last?.dictionary.terms) // ids kept…
    expect(kept?.reusable).toBe(false) // …but most of them are stale now
    const third = storeFile()
    write(third, [entry(0, kept?.take(fileOf(0), key(0))?.record)], kept)
    const compact = readRecordStore(third)
    expect(new Set(compact?.dictionary.terms)).toEqual(new Set((one.terms ?? []).flatMap((field) => field.terms)))
    const taken = compact?.take(fileOf(0), key(0))?.record
    expect(taken && unpack(taken.terms)).toEqual(one.terms)
  })

  test('a discarded store leaves the last one in place', () => {
    const file = storeFile()
    write(file, [entry(0)])
    const writer = createStoreWriter(file, () => undefined)
    if ('reason' in writer) throw new Error(writer.reason)
    writer.add(entry(1))
    writer.discard()
    expect(readRecordStore(file)?.keyOf(fileOf(0))).toBe(key(0))
    expect(readRecordStore(file)?.keyOf(fileOf(1))).toBeUndefined()
  })

  test('no store, or a folder that cannot hold one, is no store', () => {
    expect(readRecordStore(storeFile())).toBeUndefined()
    const folder = path.dirname(storeFile())
    writeFileSync(path.join(folder, 'file'), 'a file where the folder should be')
    expect(createStoreWriter(path.join(folder, 'file', 'records.bin'), () => undefined)).toEqual({ reason: 'ENOTDIR' })
  })

  describe('an unusable store is ignored, never half-read', () => {
    const file = storeFile()
    write(
      file,
      records.slice(0, 4).map((_, i) => entry(i)),
    )
    const good = readFileSync(file)
    const split = good.lastIndexOf(0x0a)
    // After the newline: the table's CRC-32 (8 hex digits), then the table.
    const table = JSON.parse(good.toString('utf8', split + 9)) as Record<string, unknown> & { rows: unknown[][] }
    /** The store with its table changed, and checksummed again: what the other checks catch. */
    const withTable = (change: (copy: typeof table) => void) => {
      const copy = structuredClone(table)
      change(copy)
      const text = Buffer.from(JSON.stringify(copy))
      return Buffer.concat([good.subarray(0, split + 1), Buffer.from(crc32(text).toString(16).padStart(8, '0')), text])
    }

    test.each([
      ['empty', Buffer.alloc(0)],
      ['not ours', Buffer.from('\n{"format":"something else","version":1}')],
      ['another version', withTable((copy) => (copy['version'] = 1))],
      [
        'a table whose checksum does not match',
        Buffer.concat([good.subarray(0, split + 1), Buffer.from('00000000'), good.subarray(split + 9)]),
      ],
      ['another byte order', withTable((copy) => (copy['endianness'] = copy['endianness'] === 'LE' ? 'BE' : 'LE'))],
      ['a dictionary that is not strings', withTable((copy) => (copy['dictionary'] = [1, 2]))],
      ['a row past the end', withTable((copy) => ((copy.rows[0] as unknown[])[4] = good.length))],
      ['misaligned counts', withTable((copy) => ((copy.rows[0] as unknown[])[2] = 2))],
      ['a row of the wrong shape', withTable((copy) => copy.rows.push(['/a.md', 'key']))],
      ['garbage', Buffer.from([0, 159, 146, 150, 255, 10, 1, 2])],
    ])('%s', (_, bytes) => {
      writeFileSync(file, bytes)
      expect(readRecordStore(file)).toBeUndefined()
    })

    test('cut anywhere: no store, or rows that read exactly as written', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: good.length - 1 }), (end) => {
          writeFileSync(file, good.subarray(0, end))
          const store = readRecordStore(file)
          if (store === undefined) return
          records.slice(0, 4).forEach((record, i) => {
            const taken = store.take(fileOf(i), key(i))?.record
            if (taken !== undefined) expect(unpack(taken.terms)).toEqual(record.terms)
          })
        }),
        fcParameters(200),
      )
    })

    test('any flipped bit in a row is caught by its checksum: that row is not given, the others are', () => {
      const rows = table.rows as [string, string, number, number, number, number, number][]
      const inRow = (at: number, [, , codesAt, codesLength, textAt, textLength]: (typeof rows)[number]) =>
        (at >= codesAt && at < codesAt + 4 * codesLength) || (at >= textAt && at < textAt + textLength)
      const [first] = rows
      if (first === undefined) throw new Error('no rows')
      fc.assert(
        fc.property(fc.integer({ min: 0, max: (rows[1]?.[2] ?? 1) - 1 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
          const bad = Buffer.from(good)
          bad[at] = (bad[at] as number) ^ (1 << bit)
          writeFileSync(file, bad)
          const store = readRecordStore(file)
          // Padding bytes between rows belong to no row: flipping one changes nothing.
          if (inRow(at, first)) expect(store?.take(fileOf(0), key(0))).toBeUndefined()
          const taken = store?.take(fileOf(2), key(2))?.record
          expect(taken && withoutTerms(taken)).toEqual(storedForm(records[2] as IndexRecord))
        }),
        fcParameters(200),
      )
    })
  })
})
