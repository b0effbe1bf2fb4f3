import { randomBytes } from 'node:crypto'
import { open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'
import { FileSystemError } from '../errors.js'

/**
 * Write `data` to `file` atomically: into a temporary file beside it, flushed
 * to disk, then renamed over `file`. A failure at any point (full disk, a
 * killed process) leaves the previous file as it was.
 * @throws {FileSystemError} `ERR_IO` naming the file and the system error.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temporary, 'wx')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new FileSystemError('ERR_IO', `infobox-search: cannot write ${file} (${code}: ${(error as Error).message}); the previous file, if any, is unchanged.`, {
      file,
      cause: error,
    })
  }
}
