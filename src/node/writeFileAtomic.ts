import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import path from 'node:path'
import { isProcessRunning } from './isProcessRunning.js'
import { writeFailure } from './outputPath.js'

/** The file-system calls `writeFileAtomic` makes; tests inject failing ones. */
export type AtomicWriteFileSystem = Pick<typeof fs, 'open' | 'rename' | 'unlink' | 'stat' | 'readdir'>

/** Options of `writeFileAtomic`. */
export interface WriteFileAtomicOptions {
  /**
   * The file system to write with (tests simulate a full disk with it).
   * @default node:fs/promises
   */
  readonly fileSystem?: AtomicWriteFileSystem
}

/** What `writeFileAtomic` writes: the whole content, or its chunks in order (e.g. `serializeIndexChunks`). */
export type AtomicWriteData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>

/**
 * Write `data` to `file` atomically: into a temporary file beside it
 * (`.<name>.<pid>.<random>.tmp`), flushed to disk, then renamed over `file`.
 * A failure at any point (full disk, a killed process) leaves the previous
 * file as it was; `file` is never partly written. The new file keeps the
 * permissions of the one it replaces. Temporary files left by killed
 * processes are removed on the next successful write. Resolves to the
 * number of bytes written.
 *
 * @example
 * await writeFileAtomic('public/search-index.json', serializeIndex(index))
 * @throws {FileSystemError} `ERR_IO` naming the file, what went wrong and the system error code.
 */
export async function writeFileAtomic(
  file: string,
  data: AtomicWriteData,
  options: WriteFileAtomicOptions = {},
): Promise<number> {
  let written: number
  const system = options.fileSystem ?? fs
  const directory = path.dirname(file)
  const prefix = `.${path.basename(file)}.`
  const temporary = path.join(directory, `${prefix}${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const previous = await system.stat(file).catch(() => undefined)
    const handle = await system.open(temporary, 'wx')
    try {
      if (previous !== undefined) await handle.chmod(previous.mode & 0o7777)
      written = await writeAll(handle, data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await system.rename(temporary, file)
  } catch (error) {
    await system.unlink(temporary).catch(() => undefined)
    throw writeFailure(file, (error as NodeJS.ErrnoException).code ?? 'EIO', error)
  }
  await syncDirectory(directory)
  await removeStaleTemporaries(system, directory, prefix)
  return written
}

/** Write `data` at the handle's position, chunk by chunk; the number of bytes written. */
async function writeAll(handle: fs.FileHandle, data: AtomicWriteData): Promise<number> {
  let written = 0
  const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    let offset = 0
    while (offset < bytes.byteLength)
      offset += (await handle.write(bytes, offset, bytes.byteLength - offset)).bytesWritten
    written += bytes.byteLength
  }
  return written
}

/** Make the rename durable (best effort: not every platform can open a directory). */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, 'r').catch(() => undefined)
  if (handle === undefined) return
  await handle.sync().catch(() => undefined)
  await handle.close().catch(() => undefined)
}

/** Delete `.<name>.<pid>.<random>.tmp` files whose process no longer runs. */
async function removeStaleTemporaries(system: AtomicWriteFileSystem, directory: string, prefix: string): Promise<void> {
  const names = await system.readdir(directory).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const pid = Number(name.slice(prefix.length).split('.')[0])
    if (!Number.isInteger(pid) || pid <= 0 || isProcessRunning(pid)) continue
    await system.unlink(path.join(directory, name)).catch(() => undefined)
  }
}
