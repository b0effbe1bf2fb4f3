import type { GeoPoint } from '../core/geo.js'
import type { StoredDocument, StoredFields } from '../core/indexData.js'
import type { DateBucket } from './facets/dateFacet.js'
import type { GeoBucket } from './facets/geoFacet.js'
import type { FacetCount } from './facets/facet.js'
import type { SearchOptions } from './searchOptions.js'
import type { SuggestedFilter } from './query/understandQuery.js'
import type { Snippet } from './snippet.js'

/**
 * One search result. `Fields` types the app's own stored fields (the `store`
 * option): `loadIndex<{ url: string; tags: string[] }>(json)`.
 */
export interface SearchHit<Fields extends StoredFields = StoredFields> extends Omit<StoredDocument, 'fields'> {
  /** The app's own front-matter fields kept with the `store` option (`{}` when none); an article may lack any of them. */
  readonly fields: Partial<Fields>
  /** Relevance; 0 when browsing without a query. */
  readonly score: number
  /** Index terms that matched (normalised: lower case, no diacritics). */
  readonly terms: readonly string[]
  /** Body text around the best match, with match ranges (see `highlight`). */
  readonly snippet: Snippet
  /** Where it happened, from the infobox's coordinates (degrees), when they could be read. */
  readonly coordinates?: GeoPoint
  /** Kilometres from the search's `near` point, for a hit with coordinates. */
  readonly distance?: number
}

/**
 * Counts per requested facet: `date` is a histogram of `DateBucket`s,
 * `coordinates` a grid of `GeoBucket`s, every other facet a list of
 * `FacetCount`s (both buckets are `FacetCount`s too, so any facet can be
 * rendered as a list of values and counts).
 */
export type FacetResults<Names extends string = string> = {
  readonly [Name in Names]: Name extends 'date'
    ? readonly DateBucket[]
    : Name extends 'coordinates'
      ? readonly GeoBucket[]
      : readonly FacetCount[]
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
export interface SearchResult<Facets extends string = string, Fields extends StoredFields = StoredFields> {
  /** Articles matching the query and every filter. */
  readonly total: number
  /** Articles matching the query before any filter. */
  readonly totalUnfiltered: number
  readonly hits: readonly SearchHit<Fields>[]
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
export type SearchResultFor<Options extends SearchOptions, Fields extends StoredFields = StoredFields> = SearchResult<
  RequestedFacets<Options>,
  Fields
>

/** A completion of a query prefix. */
export interface Suggestion {
  /** The completed query. */
  readonly suggestion: string
  readonly terms: readonly string[]
  readonly score: number
}
