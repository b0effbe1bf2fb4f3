import { mkdir, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ChunkFile } from '../builder/chunkIndex.js'
import type { ChunkedManifest } from '../core/chunkedFormat.js'
import { checkOutputPath, writeFailure } from './outputPath.js'
import { writeFileAtomic } from './writeFileAtomic.js'

/** What `writeChunkedIndex` did. */
export interface ChunkedWriteResult {
  /** Files in the index, the manifest included. */
  readonly files: number
  /** Of them, written now (the others were there from an earlier build, unchanged). */
  readonly written: number
  /** Bytes of every file of the index. */
  readonly bytes: number
  /** Files of earlier builds removed. */
  readonly removed: number
}

/** The folders a chunked index writes into, below its folder: only files in these are ever removed. */
const chunkFolders = ['terms', 'dictionary', 'facets', 'documents'] as const
/** Names this library gives chunk files and fragment folders. */
const chunkName = /^(?:[\w.@-]+-)?[0-9a-f]{12}\.json$|^\d+\.json$/
const blockName = /^[0-9a-f]{12}$/

/**
 * Write a chunked index (`chunkIndex`'s files, then its manifest) into
 * `folder` so that a reader never sees a half-written index: every chunk is
 * written first, each under its content-hash name (a file already there
 * under that name is the same content and is kept), then `index.json` is
 * replaced atomically, and only then are the files of earlier builds that
 * the new manifest does not name removed. `signal` stops it
 * between files, its temporary file removed and the manifest left as it was.
 *
 * @example
 * await writeChunkedIndex('public/search', chunkIndex(buildIndex(articles, { body: 'full' })))
 * @throws {FileSystemError} `ERR_IO` naming the file that could not be written.
 */
export async function writeChunkedIndex(
  folder: string,
  files: Generator<ChunkFile, ChunkedManifest>,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<ChunkedWriteResult> {
  const { signal } = options
  const kept = new Set<string>()
  let written = 0
  let bytes = 0
  const made = new Set<string>()
  // Files are written several at once (the next ones made meanwhile); on the first failure the
  // writes under way finish (each removes its temporary file), then it is thrown.
  const writing = new Set<Promise<void>>()
  let failure: { readonly error: unknown } | undefined
  const stopOnFailure = async () => {
    if (failure === undefined) return
    await Promise.all(writing)
    throw failure.error
  }
  let next = files.next()
  for (; !next.done; next = files.next()) {
    const file = next.value
    const target = path.join(folder, file.path)
    kept.add(file.path)
    bytes += Buffer.byteLength(file.content)
    const directory = path.dirname(target)
    if (!made.has(directory)) {
      await mkdir(directory, { recursive: true }).catch(
        (error: unknown) => void (failure ??= { error: failed(target, error) }),
      )
      await stopOnFailure()
      made.add(directory)
    }
    const write: Promise<void> = writeChunk(target, file.content, signal).then(
      (wrote) => void (written += wrote ? 1 : 0),
      (error: unknown) => void (failure ??= { error }),
    )
    writing.add(write)
    void write.finally(() => writing.delete(write))
    if (writing.size >= parallelWrites) await Promise.race(writing)
    await stopOnFailure()
  }
  await Promise.all(writing)
  await stopOnFailure()
  const manifest = `${JSON.stringify(next.value)}\n`
  bytes += await writeFileAtomic(path.join(folder, 'index.json'), manifest, { signal })
  const removed = await removeStale(folder, kept)
  return { files: kept.size + 1, written: written + 1, bytes, removed }
}

/** Chunk files written at once: enough to keep the disk busy while the next ones are made. */
const parallelWrites = 16

/**
 * Write one chunk file; false when it was there already (its name is its
 * content's hash: the same file). It is created under its final name, with
 * no temporary file to rename: no reader looks for that name before a
 * manifest written after it names it. A file of that name cut short (a
 * build killed while writing it) is replaced through a temporary file.
 */
async function writeChunk(target: string, content: string, signal: AbortSignal | undefined): Promise<boolean> {
  signal?.throwIfAborted()
  const data = Buffer.from(content)
  try {
    await writeFile(target, data, { flag: 'wx', signal })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      // Ours, partly written (an exclusive create fails before making anything otherwise).
      await unlink(target).catch(() => undefined)
      if (signal?.aborted === true) throw signal.reason
      fail(target, error)
    }
  }
  const info = await stat(target).catch(() => undefined)
  if (info?.isFile() === true && info.size === data.length) return false
  await writeFileAtomic(target, data, { signal })
  return true
}

/**
 * Check, before any work, that `folder` can hold a chunked index: it is a
 * folder (it is made when missing) in a folder that exists.
 * @throws {FileSystemError} `ERR_IO` saying what is wrong.
 */
export async function checkChunkedFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined)
  if (info === undefined) return checkOutputPath(folder) // made by the write: its parent must be writable
  if (!info.isDirectory()) throw writeFailure(path.join(folder, 'index.json'), 'ENOTDIR')
  await checkOutputPath(path.join(folder, 'index.json'))
}

/** Remove chunk files and fragment folders below `folder` that `kept` does not name (ours only, by their names). */
async function removeStale(folder: string, kept: ReadonlySet<string>): Promise<number> {
  const keptBlocks = new Set(
    [...kept].filter((file) => file.startsWith('documents/')).map((file) => file.split('/')[1]),
  )
  let removed = 0
  for (const sub of chunkFolders) {
    for (const name of await list(path.join(folder, sub))) {
      const relative = `${sub}/${name}`
      if (sub === 'documents') {
        if (!blockName.test(name) || keptBlocks.has(name)) continue
        await rm(path.join(folder, relative), { recursive: true, force: true })
        removed++
      } else if ((chunkName.test(name) || name.endsWith('.tmp')) && !kept.has(relative)) {
        await unlink(path.join(folder, relative)).catch(() => undefined)
        removed++
      }
    }
  }
  return removed
}

async function list(directory: string): Promise<string[]> {
  return readdir(directory).catch(() => [])
}

function fail(file: string, error: unknown): never {
  throw failed(file, error)
}

function failed(file: string, error: unknown): Error {
  return writeFailure(file, (error as NodeJS.ErrnoException).code ?? 'EIO', error)
}
