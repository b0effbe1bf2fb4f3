import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { endianness } from 'node:os'
import { crc32 } from 'node:zlib'
import type { CachedRecord } from '../../builder/buildIndex.js'
import {
  forEachTermId,
  isPackedTerms,
  packTerms,
  type TermDictionary,
  type TermIds,
} from '../../builder/packedTerms.js'
import { isCount, isRecord } from '../../core/guards.js'
import type { IndexRecord } from '../../extract/record.js'
import type { Diagnostic } from '../../parse/article.js'

/**
 * The build cache's one store: every file of the last complete build, in one
 * binary file. For each file: its path, its cache key (content hash and
 * id), its extraction as JSON (the record without its term counts and its
 * infobox text, which is counted, never stored), its counts as ids into the
 * store's one term dictionary, and a CRC-32 of both. A rebuild reads and
 * hashes every file; when the key is the one stored, the record comes from
 * here: no YAML, no Markdown, no term string to parse or hash.
 *
 * Layout: the rows, each its counts (32-bit words in this machine's byte
 * order, 4-byte aligned) then its JSON (UTF-8); then a newline, the CRC-32 of
 * the table of contents (8 hex digits), and the table as JSON, which has no
 * raw newline in it: `{format, version, endianness, dictionary, stale, rows:
 * [path, key, codesAt, codesLength, textAt, textLength, crc][]}` (offsets in
 * bytes, `codesLength` in words; `stale`: how many dictionary terms no row
 * uses). The table's own checksum covers the dictionary, which the rows'
 * checksums do not: a flipped letter in a term would make every row that
 * counts it wrong.
 */
export interface RecordStore {
  /** The terms the stored counts refer to. */
  readonly dictionary: TermDictionary
  /** Whether the next store should keep `dictionary`'s ids: at most half of its terms are unused. */
  readonly reusable: boolean
  /** The cache key stored for `file` (a path), if any. */
  keyOf(file: string): string | undefined
  /** The extraction stored for `file` under `key`; `undefined` when there is none or its row does not check out. */
  take(file: string, key: string): StoredExtraction | undefined
  /** The stored row of `file`, for copying into the next store as it is. */
  row(file: string): StoreRow | undefined
}

/** What the store keeps for one file: the record, or why there is none. */
export interface StoredExtraction {
  readonly record?: CachedRecord
  readonly diagnostics: readonly Diagnostic[]
}

/** One row's bytes: the packed counts and the JSON text. */
export interface StoreRow {
  readonly codes: Uint32Array
  readonly text: Uint8Array
}

/** One file's extraction, as the next store is given it. */
export interface StoreEntry {
  readonly path: string
  readonly key: string
  /** A record just extracted (its counts as strings), or the one taken from the last store. */
  readonly record: IndexRecord | CachedRecord | undefined
  readonly diagnostics: readonly Diagnostic[]
}

/** Writes the next store while a build goes on; see `createStoreWriter`. */
export interface StoreWriter {
  add(entry: StoreEntry): void
  /** Write the table of contents and put the store in place of the last one. Never throws. */
  commit(): void
  /** Drop what was written (a build that wrote no index). */
  discard(): void
}

const storeFormat = 'infobox-search-record-store'
/** 2: the table of contents carries its CRC-32. */
const storeVersion = 2
const newline = 0x0a

interface Row {
  readonly key: string
  readonly codesAt: number
  readonly codesLength: number
  readonly textAt: number
  readonly textLength: number
  readonly crc: number
}

/** The store in `file`, or `undefined` when there is none or it is unusable (torn, garbled, foreign). */
export function readRecordStore(file: string): RecordStore | undefined {
  let bytes: Buffer
  try {
    const read = readFileSync(file)
    // A copy of our own when the read is not 4-byte aligned (the counts are read in place).
    bytes = read.byteOffset % 4 === 0 ? read : Buffer.from(new Uint8Array(read))
  } catch {
    return undefined
  }
  try {
    return openStore(bytes)
  } catch {
    return undefined
  }
}

