import { contentHash } from '../../core/contentHash.js'
import { ChunkLoadError } from '../../core/errors.js'

/** What `loadChunkedIndex` fetches with: `globalThis.fetch`, or any function of that shape (Node, tests, a service worker). */
export type FetchLike = (url: string) => Promise<{
  readonly ok: boolean
  readonly status: number
  readonly statusText: string
  text(): Promise<string>
}>

/**
 * The files of one chunked index, fetched on demand: each at most once at a
 * time (concurrent searches wait for the same request), kept once parsed,
 * forgotten when it failed (the next search tries again).
 */
export interface ChunkStore {
  /** The parsed file at `path`, if it has been fetched. */
  get(path: string): unknown
  /**
   * Fetch every path not yet fetched. A search that is aborted stops waiting
   * (the request itself goes on and is kept: a search typed a moment later
   * most likely wants the same file).
   * @throws {ChunkLoadError} when a file cannot be fetched or is not the one its name promises;
   * the signal's reason when it is aborted.
   */
  load(paths: Iterable<string>, signal?: AbortSignal): Promise<void>
}

/** The content hash a chunk's name ends in. Fragments are not checked one by one: their folder's name hashes the whole block. */
const hashedName = /^(?!documents\/).*?([0-9a-f]{12})\.json$/

/** A store of the files below `base` (a URL or path ending in `/`). */
export function createChunkStore(base: string, fetcher: FetchLike): ChunkStore {
  const parsed = new Map<string, unknown>()
  const pending = new Map<string, Promise<void>>()

  const fetchOne = async (path: string): Promise<void> => {
    const url = base + path
    let text: string
    try {
      const response = await fetcher(url)
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim())
      text = await response.text()
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new ChunkLoadError(
        'ERR_CHUNK_FETCH',
        `infobox-search: cannot fetch ${url} (${reason}); check the connection, or reload the index if it was rebuilt.`,
        { cause, url },
      )
    }
    const expected = hashedName.exec(path)?.[1]
    if (expected !== undefined && contentHash(text) !== expected) {
      throw new ChunkLoadError(
        'ERR_CHUNK_MISMATCH',
        `infobox-search: ${url} is not the file this index names (its content hash differs): it belongs to another build; reload the index.`,
        { url },
      )
    }
    try {
      parsed.set(path, JSON.parse(text))
    } catch (cause) {
      throw new ChunkLoadError('ERR_CHUNK_MISMATCH', `infobox-search: ${url} is not valid JSON; reload the index.`, {
        cause,
        url,
      })
    }
  }

  return {
    get: (path) => parsed.get(path),
    async load(paths, signal) {
      signal?.throwIfAborted()
      const waits: Promise<void>[] = []
      for (const path of paths) {
        if (parsed.has(path)) continue
        let request = pending.get(path)
        if (request === undefined) {
          request = fetchOne(path).finally(() => pending.delete(path))
          pending.set(path, request)
        }
        waits.push(request)
      }
      if (waits.length === 0) return
      await untilAborted(Promise.all(waits), signal)
    },
  }
}

/** `work`, or the signal's reason as soon as it is aborted (the work itself goes on). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error)
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
