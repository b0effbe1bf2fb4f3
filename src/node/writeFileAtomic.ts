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
  /** Stops the write between chunks: the temporary file is removed and the previous file left as it was. */
  readonly signal?: AbortSignal | undefined
}

/** Longest file name most file systems allow, in bytes. */
const maxNameBytes = 255
/** What a temporary name adds to its prefix: `<pid>.<12 hex digits>.tmp`, the pid at most 10 digits. */
const temporarySuffixBytes = 10 + 1 + 12 + 4

/**
 * The prefix of the temporary files written beside `file`: `.<name>.`, the name cut (at a
 * character) so that a temporary name stays within 255 bytes whatever the name's length.
 */
export function temporaryPrefix(file: string): string {
  let name = path.basename(file)
  const room = maxNameBytes - temporarySuffixBytes - 2
  while (Buffer.byteLength(name) > room)
    name = name.slice(0, Math.max(0, name.length - 8)).replace(/[\uD800-\uDBFF]$/, '')
  return `.${name}.`
}

/** What `writeFileAtomic` writes: the whole content, or its chunks in order (e.g. `serializeIndexChunks`). */
export type AtomicWriteData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>

/**
 * Write `data` to `file` atomically: into a temporary file beside it
 * (`.<name>.<pid>.<random>.tmp`), flushed to disk, then renamed over `file`.
 * A failure at any point (full disk, a killed process, `signal`) leaves the
 * previous file as it was; `file` is never partly written. The new file keeps
 * the permissions of the one it replaces. Temporary files left by killed
 * processes are removed on the next successful write. Resolves to the
 * number of bytes written.
 *
 * What `file` is decides how it is written: a symbolic link is followed (the
 * file it names is replaced, the link stays a link); a FIFO or a character
 * device (`/dev/null`, `/dev/stdout`, a pipe) is written through, never
 * replaced (and so not atomically); a directory, a socket or a block device
 * is refused.
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
  const { signal } = options
  signal?.throwIfAborted()
  const previous = await system.stat(file).catch(() => undefined)
  if (previous !== undefined && (previous.isFIFO() || previous.isCharacterDevice()))
    return writeThrough(system, file, data, signal)
  if (previous !== undefined && !previous.isFile())
    throw writeFailure(file, previous.isDirectory() ? 'EISDIR' : 'ENOTREGULAR')
  // A link is followed: the file it names is replaced, beside itself.
  const target = previous === undefined ? file : await fs.realpath(file).catch(() => file)
  const directory = path.dirname(target)
  const prefix = temporaryPrefix(target)
  const temporary = path.join(directory, `${prefix}${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await system.open(temporary, 'wx')
    try {
      if (previous !== undefined) await handle.chmod(previous.mode & 0o7777)
      written = await writeAll(handle, data, signal)
      await handle.sync()
    } finally {
      await handle.close()
    }
    signal?.throwIfAborted()
    await system.rename(temporary, target)
  } catch (error) {
    await system.unlink(temporary).catch(() => undefined)
    if (signal?.aborted === true) throw signal.reason
    throw writeFailure(file, (error as NodeJS.ErrnoException).code ?? 'EIO', error)
  }
  await syncDirectory(directory)
  await removeStaleTemporaries(system, directory, prefix)
  return written
}

/** A FIFO or a device: opened and written as it is, nothing renamed over it. */
async function writeThrough(
  system: AtomicWriteFileSystem,
  file: string,
  data: AtomicWriteData,
  signal: AbortSignal | undefined,
): Promise<number> {
  try {
    const handle = await system.open(file, 'w')
    try {
      return await writeAll(handle, data, signal)
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (signal?.aborted === true) throw signal.reason
    throw writeFailure(file, (error as NodeJS.ErrnoException).code ?? 'EIO', error)
  }
}

/** Write `data` at the handle's position, chunk by chunk; the number of bytes written. */
async function writeAll(handle: fs.FileHandle, data: AtomicWriteData, signal?: AbortSignal): Promise<number> {
  let written = 0
  const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data
  for await (const chunk of chunks) {
    signal?.throwIfAborted()
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