function openStore(bytes: Buffer): RecordStore | undefined {
  const split = bytes.lastIndexOf(newline)
  if (split < 0) return undefined
  const table = bytes.subarray(split + 9)
  if (bytes.toString('latin1', split + 1, split + 9) !== crcText(crc32(table))) return undefined
  const contents: unknown = JSON.parse(table.toString('utf8'))
  if (!isRecord(contents) || contents['format'] !== storeFormat || contents['version'] !== storeVersion)
    return undefined
  const { dictionary, rows, stale } = contents
  if (contents['endianness'] !== endianness() || !isCount(stale)) return undefined
  if (!Array.isArray(dictionary) || !dictionary.every((term) => typeof term === 'string') || !Array.isArray(rows))
    return undefined
  const byPath = new Map<string, Row>()
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== 7) return undefined
    const [file, key, codesAt, codesLength, textAt, textLength, crc] = row as unknown[]
    if (
      typeof file !== 'string' ||
      typeof key !== 'string' ||
      ![codesAt, codesLength, textAt, textLength, crc].every(isCount)
    )
      return undefined
    const entry = { key, codesAt, codesLength, textAt, textLength, crc } as Row
    if (
      entry.codesAt % 4 !== 0 ||
      entry.codesAt + 4 * entry.codesLength > split ||
      entry.textAt + entry.textLength > split
    )
      return undefined
    byPath.set(file, entry)
  }
  const terms: TermDictionary = { terms: dictionary }
  const rowOf = (row: Row): StoreRow => ({
    codes: new Uint32Array(bytes.buffer, bytes.byteOffset + row.codesAt, row.codesLength),
    text: bytes.subarray(row.textAt, row.textAt + row.textLength),
  })
  return {
    dictionary: terms,
    reusable: 2 * stale <= dictionary.length,
    keyOf: (file) => byPath.get(file)?.key,
    row(file) {
      const row = byPath.get(file)
      return row === undefined ? undefined : rowOf(row)
    },
    take(file, key) {
      const row = byPath.get(file)
      if (row?.key !== key) return undefined
      const { codes, text } = rowOf(row)
      if (checksum(codes, text) !== row.crc) return undefined
      return readRow(codes, text, terms)
    },
  }
}

/** A row's extraction, its record's counts attached; `undefined` when it does not check out. */
function readRow(codes: Uint32Array, text: Uint8Array, dictionary: TermDictionary): StoredExtraction | undefined {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'))
  } catch {
    return undefined
  }
  if (!isRecord(value)) return undefined
  const { record, diagnostics } = value
  if (!Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic)) return undefined
  if (record === undefined) return codes.length === 0 ? { diagnostics } : undefined
  if (!isStoredRecord(record) || !isPackedTerms(codes, dictionary.terms.length)) return undefined
  return { record: { ...record, terms: { codes, dictionary } }, diagnostics }
}

/**
 * Start the next store in `temporary` (renamed to `target` on commit);
 * `undefined` when it cannot be created (the build goes on without).
 * `last` gives the store this build read, if any (asked for at the first
 * entry): rows taken from it are copied as they are, keeping its term ids,
 * unless half of its dictionary is unused — then every count is renumbered
 * into a dictionary of only the terms stored.
 * @throws nothing; the file system's error code is in `reason` when it failed.
 */
