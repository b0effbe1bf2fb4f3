import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import path from 'node:path'
import { FileSystemError } from '../core/errors.js'

/**
 * Check, before any work, that `file` can be written: its directory exists,
 * is a directory and is writable, and `file` itself is not a directory.
 * A long build then never ends in an unwritable output.
 * @throws {FileSystemError} `ERR_IO` saying what is wrong and how to fix it.
 */
export async function checkOutputPath(file: string): Promise<void> {
  const target = path.resolve(file)
  const directory = path.dirname(target)
  const info = await stat(directory).catch((error: unknown) => error as NodeJS.ErrnoException)
  if (info instanceof Error) throw writeFailure(file, info.code ?? 'EIO', info)
  if (!info.isDirectory()) throw writeFailure(file, 'ENOTDIR')
  const denied = await access(directory, constants.W_OK).then(
    () => undefined,
    (error: unknown) => error as NodeJS.ErrnoException,
  )
  if (denied !== undefined) throw writeFailure(file, denied.code ?? 'EACCES', denied)
  const existing = await stat(target).catch(() => undefined)
  if (existing?.isDirectory()) throw writeFailure(file, 'EISDIR')
  // A FIFO or a character device is written through (see `writeFileAtomic`); anything else that is not a file is refused.
  if (existing !== undefined && !existing.isFile() && !existing.isFIFO() && !existing.isCharacterDevice())
    throw writeFailure(file, 'ENOTREGULAR')
}

/** The error thrown when `file` cannot be written; `code` is the system error code. */
export function writeFailure(file: string, code: string, cause?: unknown): FileSystemError {
  return new FileSystemError(
    'ERR_IO',
    `infobox-search: cannot write ${file}: ${explain(code, file)} (${code}); the previous file, if any, is unchanged.`,
    { file, received: code, ...(cause === undefined ? {} : { cause }) },
  )
}

function explain(code: string, file: string): string {
  const directory = path.dirname(file)
  switch (code) {
    case 'ENOENT':
      return `the directory ${directory} does not exist; create it first`
    case 'ENOTDIR':
      return `${directory} is not a directory (a part of the path is a file)`
    case 'EISDIR':
      return `${file} is a directory; give a file name with --out`
    case 'EACCES':
    case 'EPERM':
      return `no permission to write in ${directory}`
    case 'EROFS':
      return `${directory} is on a read-only file system`
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full'
    case 'EFBIG':
      return 'the file is larger than this system allows (file size limit)'
    case 'ENOTREGULAR':
      return `${file} is not a regular file (a socket or a block device), and is never replaced; give a file name with --out`
    case 'EINPUT':
      return `${file} is one of the articles this build reads; give another file name with --out`
    case 'EINCHUNKED':
      return `${file} is inside the --chunked folder, which a rebuild empties of what it does not name; give a file elsewhere`
    case 'EINSIDE':
      return `${file} holds articles this build reads, and writing there would replace or remove them; give a folder of its own`
    default:
      return 'the system refused the write'
  }
}
