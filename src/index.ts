// infobox-search: the browser-safe search runtime. Building lives in
// `infobox-search/build`; nothing here imports Node, gray-matter or unified.
export { loadIndex, loadIndexAsync } from './serialize/loadIndex.js'
export type { IndexSource } from './serialize/loadIndex.js'
export { SearchIndex } from './search/searchIndex.js'
export type { SearchHit, SearchResult, Suggestion } from './search/searchIndex.js'
export type {
  DateBound,
  DateBucketSize,
  DateFilter,
  FacetRequest,
  SearchFilters,
  SearchOptions,
  SortOrder,
} from './search/searchOptions.js'
export type { FacetCount } from './search/facetCounts.js'
export type { DateBucket } from './search/dateFacet.js'
export type { StoredDocument } from './search/indexData.js'
export { escapeHtml, highlight, makeSnippet } from './search/snippet.js'
export type { HighlightOptions, Snippet } from './search/snippet.js'
export { dateKey, parseDate, parseDateBound } from './extract/facets/dates.js'
export type { DateInterval, PartialDate } from './extract/facets/dates.js'
export { normalizeTerm } from './index/schema.js'
export type { IndexOptions, SearchField } from './index/options.js'
export { indexFormatVersion } from './serialize/envelope.js'
export type { IndexEnvelope } from './serialize/envelope.js'
export {
  IndexFormatError,
  InfoboxSearchError,
  OptionsError,
  isIndexFormatError,
  isInfoboxSearchError,
  isOptionsError,
} from './errors.js'
export type { InfoboxSearchErrorCode } from './errors.js'
