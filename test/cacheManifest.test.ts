import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { createIndexBuilder, parseArticle } from '../src/build.js'
import type { IndexRecord } from '../src/extract/record.js'
import type { RecordTerms } from '../src/builder/countTerms.js'
import { searchFields } from '../src/core/options.js'
import { attachPackedTerms, packedTermsOf, packTerms, type PackedTerms, type TermDictionary, type TermIds } from '../src/builder/packedTerms.js'
import { createManifestWriter, readCacheManifest, type CacheManifest } from '../src/node/cacheManifest.js'
import type { ExtractedFile } from '../src/node/extractArticleFile.js'
import type { RecordCacheLocation } from '../src/node/recordCache.js'
import { fixtureSlugs, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

const folders: string[] = []
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })))

function location(): RecordCacheLocation {
  const root = mkdtempSync(path.join(tmpdir(), 'manifest-'))
  folders.push(root)
  return { root, fingerprint: '0123456789abcdef' }
}

const manifestFile = (at: RecordCacheLocation) => path.join(at.root, at.fingerprint, 'manifest.bin')

const builder = createIndexBuilder({ body: 'full' })
const records: IndexRecord[] = fixtureSlugs().map((slug) => builder.extract(parseArticle(readFixture(slug), { id: slug })))
const key = (i: number) => `${String(i).padStart(64, '0')}-${'f'.repeat(16)}`
const fileOf = (i: number) => `/articles/${i}.md`

/** The counts of a record however they travel: strings, or ids into a dictionary. */
function countsOf(record: IndexRecord): RecordTerms {
  const packed = packedTermsOf(record)
  if (packed === undefined) return record.terms ?? []
  return unpack(packed)
}

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

/** What a manifest row keeps of a record. */
const listedForm = ({ terms: _terms, ...record }: IndexRecord) => ({ ...record, infobox: '' })

/** A record as a worker hands on a cache hit: counts packed into its dictionary, no infobox text. */
function fromWorker(record: IndexRecord, worker: { ids: TermIds; dictionary: TermDictionary }): IndexRecord {
  const { codes, newTerms } = packTerms(record.terms ?? [], worker.ids)
  worker.dictionary.terms.push(...newTerms)
  const { terms: _terms, ...rest } = record
  const packed: IndexRecord = { ...rest, infobox: '' }
  attachPackedTerms(packed, { codes, dictionary: worker.dictionary })
  return packed
}

function write(at: RecordCacheLocation, files: readonly ExtractedFile[], last?: CacheManifest): void {
  const writer = createManifestWriter(at, () => last)
  if (writer === undefined) throw new Error('no writer')
  for (const file of files) writer.add(file)
  writer.commit()
}

