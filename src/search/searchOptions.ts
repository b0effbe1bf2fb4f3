import { OptionsError } from '../errors.js'
import type { SearchField } from '../index/options.js'

/** A date filter bound: a year (negative for BC), `'YYYY'`, `'YYYY-MM'` or `'YYYY-MM-DD'`. */
export type DateBound = number | string

/** Keep articles whose date interval overlaps `[from, to]`; either end may be left open. */
export interface DateFilter {
  readonly from?: DateBound
  readonly to?: DateBound
}

/**
 * Filters: values of one facet are OR-ed, different facets AND-ed.
 * @example { place: ['Syria'], combatant: ['Asayish'], date: { from: 1939, to: '1945-09-02' } }
 */
export type SearchFilters = {
  readonly date?: DateFilter
} & { readonly [facet: string]: readonly string[] | DateFilter | undefined }

/** Bucket size of the date histogram. */
export type DateBucketSize = 'year' | 'decade' | 'century'

/** How one facet is counted. */
export interface FacetRequest {
  /** Most values returned (selected values are always included). Default 10; date ignores it. */
  readonly limit?: number
  /** Place only: count one level of the hierarchy, 0 = country. Default: every place value. */
  readonly level?: number
  /** Date only: bucket size. Default `'century'`. */
  readonly interval?: DateBucketSize
}

/** Result ordering. Default: `relevance` with a query, `-date` (newest first) without. */
export type SortOrder = 'relevance' | 'date' | '-date'

/** Options of `SearchIndex.search`. Every one is optional. */
export interface SearchOptions {
  /** Hits returned. Default 20. */
  readonly limit?: number
  /** Hits skipped, for paging. Default 0. */
  readonly offset?: number
  /** Prefix matching. Default: the last query term only (search-as-you-type). */
  readonly prefix?: boolean
  /** Fuzzy matching as a fraction of term length. Default: 0.2 for terms of 5+ letters, else exact. */
  readonly fuzzy?: boolean | number
  /** Field weights for this query; default: the index's `boost` option. */
  readonly boost?: Partial<Readonly<Record<SearchField, number>>>
  /** `OR` ranks articles matching more terms first (default); `AND` requires every term. */
  readonly combineWith?: 'AND' | 'OR'
  readonly filters?: SearchFilters
  /** Facets to count, by name or with per-facet options. */
  readonly facets?: readonly string[] | Readonly<Record<string, FacetRequest | true>>
  readonly sort?: SortOrder
  /** Characters of context in each snippet. Default 160. */
  readonly snippetLength?: number
}

/** `SearchOptions` with defaults applied and every value checked. */
export interface ResolvedSearchOptions {
  readonly limit: number
  readonly offset: number
  readonly sort: SortOrder | undefined
  readonly facets: ReadonlyMap<string, FacetRequest>
  readonly snippetLength: number
}

/**
 * Check search options once, at the API boundary.
 * @throws {OptionsError} `ERR_INVALID_QUERY` naming the option and the value received.
 */
export function resolveSearchOptions(options: unknown, facetNames: ReadonlySet<string>): ResolvedSearchOptions {
  if (options === undefined) options = {}
  if (typeof options !== 'object' || options === null) invalid('options', 'an object', options)
  const o = options as SearchOptions
  const limit = count('limit', o.limit, 20)
  const offset = count('offset', o.offset, 0)
  const snippetLength = count('snippetLength', o.snippetLength, 160)
  if (o.sort !== undefined && !['relevance', 'date', '-date'].includes(o.sort)) invalid('sort', "'relevance', 'date' or '-date'", o.sort)
  const facets = new Map<string, FacetRequest>()
  const requested = o.facets ?? []
  const entries = Array.isArray(requested) ? requested.map((name) => [name, {}] as const) : Object.entries(requested)
  for (const [name, request] of entries) {
    if (!facetNames.has(name)) unknownFacet(name, facetNames)
    facets.set(name, request === true || request === undefined ? {} : request)
  }
  if (o.filters !== undefined) {
    if (typeof o.filters !== 'object' || o.filters === null) invalid('filters', 'an object of facet → values', o.filters)
    for (const [name, values] of Object.entries(o.filters)) {
      if (!facetNames.has(name)) unknownFacet(name, facetNames)
      if (name === 'date' ? typeof values !== 'object' || values === null || Array.isArray(values) : !Array.isArray(values)) {
        invalid(`filters.${name}`, name === 'date' ? 'an object { from, to }' : 'a list of values', values)
      }
    }
  }
  return { limit, offset, sort: o.sort, facets, snippetLength }
}

function count(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) invalid(option, 'a whole number ≥ 0', value)
  return value
}

function unknownFacet(name: string, known: ReadonlySet<string>): never {
  invalid('facet name', `one of this index's facets, ${[...known].join(', ')} (extra facets are chosen at build time with the "facets" option)`, name)
}

export function invalid(option: string, expected: string, received: unknown): never {
  throw new OptionsError(
    'ERR_INVALID_QUERY',
    `infobox-search: search option "${option}" must be ${expected}, received ${JSON.stringify(received) ?? String(received)}.`,
    { expected, received },
  )
}
