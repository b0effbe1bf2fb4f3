import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { readdir, rm, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { IndexOptions } from '../../core/options.js'
import { version } from '../../core/version.js'
import type { ExtractedFile } from '../extractArticleFile.js'
import { isProcessRunning } from '../isProcessRunning.js'
import { sha256 } from './cacheKey.js'
import {
  createStoreWriter,
  readRecordStore,
  type RecordStore,
  type StoredExtraction,
  type StoreWriter,
} from './recordStore.js'

/**
 * The cache of one build (`--cache <dir>`): the last complete build's
 * extractions to take unchanged files from, and the next store, written as
 * the files come. Laid out as `<dir>/CACHEDIR.TAG` and
 * `<dir>/<fingerprint>/{infobox-search-cache.json, records.bin}`: the
 * fingerprint hashes the resolved index options and the library version, so
 * changing either starts an empty cache. The marker file names a folder this
 * library made; nothing else is ever removed.
 */
export interface BuildCache {
  /** The cache key the last build stored for the file at `path` (workers compare the file's key with it). */
  keyOf(path: string): string | undefined
  /** The extraction stored for an unchanged file; `undefined` when its row does not check out. */
  take(path: string, key: string): StoredExtraction | undefined
  /** Keep a file's extraction for the next build (files without a cache key are not kept). */
  keep(file: ExtractedFile): void
  /** Why the next store cannot be written (a system error code), when it cannot. */
  readonly unwritable: string | undefined
  /** Put the next store in place of the last one: the build wrote its index. */
  commit(): void
  /** Drop the next store: the build wrote nothing. */
  discard(): void
  /** Remove other fingerprints' folders and temporary files of killed builds; how many were removed. */
  prune(): Promise<number>
}

const storeName = 'records.bin'
const markerName = 'infobox-search-cache.json'
const marker = `${JSON.stringify({ format: 'infobox-search-cache', about: 'Build cache of infobox-search; safe to delete.' })}\n`
/** The Cache Directory Tagging Specification's tag: backup tools skip the folder. */
const cacheDirectoryTag =
  'Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by infobox-search (--cache); it is safe to delete.\n'
/** Bumped when the store's contents change, so old caches are not read. */
const cacheLayout = 4
const fingerprintName = /^[0-9a-f]{16}$/
const temporaryStore = /^records\.bin\.(\d+)\.[0-9a-f]{8}\.tmp$/

/** The cache fingerprint of a set of resolved options: 16 hex digits. */
export function cacheFingerprint(options: IndexOptions): string {
  return sha256(JSON.stringify({ generator: `infobox-search@${version}`, cacheLayout, options })).slice(0, 16)
}

/** The cache in `root` for a build with `options`. Never throws: a cache that cannot be written only says why. */
export function openBuildCache(root: string, options: IndexOptions): BuildCache {
  const fingerprint = cacheFingerprint(options)
  const folder = path.join(root, fingerprint)
  const storeFile = path.join(folder, storeName)
  let last: RecordStore | undefined | null = null
  const lastStore = (): RecordStore | undefined => (last === null ? (last = readRecordStore(storeFile)) : last)
  let writer: StoreWriter | undefined
  let unwritable: string | undefined
  try {
    mkdirSync(folder, { recursive: true })
    writeIfMissing(path.join(root, 'CACHEDIR.TAG'), cacheDirectoryTag)
    writeIfMissing(path.join(folder, markerName), marker)
    const created = createStoreWriter(storeFile, lastStore)
    if ('reason' in created) unwritable = created.reason
    else writer = created
  } catch (error) {
    unwritable = (error as NodeJS.ErrnoException).code ?? String(error)
  }
  return {
    keyOf: (file) => lastStore()?.keyOf(file),
    take: (file, key) => lastStore()?.take(file, key),
    keep(file) {
      if (file.cacheKey === undefined) return
      writer?.add({ path: file.path, key: file.cacheKey, record: file.record, diagnostics: file.diagnostics })
    },
    unwritable,
    commit: () => writer?.commit(),
    discard: () => writer?.discard(),
    prune: () => pruneCache(root, fingerprint),
  }
}

function writeIfMissing(file: string, text: string): void {
  try {
    writeFileSync(file, text, { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}

/** Remove the folders of other fingerprints that carry our marker, and our killed builds' temporary stores. */
async function pruneCache(root: string, fingerprint: string): Promise<number> {
  let removed = 0
  for (const name of await list(root)) {
    if (!fingerprintName.test(name) || name === fingerprint || !isOurs(path.join(root, name))) continue
    await rm(path.join(root, name), { recursive: true, force: true })
    removed++
  }
  const current = path.join(root, fingerprint)
  for (const name of await list(current)) {
    const pid = Number(temporaryStore.exec(name)?.[1] ?? Number.NaN)
    if (!Number.isInteger(pid) || isProcessRunning(pid)) continue
    await unlink(path.join(current, name)).catch(() => undefined)
    removed++
  }
  return removed
}

function isOurs(folder: string): boolean {
  try {
    return readFileSync(path.join(folder, markerName), 'utf8') === marker
  } catch {
    return false
  }
}

async function list(directory: string): Promise<string[]> {
  return readdir(directory).catch(() => [])
}
