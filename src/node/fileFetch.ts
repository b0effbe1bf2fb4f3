import { readFile } from 'node:fs/promises'
import type { FetchLike } from '../search/chunked/chunkStore.js'

/**
 * A `fetch` for `loadChunkedIndex` that reads local files: the URL is a path.
 * A file that cannot be read answers 404 with the system error code.
 *
 * @example
 * const index = await loadChunkedIndex('public/search/index.json', { fetch: fileFetch })
 */
export const fileFetch: FetchLike = async (url) => {
  try {
    const text = await readFile(url, 'utf8')
    return { ok: true, status: 200, statusText: 'OK', text: () => Promise.resolve(text) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    return { ok: false, status: 404, statusText: code, text: () => Promise.resolve('') }
  }
}
