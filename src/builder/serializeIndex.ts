import type { IndexData } from '../search/indexData.js'
import type { SearchIndex } from '../search/searchIndex.js'
import { version } from '../core/version.js'
import { indexFormat, indexFormatVersion, type IndexEnvelope } from '../core/envelope.js'

/** Options of `serializeIndexChunks`. */
export interface SerializeChunksOptions {
  /**
   * Characters per chunk, roughly (a chunk ends after the item that passes it).
   * @default 1_048_576
   */
  readonly chunkSize?: number
}

/**
 * The index as a JSON string (the versioned envelope). Deterministic: the
 * same articles, in the same order, with the same options give the same bytes.
 * For very large indexes (past V8's ~512 MB string limit) write
 * `serializeIndexChunks` instead.
 *
 * @example
 * await writeFile('public/search-index.json', serializeIndex(index))
 */
export function serializeIndex(index: SearchIndex): string {
  return [...serializeIndexChunks(index)].join('')
}

/**
 * The same JSON as `serializeIndex`, as a sequence of strings of about
 * `chunkSize` characters, produced as they are consumed: an index of any size
 * can be written without holding its JSON in memory.
 *
 * @example
 * await writeFileAtomic('public/search-index.json', serializeIndexChunks(index))
 */
export function* serializeIndexChunks(
  index: SearchIndex,
  options: SerializeChunksOptions = {},
): Generator<string, void, undefined> {
  const size = options.chunkSize ?? 1_048_576
  const { head, documents, texts, facets, miniSearch } = parts(index.data)
  // `{"format":…,"options":{…}` then each large member on its own.
  yield JSON.stringify(head).slice(0, -1)
  yield ',"documents":'
  yield* jsonArray(stringifyEach(documents), size)
  yield ',"texts":'
  yield* jsonArray(stringifyEach(texts), size)
  yield `,"facets":${JSON.stringify(facets)},"minisearch":${JSON.stringify(miniSearch.head).slice(0, -1)},"index":`
  yield* jsonArray(miniSearch.entriesJSON?.() ?? stringifyEach(miniSearch.entries()), size)
  yield ',"serializationVersion":2}}'
}

/** The index as a plain object, before `JSON.stringify`. */
export function toEnvelope(index: SearchIndex): IndexEnvelope {
  const { head, documents, texts, facets, miniSearch } = parts(index.data)
  return {
    ...head,
    documents,
    texts,
    facets,
    minisearch: { ...miniSearch.head, index: [...miniSearch.entries()], serializationVersion: 2 },
  }
}

function parts(data: IndexData) {
  const head = {
    format: indexFormat,
    version: indexFormatVersion,
    generator: `infobox-search@${version}`,
    options: data.options,
  } as const
  return {
    head,
    documents: data.documents,
    texts: data.texts,
    facets: data.facets,
    miniSearch: data.terms,
  }
}

function* stringifyEach(items: Iterable<unknown>): Generator<string, void, undefined> {
  for (const item of items) yield JSON.stringify(item)
}

/** A JSON array of items already in JSON, in chunks of about `size` characters. */
function* jsonArray(items: Iterable<string>, size: number): Generator<string, void, undefined> {
  let chunk = '['
  let first = true
  for (const item of items) {
    chunk += (first ? '' : ',') + item
    first = false
    if (chunk.length >= size) {
      yield chunk
      chunk = ''
    }
  }
  yield `${chunk}]`
}
