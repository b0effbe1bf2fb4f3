import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { endianness } from 'node:os'
import path from 'node:path'
import type { IndexRecord } from '../extract/record.js'
import { searchFields } from '../core/options.js'
import { attachPackedTerms, packedTermsOf, packTerms, type TermDictionary, type TermIds } from '../builder/packedTerms.js'
import type { ExtractedFile } from './extractArticleFile.js'
import { narrowExtraction, type CachedExtraction, type RecordCacheLocation } from './recordCache.js'

/**
 * The last build's extractions in one file beside the per-file cache entries,
 * `<root>/<fingerprint>/manifest.bin`: for each file, its cache key, its
 * extraction as JSON (the record without its term counts and its infobox
 * text, which is counted, never stored) and its counts as ids into one term
 * dictionary. A rebuild still reads and hashes every file; when the key is
 * the one listed, the record comes from here: no entry file to open, no term
 * string to parse or hash. Reading 10,000 entries and packing their terms
 * was about two thirds of a rebuild after one change.
 *
 * Only an accelerator: a missing, torn or foreign manifest is ignored (the
 * per-file entries still serve), and a row that does not check out is read
 * from its entry instead.
 *
 * Layout: the rows, each its counts (32-bit words in this machine's byte
 * order, 4-byte aligned) then its JSON (UTF-8); then a newline and the table
 * of contents as JSON, which has no raw newline in it: `{format, version,
 * endianness, dictionary, stale, rows: [path, key, codesAt, codesLength,
 * textAt, textLength][]}` (offsets in bytes, `codesLength` in words; `stale`:
 * how many dictionary terms no row uses).
 */
export interface CacheManifest {
  /** The ids of the counts it gives. */
  readonly dictionary: TermDictionary
  /** Whether the next manifest should keep `dictionary`'s ids: at most half of its terms are no longer used. */
  readonly reusable: boolean
  /** The cache key the last build listed for `file` (a path), if any. */
  keyOf(file: string): string | undefined
  /**
   * The extraction listed for `file` under `key`, its record's counts
   * attached (`packedTermsOf`); `undefined` when the row is unusable.
   */
  take(file: string, key: string): CachedExtraction | undefined
}

/** Builds the next manifest while a build goes on; see `createManifestWriter`. */
export interface ManifestWriter {
  /** List a file's extraction. Files without a cache key (never cached) are left out. */
  add(file: ExtractedFile): void
  /** Write the table of contents and put the manifest in place of the last one. Never throws. */
  commit(): void
  /** Drop what was written (a build that wrote no index). */
  discard(): void
}

const manifestFormat = 'infobox-search-cache-manifest'
const manifestVersion = 1
const newline = 0x0a

/** The JSON (UTF-8) of records that came from a manifest, written again as it was. */
const listedTexts = new WeakMap<IndexRecord, Uint8Array>()

/** The manifest of the cache at `location`, or `undefined` when there is none or it is unusable. */
export function readCacheManifest(location: RecordCacheLocation): CacheManifest | undefined {
  let bytes: Uint8Array
  try {
    // A copy of our own when the read is not 4-byte aligned (the counts are read in place).
    const read = readFileSync(manifestPath(location))
    bytes = read.byteOffset % 4 === 0 ? read : new Uint8Array(read)
  } catch {
    return undefined
  }
  try {
    return openManifest(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  } catch {
    return undefined
  }
}

/** `readCacheManifest(location)`, read once, when first asked for. */
export function lazyCacheManifest(location: RecordCacheLocation): () => CacheManifest | undefined {
  let manifest: CacheManifest | undefined | null = null
  return () => (manifest === null ? (manifest = readCacheManifest(location)) : manifest)
}

interface Row {
  readonly key: string
  readonly codesAt: number
  readonly codesLength: number
  readonly textAt: number
  readonly textLength: number
}

function openManifest(bytes: Buffer): CacheManifest | undefined {
  const split = bytes.lastIndexOf(newline)
  if (split < 0) return undefined
  const contents: unknown = JSON.parse(bytes.toString('utf8', split + 1))
  if (!isObject(contents) || contents['format'] !== manifestFormat || contents['version'] !== manifestVersion || contents['endianness'] !== endianness()) return undefined
  const { dictionary, rows, stale } = contents
  if (!Array.isArray(dictionary) || !dictionary.every((term) => typeof term === 'string') || !Array.isArray(rows) || !isCount(stale)) return undefined
  const byPath = new Map<string, Row>()
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== 6) return undefined
    const [file, key, codesAt, codesLength, textAt, textLength] = row as unknown[]
    if (typeof file !== 'string' || typeof key !== 'string' || ![codesAt, codesLength, textAt, textLength].every(isCount)) return undefined
    const entry = { key, codesAt, codesLength, textAt, textLength } as Row
    if (entry.codesAt % 4 !== 0 || entry.codesAt + 4 * entry.codesLength > split || entry.textAt + entry.textLength > split) return undefined
    byPath.set(file, entry)
  }
  const terms: TermDictionary = { terms: dictionary as string[] }
  return {
    dictionary: terms,
    reusable: 2 * (stale as number) <= dictionary.length,
    keyOf: (file) => byPath.get(file)?.key,
    take(file, key) {
      const row = byPath.get(file)
      if (row?.key !== key) return undefined
      const text = bytes.subarray(row.textAt, row.textAt + row.textLength)
      let extraction: CachedExtraction | undefined
      try {
        extraction = narrowExtraction(JSON.parse(text.toString('utf8')))
      } catch {
        return undefined
      }
      const record = extraction?.record
      if (record === undefined) return row.codesLength === 0 ? extraction : undefined
      if (record.terms !== undefined) return undefined
      const codes = new Uint32Array(bytes.buffer, bytes.byteOffset + row.codesAt, row.codesLength)
      if (!wellFormed(codes, terms.terms.length)) return undefined
      attachPackedTerms(record, { codes, dictionary: terms })
      listedTexts.set(record, text)
      return extraction
    },
  }
}