export function createStoreWriter(
  target: string,
  last: () => RecordStore | undefined,
): StoreWriter | { readonly reason: string } {
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  let handle: number | undefined
  try {
    handle = openSync(temporary, 'w')
  } catch (error) {
    return { reason: (error as NodeJS.ErrnoException).code ?? String(error) }
  }
  const rows: [string, string, number, number, number, number, number][] = []
  /** The last store, asked for at the first entry. */
  let previous: RecordStore | undefined | null = null
  /** The last store when its ids are kept. */
  let base: RecordStore | undefined
  let dictionary: string[] = []
  /** term → id, made when first needed (a record not counted in `base`). */
  let ids: TermIds | undefined
  /** Per source dictionary: the id in this store of each of its ids already looked up. */
  const renumbered = new WeakMap<TermDictionary, number[]>()
  /** Which of `base`'s ids a row uses. */
  let used = new Uint8Array(0)
  let written = 0
  let pending: Uint8Array[] = []
  let pendingBytes = 0

  const idsOf = (): TermIds => (ids ??= new Map(dictionary.map((term, id) => [term, id])))
  const idOf = (term: string): number => {
    const known = idsOf()
    let id = known.get(term)
    if (id === undefined) {
      known.set(term, (id = dictionary.length))
      dictionary.push(term)
    }
    return id
  }
  /** `codes` of `source`'s ids in this store's ids. */
  const renumber = (codes: Uint32Array, source: TermDictionary): Uint32Array => {
    if (source === base?.dictionary) return codes
    let numbers = renumbered.get(source)
    if (numbers === undefined) renumbered.set(source, (numbers = []))
    const copy = codes.slice()
    forEachTermId(copy, (at) => {
      const id = copy[at] as number
      copy[at] = numbers[id] ??= idOf(source.terms[id] as string)
    })
    return copy
  }
  /** The row for an entry: copied from the last store when the record came from there, else made. */
  const rowOf = (entry: StoreEntry): StoreRow | undefined => {
    const { record } = entry
    if (record !== undefined && !('infobox' in record)) {
      const stored = previous?.keyOf(entry.path) === entry.key ? previous.row(entry.path) : undefined
      const codes = renumber(record.terms.codes, record.terms.dictionary)
      return { codes, text: stored?.text ?? encode(entry) }
    }
    if (record === undefined) return { codes: new Uint32Array(0), text: encode(entry) }
    if (record.terms === undefined) return undefined
    const packed = packTerms(record.terms, idsOf())
    for (const term of packed.newTerms) dictionary.push(term)
    return { codes: packed.codes, text: encode(entry) }
  }
  const flush = (): void => {
    if (handle === undefined) return
    const chunk = Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    for (let at = 0; at < chunk.length;) at += writeSync(handle, chunk, at)
  }
  const append = (chunk: Uint8Array): number => {
    const at = written
    pending.push(chunk)
    pendingBytes += chunk.length
    written += chunk.length
    if (pendingBytes >= 1 << 20) flush()
    return at
  }
  const close = (): void => {
    if (handle !== undefined) closeSync(handle)
    handle = undefined
  }
  const discard = (): void => {
    try {
      close()
    } catch {
      // Closing a file we only wrote to: nothing to do about a failure.
    }
    try {
      unlinkSync(temporary)
    } catch {
      // Already gone.
    }
  }

  return {
    add(entry) {
      if (handle === undefined) return
      if (previous === null) {
        previous = last()
        base = previous?.reusable === true ? previous : undefined
        if (base !== undefined) {
          dictionary = [...base.dictionary.terms]
          used = new Uint8Array(dictionary.length)
        }
      }
      const row = rowOf(entry)
      if (row === undefined) return
      const { codes, text } = row
      if (used.length > 0) forEachTermId(codes, (at) => (used[codes[at] as number] = 1))
      try {
        if (written % 4 !== 0) append(new Uint8Array(4 - (written % 4)))
        const codesAt = append(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength))
        rows.push([entry.path, entry.key, codesAt, codes.length, append(text), text.length, checksum(codes, text)])
      } catch {
        // A full disk, say: no store this time.
        discard()
      }
    },
    commit() {
      if (handle === undefined) return
      try {
        const stale = used.length - used.reduce((sum, flag) => sum + flag, 0)
        const table = { format: storeFormat, version: storeVersion, endianness: endianness(), dictionary, stale, rows }
        const text = Buffer.from(JSON.stringify(table), 'utf8')
        append(Buffer.from(`\n${crcText(crc32(text))}`, 'latin1'))
        append(text)
        flush()
        close()
        renameSync(temporary, target)
      } catch {
        discard()
      }
    },
    discard,
  }
}

/** What a row keeps of an extraction: the record without its counts and its infobox text. */
function encode({ record, diagnostics }: StoreEntry): Uint8Array {
  if (record === undefined) return Buffer.from(JSON.stringify({ diagnostics }), 'utf8')
  const { terms: _counted, ...rest } = record
  const { infobox: _notStored, custom: _alsoNotStored, ...stored } = rest as Partial<IndexRecord>
  return Buffer.from(JSON.stringify({ record: stored, diagnostics }), 'utf8')
}

/** A CRC-32 as 8 hex digits. */
function crcText(crc: number): string {
  return crc.toString(16).padStart(8, '0')
}

function checksum(codes: Uint32Array, text: Uint8Array): number {
  return crc32(text, crc32(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength)))
}

function isDiagnostic(value: unknown): value is Diagnostic {
  return (
    isRecord(value) &&
    (value['severity'] === 'error' || value['severity'] === 'warning') &&
    typeof value['code'] === 'string' &&
    typeof value['message'] === 'string'
  )
}

/** A stored record's shape: what `IndexBuilder.add` reads of a `CachedRecord`, its counts apart. */
function isStoredRecord(value: unknown): value is Omit<CachedRecord, 'terms'> {
  if (!isRecord(value)) return false
  const facets = value['facets']
  return (
    ['id', 'title', 'body'].every((key) => typeof value[key] === 'string') &&
    ['shortDescription', 'description', 'image', 'date', 'place'].every(
      (key) => value[key] === undefined || typeof value[key] === 'string',
    ) &&
    (value['fields'] === undefined || isRecord(value['fields'])) &&
    isRecord(facets) &&
    ['kind', 'place', 'placeHierarchy', 'combatant', 'country'].every((key) => Array.isArray(facets[key])) &&
    isRecord(facets['extra']) &&
    isRecord(facets['labels']) &&
    Array.isArray(facets['linkAliases']) &&
    Array.isArray(value['diagnostics'])
  )
}
