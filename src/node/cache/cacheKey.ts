import { createHash } from 'node:crypto'
import type { ArticleFile } from '../listArticleFiles.js'

/** The build cache's key of a file's bytes: content hash, then a hash of its path and id. */
export function cacheKey(bytes: Uint8Array, file: ArticleFile): string {
  return `${sha256(bytes)}-${sha256(`${file.path}\0${file.id}`).slice(0, 16)}`
}

/** SHA-256 of `data`, in hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
