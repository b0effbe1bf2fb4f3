import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { ArticleFile } from './listArticleFiles.js'
import { writeFailure } from './outputPath.js'

/** Where a build writes: the index file and the chunked index's folder, as given. */
export interface BuildOutputs {
  readonly out?: string | undefined
  readonly chunked?: string | undefined
}

/**
 * Check, once the inputs are listed and before any work, that no output
 * overlaps an input: `out` is not one of the articles read (writing it would
 * replace one with the index), and the `chunked` folder holds none of them
 * (a rebuild removes what it no longer names there) nor `out`. Paths are
 * compared as the file system resolves them, links followed.
 * @throws {FileSystemError} `ERR_IO` naming the output and what it overlaps.
 */
export async function checkBuildOutputs(outputs: BuildOutputs, files: readonly ArticleFile[]): Promise<void> {
  const out = outputs.out === undefined ? undefined : await resolved(outputs.out)
  const chunked = outputs.chunked === undefined ? undefined : await resolved(outputs.chunked)
  if (out === undefined && chunked === undefined) return
  const inside = (folder: string, file: string) => file === folder || file.startsWith(folder + path.sep)
  for (const file of files) {
    const real = await resolved(file.path)
    if (out !== undefined && real === out) throw writeFailure(outputs.out as string, 'EINPUT')
    if (chunked !== undefined && inside(chunked, real)) throw writeFailure(outputs.chunked as string, 'EINSIDE')
  }
  if (out !== undefined && chunked !== undefined && inside(chunked, out))
    throw writeFailure(outputs.out as string, 'EINCHUNKED')
}

/** The path with every link resolved; for a path that does not exist yet, its folder's. */
async function resolved(file: string): Promise<string> {
  const absolute = path.resolve(file)
  const real = await realpath(absolute).catch(() => undefined)
  if (real !== undefined) return real
  const folder = await realpath(path.dirname(absolute)).catch(() => path.dirname(absolute))
  return path.join(folder, path.basename(absolute))
}
