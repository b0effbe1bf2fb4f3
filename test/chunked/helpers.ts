import { chunkIndex, type ChunkIndexOptions } from '../../src/build.js'
import { loadChunkedIndex, type ChunkedIndex, type SearchIndex } from '../../src/index.js'

/** A chunked index held in memory, with the requests made to it. */
export interface MemoryChunkedIndex {
  readonly files: Map<string, string>
  readonly requests: string[]
  readonly load: () => Promise<ChunkedIndex>
}

/** Chunk `index` into memory, and load it through a `fetch` that reads that memory and records each request. */
export function chunkInMemory(index: SearchIndex, options: ChunkIndexOptions = {}): MemoryChunkedIndex {
  const files = new Map<string, string>()
  const generator = chunkIndex(index, options)
  let next = generator.next()
  for (; !next.done; next = generator.next()) files.set(next.value.path, next.value.content)
  files.set('index.json', JSON.stringify(next.value))
  const requests: string[] = []
  const fetch = (url: string) => {
    const path = url.slice('mem:/'.length)
    requests.push(path)
    const text = files.get(path)
    return Promise.resolve({
      ok: text !== undefined,
      status: text === undefined ? 404 : 200,
      statusText: text === undefined ? 'Not Found' : 'OK',
      text: () => Promise.resolve(text ?? ''),
    })
  }
  return { files, requests, load: () => loadChunkedIndex('mem:/index.json', { fetch }) }
}
