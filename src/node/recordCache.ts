import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { readdir, rm, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { IndexRecord } from '../extract/record.js'
import { isRecordTerms } from '../builder/countTerms.js'
import type { IndexOptions } from '../core/options.js'
import type { Diagnostic } from '../parse/article.js'
import { version } from '../core/version.js'
import type { ArticleFile } from './listArticleFiles.js'

/**
 * A folder of extracted records, one JSON file per article file:
 * `<root>/<fingerprint>/<2 hex>/<key>.json`. The fingerprint hashes the
 * resolved index options, the library version and the entry layout, so
 * changing any of them starts a new, empty cache. The key hashes the file's bytes (and its path and id,
 * which appear in the record), so an edited file misses and an unchanged one
 * hits without being parsed.
 */
export interface RecordCacheLocation {
  readonly root: string
  readonly fingerprint: string
}

/** What the cache keeps for one file: the record, or why there is none. */
export interface CachedExtraction {
  readonly record?: IndexRecord
  readonly diagnostics: readonly Diagnostic[]
}

const entryFormat = 'infobox-search-cache'
/** Bumped when an entry's contents change (2: records carry their term counts). */
const entryVersion = 2
const fingerprintName = /^[0-9a-f]{16}$/
const entryName = /^[0-9a-f]{64}-[0-9a-f]{16}\.json$/

/** The cache fingerprint of a set of resolved options: 16 hex digits. */
export function cacheFingerprint(options: IndexOptions): string {
  return sha256(JSON.stringify({ generator: `infobox-search@${version}`, entryVersion, options })).slice(0, 16)
}

/** The cache key of a file's bytes: content hash, then a hash of its path and id. */
export function cacheKey(bytes: Uint8Array, file: ArticleFile): string {
  return `${sha256(bytes)}-${sha256(`${file.path}\0${file.id}`).slice(0, 16)}`
}

/** The cached extraction for `key`, `undefined` when there is none, `'corrupt'` when it is unusable. */
export function readCacheEntry(location: RecordCacheLocation, key: string, file: ArticleFile): CachedExtraction | 'corrupt' | undefined {
  let text: string
  try {
    // Synchronous for the same reason as the article read (see extractArticleFile).
    text = readFileSync(entryPath(location, key), 'utf8')
  } catch {
    return undefined
  }
  try {
    return toExtraction(JSON.parse(text), file) ?? 'corrupt'
  } catch {
    return 'corrupt'
  }
}

/**
 * Store an extraction atomically (temporary file + rename, no fsync: an entry
 * torn by a crash reads as corrupt and is extracted again). Synchronous, like
 * the reads: it runs in a worker or a build loop with nothing else to do, and
 * awaiting four thread-pool round trips per file made a build that fills the
 * cache half again as slow as one without it.
 * @throws the file system's error when the entry cannot be written.
 */
export function writeCacheEntry(location: RecordCacheLocation, key: string, file: ArticleFile, value: CachedExtraction): void {
  const target = entryPath(location, key)
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const entry = { format: entryFormat, version: entryVersion, file: file.path, id: file.id, ...value }
  const folder = path.dirname(target)
  const json = JSON.stringify(entry)
  try {
    if (!madeFolders.has(folder)) mkdirSync(folder, { recursive: true })
    madeFolders.add(folder)
    try {
      writeFileSync(temporary, json)
    } catch (error) {
      // The folder was removed since this thread made it (`--watch` with the cache deleted): once more.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      mkdirSync(folder, { recursive: true })
      writeFileSync(temporary, json)
    }
    renameSync(temporary, target)
  } catch (error) {
    madeFolders.delete(folder)
    try {
      unlinkSync(temporary)
    } catch {
      // Never written, or already gone.
    }
    throw error
  }
}

/** Cache folders this thread has made (or found) already. */
const madeFolders = new Set<string>()

/**
 * Remove what the last build did not use: entries not in `used` (cache keys),
 * folders of other fingerprints and leftover temporary files. Returns how many
 * entries and folders were removed. Only names this cache writes are touched.
 */
export async function pruneRecordCache(location: RecordCacheLocation, used: ReadonlySet<string>): Promise<number> {
  let removed = 0
  for (const name of await list(location.root)) {
    if (!fingerprintName.test(name) || name === location.fingerprint) continue
    await rm(path.join(location.root, name), { recursive: true, force: true })
    removed++
  }
  const current = path.join(location.root, location.fingerprint)
  // The shards are listed all at once: one after another, each of the 256 listings waited for a
  // turn of a main thread that is busy writing the index, and the build waited for the last.
  const counts = await Promise.all(
    (await list(current)).map(async (shard) => {
      if (/^manifest\.bin\.\d+\.[0-9a-f]{8}\.tmp$/.test(shard)) {
        // Left by a build that was killed while writing it (this build's own is in place by now).
        await unlink(path.join(current, shard)).catch(() => undefined)
        return 1
      }
      if (!/^[0-9a-f]{2}$/.test(shard)) return 0
      const stale = (await list(path.join(current, shard))).filter((name) => (entryName.test(name) ? !used.has(name.slice(0, -'.json'.length)) : name.endsWith('.tmp')))
      await Promise.all(stale.map((name) => unlink(path.join(current, shard, name)).catch(() => undefined)))
      return stale.length
    }),
  )
  for (const count of counts) removed += count
  return removed
}

function entryPath(location: RecordCacheLocation, key: string): string {
  return path.join(location.root, location.fingerprint, key.slice(0, 2), `${key}.json`)
}

async function list(directory: string): Promise<string[]> {
  return readdir(directory).catch(() => [])
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Narrow a parsed entry; anything unexpected makes it corrupt. */
function toExtraction(value: unknown, file: ArticleFile): CachedExtraction | undefined {
  if (!isObject(value) || value['format'] !== entryFormat || value['version'] !== entryVersion) return undefined
  if (value['file'] !== file.path || value['id'] !== file.id) return undefined
  return narrowExtraction(value)
}

/** Narrow parsed JSON to an extraction (`record`, `diagnostics`; other keys are ignored), `undefined` if it is not one. */
export function narrowExtraction(value: unknown): CachedExtraction | undefined {
  if (!isObject(value)) return undefined
  const diagnostics = value['diagnostics']
  if (!Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic)) return undefined
  const record = value['record']
  if (record === undefined) return { diagnostics }
  return isIndexRecord(record) ? { record, diagnostics } : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isDiagnostic(value: unknown): value is Diagnostic {
  return isObject(value) && (value['severity'] === 'error' || value['severity'] === 'warning') && typeof value['code'] === 'string' && typeof value['message'] === 'string'
}

function isIndexRecord(value: unknown): value is IndexRecord {
  if (!isObject(value)) return false
  const facets = value['facets']
  return (
    ['id', 'title', 'infobox', 'body'].every((key) => typeof value[key] === 'string') &&
    isObject(facets) &&
    ['kind', 'place', 'placeHierarchy', 'combatant'].every((key) => Array.isArray(facets[key])) &&
    isObject(facets['extra']) &&
    Array.isArray(value['diagnostics']) &&
    (value['terms'] === undefined || isRecordTerms(value['terms']))
  )
}
