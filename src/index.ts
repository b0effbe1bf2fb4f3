// infobox-search: the browser-safe search runtime. Building lives in
// `infobox-search/build`; nothing here imports Node, gray-matter or unified.
export { loadIndex, loadIndexAsync } from './search/loadIndex.js'
export { loadChunkedIndex } from './search/chunked/loadChunkedIndex.js'
export type { LoadChunkedIndexOptions } from './search/chunked/loadChunkedIndex.js'
export { ChunkedIndex } from './search/chunked/chunkedIndex.js'
export type { ChunkedSearchOptions } from './search/chunked/chunkedIndex.js'
export type { FetchLike } from './search/chunked/chunkStore.js'
export type { IndexSource } from './search/loadIndex.js'
export { SearchIndex } from './search/searchIndex.js'
export type {
  FacetResults,
  RequestedFacets,
  SearchHit,
  SearchResult,
  SearchResultFor,
  Suggestion,
} from './search/searchResult.js'
export type {
  DateBound,
  DateBucketSize,
  DateFilter,
  FacetRequest,
  GeoFilter,
  SearchFilters,
  SearchOptions,
  SortOrder,
} from './search/searchOptions.js'
export type { SuggestOptions } from './search/suggestOptions.js'
export type { FacetCount } from './search/facets/facet.js'
export type { DateBucket } from './search/facets/dateFacet.js'
export type { GeoBucket } from './search/facets/geoFacet.js'
export type { SuggestedDate, SuggestedFilter, SuggestedValue } from './search/query/understandQuery.js'
export { distanceKm } from './core/geo.js'
export type { GeoPoint } from './core/geo.js'
export type { FieldValue, StoredDocument, StoredFields } from './core/indexData.js'
export { makeSnippet } from './search/snippet.js'
export type { Snippet } from './search/snippet.js'
export { escapeHtml, highlight } from './search/highlight.js'
export type { HighlightOptions } from './search/highlight.js'
export { dateKey, parseDateBound } from './core/dateKey.js'
export type { DateInterval, PartialDate } from './core/dateKey.js'
export { parseDate } from './extract/facets/dates.js'
export { normalizeTerm } from './core/fold.js'
export type { IndexOptions, SearchField } from './core/options.js'
export { indexFormatVersion } from './core/envelope.js'
export { chunkedFormatVersion } from './core/chunkedFormat.js'
export type { ChunkedManifest } from './core/chunkedFormat.js'
export type { IndexEnvelope } from './core/envelope.js'
export {
  ChunkLoadError,
  IndexFormatError,
  InfoboxSearchError,
  OptionsError,
  isChunkLoadError,
  isIndexFormatError,
  isInfoboxSearchError,
  isOptionsError,
} from './core/errors.js'
export type { InfoboxSearchErrorCode } from './core/errors.js'