/** Whether `codes` are one record's packed counts (see `PackedTerms`), every id in the dictionary. */
function wellFormed(codes: Uint32Array, terms: number): boolean {
  let at = 0
  for (let field = 0; field < searchFields.length; field++) {
    if (at + 2 > codes.length) return false
    const end = at + 2 + 2 * (codes[at + 1] as number)
    if (end > codes.length) return false
    for (at += 2; at < end; at += 2) if ((codes[at] as number) >= terms) return false
  }
  return at === codes.length
}

/**
 * Start the next manifest, in a temporary file beside the last one;
 * `undefined` when the cache folder cannot be written (the build goes on).
 * `last` gives the manifest this build read, if any (asked for at the first
 * file): its rows' JSON and counts are copied as they are, keeping its term
 * ids, unless half of its dictionary is unused — then every count is
 * renumbered into a dictionary of only the terms listed.
 */
export function createManifestWriter(location: RecordCacheLocation, last?: () => CacheManifest | undefined): ManifestWriter | undefined {
  const target = manifestPath(location)
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  let handle: number | undefined
  try {
    mkdirSync(path.dirname(target), { recursive: true })
    handle = openSync(temporary, 'w')
  } catch {
    return undefined
  }
  const rows: [string, string, number, number, number, number][] = []
  /** The dictionary whose ids are kept, if any; asked for at the first file. */
  let base: TermDictionary | undefined | null = null
  let dictionary: string[] = []
  /** term → id, made when first needed (a record not counted in `base`). */
  let ids: TermIds | undefined
  /** Per source dictionary: the id of each of its ids already looked up. */
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
  const codesOf = (record: IndexRecord): Uint32Array | undefined => {
    const packed = packedTermsOf(record)
    if (packed === undefined) {
      if (record.terms === undefined) return undefined
      const { codes, newTerms } = packTerms(record.terms, idsOf())
      for (const term of newTerms) dictionary.push(term)
      return codes
    }
    const source = packed.dictionary
    if (source === base) return packed.codes
    let numbers = renumbered.get(source)
    if (numbers === undefined) renumbered.set(source, (numbers = []))
    const codes = packed.codes.slice()
    forEachId(codes, (at) => {
      const id = codes[at] as number
      codes[at] = numbers[id] ??= idOf(source.terms[id] as string)
    })
    return codes
  }
  const flush = (): void => {
    if (handle === undefined) return
    const chunk = Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    for (let at = 0; at < chunk.length; ) at += writeSync(handle, chunk, at)
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
    add(file) {
      if (handle === undefined || file.cacheKey === undefined) return
      if (base === null) {
        const previous = last?.()
        base = previous?.reusable === true ? previous.dictionary : undefined
        if (base !== undefined) {
          dictionary = base.terms.slice()
          used = new Uint8Array(dictionary.length)
        }
      }
      const { record } = file
      const codes = record === undefined ? new Uint32Array(0) : codesOf(record)
      if (codes === undefined) return
      if (used.length > 0) forEachId(codes, (at) => (used[codes[at] as number] = 1))
      const text = (record === undefined ? undefined : listedTexts.get(record)) ?? Buffer.from(JSON.stringify(rowOf(file)), 'utf8')
      try {
        if (written % 4 !== 0) append(new Uint8Array(4 - (written % 4)))
        const codesAt = append(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength))
        rows.push([file.path, file.cacheKey, codesAt, codes.length, append(text), text.length])
      } catch {
        // A full disk, say: no manifest this time.
        discard()
      }
    },
    commit() {
      if (handle === undefined) return
      try {
        const stale = used.length - used.reduce((sum, flag) => sum + flag, 0)
        const table = { format: manifestFormat, version: manifestVersion, endianness: endianness(), dictionary, stale, rows }
        append(Buffer.from(`\n${JSON.stringify(table)}`, 'utf8'))
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

/** Call `visit` with the position of each term id in one record's packed counts. */
function forEachId(codes: Uint32Array, visit: (at: number) => void): void {
  let at = 0
  for (let field = 0; field < searchFields.length; field++) {
    const end = at + 2 + 2 * (codes[at + 1] as number)
    for (at += 2; at < end; at += 2) visit(at)
  }
}

/** What a row keeps of an extraction: the record without its counts and its infobox text. */
function rowOf(file: ExtractedFile): CachedExtraction {
  const { record, diagnostics } = file
  if (record === undefined) return { diagnostics }
  const { terms: _counted, ...rest } = record
  return { record: { ...rest, infobox: '' }, diagnostics }
}

function manifestPath(location: RecordCacheLocation): string {
  return path.join(location.root, location.fingerprint, 'manifest.bin')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