describe('the cache manifest', () => {
  test('lists what a build extracted, however the counts arrived, and gives it back', () => {
    const at = location()
    const workers = [0, 1].map(() => ({ ids: new Map<string, number>(), dictionary: { terms: [] as string[] } }))
    const files: ExtractedFile[] = records.map((record, i) => ({
      path: fileOf(i),
      record: i % 3 === 0 ? record : fromWorker(record, workers[i % 3 === 1 ? 0 : 1] as (typeof workers)[number]),
      diagnostics: record.diagnostics,
      cache: 'miss',
      cacheKey: key(i),
    }))
    const skipped: ExtractedFile = { path: '/articles/broken.md', diagnostics: [{ severity: 'error', code: 'front-matter-missing', message: 'no front matter' }], cache: 'miss', cacheKey: key(999) }
    const uncached: ExtractedFile = { path: '/articles/unreadable.md', diagnostics: [], cache: 'off' }
    write(at, [...files, skipped, uncached])

    const manifest = readCacheManifest(at)
    expect(manifest).toBeDefined()
    records.forEach((record, i) => {
      expect(manifest?.keyOf(fileOf(i))).toBe(key(i))
      expect(manifest?.take(fileOf(i), key(999))).toBeUndefined() // another key: the file changed
      const listed = manifest?.take(fileOf(i), key(i))
      expect(listed?.record).toEqual(listedForm(record))
      expect(countsOf(listed?.record as IndexRecord)).toEqual(record.terms)
    })
    expect(manifest?.take(skipped.path, key(999))).toEqual({ diagnostics: skipped.diagnostics })
    expect(manifest?.keyOf(uncached.path)).toBeUndefined()
  })

  test.each([
    ['keeping its term ids', true],
    ['renumbering its counts', false],
  ])('a manifest written from the last one (its rows reused, one file new) reads the same, %s', (_, keep) => {
    const first = location()
    write(first, records.map((record, i) => ({ path: fileOf(i), record, diagnostics: [], cache: 'miss', cacheKey: key(i) })))
    const last = readCacheManifest(first)
    expect(last?.reusable).toBe(true)
    const second = location()
    const [fresh = records[0] as IndexRecord, ...kept] = records
    write(
      second,
      [
        { path: fileOf(100), record: fresh, diagnostics: [], cache: 'miss', cacheKey: key(100) },
        ...kept.map((_, j): ExtractedFile => ({ path: fileOf(j + 1), ...last?.take(fileOf(j + 1), key(j + 1)), diagnostics: [], cache: 'hit', cacheKey: key(j + 1) })),
      ],
      keep ? last : undefined,
    )
    const manifest = readCacheManifest(second)
    expect(countsOf(manifest?.take(fileOf(100), key(100))?.record as IndexRecord)).toEqual(fresh.terms)
    kept.forEach((record, j) => {
      const listed = manifest?.take(fileOf(j + 1), key(j + 1))?.record as IndexRecord
      expect(listed).toEqual(listedForm(record))
      expect(countsOf(listed)).toEqual(record.terms)
    })
    const used = new Set(records.flatMap((record) => (record.terms ?? []).flatMap((field) => field.terms)))
    expect(new Set(manifest?.dictionary.terms)).toEqual(used)
    if (keep) expect(manifest?.dictionary.terms).toEqual(last?.dictionary.terms)
  })

  test('a dictionary mostly unused is not kept: the next manifest holds only the terms it lists', () => {
    const first = location()
    write(first, records.map((record, i) => ({ path: fileOf(i), record, diagnostics: [], cache: 'miss', cacheKey: key(i) })))
    const [one = records[0] as IndexRecord] = records
    const second = location()
    const last = readCacheManifest(first)
    write(second, [{ path: fileOf(0), ...last?.take(fileOf(0), key(0)), diagnostics: [], cache: 'hit', cacheKey: key(0) }], last)
    const kept = readCacheManifest(second)
    expect(kept?.dictionary.terms).toEqual(last?.dictionary.terms) // ids kept…
    expect(kept?.reusable).toBe(false) // …but most of them are stale now
    const third = location()
    write(third, [{ path: fileOf(0), ...kept?.take(fileOf(0), key(0)), diagnostics: [], cache: 'hit', cacheKey: key(0) }], kept)
    const compact = readCacheManifest(third)
    expect(new Set(compact?.dictionary.terms)).toEqual(new Set((one.terms ?? []).flatMap((field) => field.terms)))
    expect(countsOf(compact?.take(fileOf(0), key(0))?.record as IndexRecord)).toEqual(one.terms)
  })

  test('a discarded manifest leaves the last one in place', () => {
    const at = location()
    write(at, [{ path: fileOf(0), record: records[0] as IndexRecord, diagnostics: [], cache: 'miss', cacheKey: key(0) }])
    const writer = createManifestWriter(at)
    writer?.add({ path: fileOf(1), record: records[1] as IndexRecord, diagnostics: [], cache: 'miss', cacheKey: key(1) })
    writer?.discard()
    expect(readCacheManifest(at)?.keyOf(fileOf(0))).toBe(key(0))
    expect(readCacheManifest(at)?.keyOf(fileOf(1))).toBeUndefined()
  })

  test('no manifest, or a folder that cannot hold one, is no manifest', () => {
    expect(readCacheManifest(location())).toBeUndefined()
    const at = location()
    writeFileSync(path.join(at.root, at.fingerprint), 'a file where the folder should be')
    expect(createManifestWriter(at)).toBeUndefined()
  })

  describe('an unusable manifest is ignored, never half-read', () => {
    const at = location()
    write(at, records.slice(0, 4).map((record, i) => ({ path: fileOf(i), record, diagnostics: [], cache: 'miss', cacheKey: key(i) })))
    const good = readFileSync(manifestFile(at))
    const split = good.lastIndexOf(0x0a)
    const table = JSON.parse(good.toString('utf8', split + 1)) as Record<string, unknown> & { rows: unknown[][] }
    const withTable = (change: (copy: typeof table) => void) => {
      const copy = structuredClone(table)
      change(copy)
      return Buffer.concat([good.subarray(0, split + 1), Buffer.from(JSON.stringify(copy))])
    }

    test.each([
      ['empty', Buffer.alloc(0)],
      ['not ours', Buffer.from('\n{"format":"something else","version":1}')],
      ['another version', withTable((copy) => (copy['version'] = 2))],
      ['another byte order', withTable((copy) => (copy['endianness'] = copy['endianness'] === 'LE' ? 'BE' : 'LE'))],
      ['a dictionary that is not strings', withTable((copy) => (copy['dictionary'] = [1, 2]))],
      ['a row past the end', withTable((copy) => ((copy.rows[0] as unknown[])[4] = good.length))],
      ['misaligned counts', withTable((copy) => ((copy.rows[0] as unknown[])[2] = 2))],
      ['a row of the wrong shape', withTable((copy) => copy.rows.push(['/a.md', 'key']))],
      ['garbage', Buffer.from([0, 159, 146, 150, 255, 10, 1, 2])],
    ])('%s', (_, bytes) => {
      writeFileSync(manifestFile(at), bytes)
      expect(readCacheManifest(at)).toBeUndefined()
    })

    test('cut anywhere: no manifest, or rows that read exactly as written', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: good.length - 1 }), (end) => {
          writeFileSync(manifestFile(at), good.subarray(0, end))
          const manifest = readCacheManifest(at)
          if (manifest === undefined) return
          records.slice(0, 4).forEach((record, i) => {
            const listed = manifest.take(fileOf(i), key(i))?.record
            if (listed !== undefined) expect(countsOf(listed)).toEqual(record.terms)
          })
        }),
        fcParameters(200),
      )
    })

    test('a row whose JSON or counts do not check out is not given; the others are', () => {
      const rows = table.rows as [string, string, number, number, number, number][]
      const [, , codesAt = 0] = rows[0] ?? []
      const [, , , , textAt = 0] = rows[1] ?? []
      const bad = Buffer.from(good)
      bad.writeUInt32LE(0xffffffff, codesAt + 8) // the first term id of row 0, out of the dictionary
      bad.write('}', textAt) // row 1's JSON
      writeFileSync(manifestFile(at), bad)
      const manifest = readCacheManifest(at)
      expect(manifest?.take(fileOf(0), key(0))).toBeUndefined()
      expect(manifest?.take(fileOf(1), key(1))).toBeUndefined()
      expect(manifest?.take(fileOf(2), key(2))?.record).toEqual(listedForm(records[2] as IndexRecord))
    })
  })
})
