import type { StoredDocument } from '../core/indexData.js'
import type { DateBucket } from './facets/dateFacet.js'
import type { FacetCount } from './facets/facet.js'
import type { SearchOptions } from './searchOptions.js'
import type { SuggestedFilter } from './query/understandQuery.js'
import type { Snippet } from './snippet.js'

/** One search result. */
export interface SearchHit extends StoredDocument {
  /** Relevance; 0 when browsing without a query. */
  readonly score: number
  /** Index terms that matched (normalised: lower case, no diacritics). */
  readonly terms: readonly string[]
  /** Body text around the best match, with match ranges (see `highlight`). */
  readonly snippet: Snippet
}

/**
 * Counts per requested facet: `date` is a histogram of `DateBucket`s, every
 * other facet a list of `FacetCount`s (a `DateBucket` is a `FacetCount` too,
 * so any facet can be rendered as a list of values and counts).
 */
export type FacetResults<Names extends string = string> = {
  readonly [Name in Names]: Name extends 'date' ? readonly DateBucket[] : readonly FacetCount[]
}

/**
 * The facet names a `SearchOptions` type asks for: the names listed, or the
 * keys of the requests object; `string` when they are not known from the types.
 */
export type RequestedFacets<Options> = Options extends { readonly facets: readonly (infer Name extends string)[] }
  ? Name
  : Options extends { readonly facets: infer Requests extends object }
    ? Extract<keyof Requests, string>
    : Options extends { readonly facets?: undefined }
      ? never
      : string

/** What `search` returns. `Facets` are the facet names asked for (see `RequestedFacets`). */
export interface SearchResult<Facets extends string = string> {
  /** Articles matching the query and every filter. */
  readonly total: number
  /** Articles matching the query before any filter. */
  readonly totalUnfiltered: number
  readonly hits: readonly SearchHit[]
  /** Counts per requested facet; `result.facets.place` needs no cast when the facets are written in the call. */
  readonly facets: FacetResults<Facets>
  /**
   * The filters the query names (see `SearchOptions.understand`), in query
   * order, for a UI to offer as one-click chips: `{ facet: 'date', from, to }`
   * or `{ facet, value, values }`, each with its `label` and the query `text` it came from.
   */
  readonly suggestedFilters: readonly SuggestedFilter[]
}

/** The result type of `search(query, options)` for options of type `Options`. */
export type SearchResultFor<Options extends SearchOptions> = SearchResult<RequestedFacets<Options>>

/** A completion of a query prefix. */
export interface Suggestion {
  /** The completed query. */
  readonly suggestion: string
  readonly terms: readonly string[]
  readonly score: number
}
