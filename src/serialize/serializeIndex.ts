import type { SearchIndex } from '../search/searchIndex.js'
import { indexFormat, indexFormatVersion, type IndexEnvelope } from './envelope.js'
import { version } from '../version.js'

/**
 * The index as a JSON string (the versioned envelope). Deterministic: the
 * same articles, in the same order, with the same options give the same bytes.
 *
 * @example
 * await writeFile('public/search-index.json', serializeIndex(index))
 */
export function serializeIndex(index: SearchIndex): string {
  return JSON.stringify(toEnvelope(index))
}

/** The index as a plain object, before `JSON.stringify`. */
export function toEnvelope(index: SearchIndex): IndexEnvelope {
  const { options, documents, texts, facets, miniSearch } = index.data
  return {
    format: indexFormat,
    version: indexFormatVersion,
    generator: `infobox-search@${version}`,
    options,
    documents,
    texts,
    facets,
    minisearch: sortTerms(miniSearch.toJSON()),
  }
}

/**
 * MiniSearch lists terms in the order of its radix tree, which depends on
 * the order terms were inserted; a loaded index inserts them in file order.
 * Sorting makes build → save and load → save give the same bytes.
 */
function sortTerms(json: ReturnType<SearchIndex['data']['miniSearch']['toJSON']>) {
  const index = [...json.index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return { ...json, index }
}
