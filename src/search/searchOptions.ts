import { OptionsError } from '../errors.js'
import { searchFields, type SearchField } from '../index/options.js'

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
  /**
   * Fuzzy matching: below 1 a fraction of the term length (at most 2 edits), from 1 to 6
   * a number of edits. Default: 0.2 for terms of 5+ letters, else exact.
   */
  readonly fuzzy?: boolean | number
  /** Field weights (numbers ≥ 0) for this query, over the index's `boost` option. */
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

/** `SearchOptions` with defaults applied and every value checked: what `search` reads. */
export interface ResolvedSearchOptions extends Omit<SearchOptions, 'facets'> {
  readonly limit: number
  readonly offset: number
  readonly facets: ReadonlyMap<string, FacetRequest>
  readonly snippetLength: number
}

/** A test of an option's value, and what the message says was expected. */
type Check = readonly [test: (value: unknown) => boolean, expected: string]

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null
const count: Check = [(value) => Number.isInteger(value) && (value as number) >= 0, 'a whole number ≥ 0']
/** One of `allowed`; the message lists them: `'AND' or 'OR'`. */
const oneOf = (...allowed: readonly unknown[]): Check => [(value) => allowed.includes(value), allowed.map((v) => `'${v}'`).join(', ').replace(/,( \S+)$/, ' or$1')]

/** Checks of the top-level options; `filters`, `facets` and `boost` are then read entry by entry. */
const checks: Readonly<Record<string, Check>> = {
  limit: count,
  offset: count,
  snippetLength: count,
  sort: oneOf('relevance', 'date', '-date'),
  combineWith: oneOf('AND', 'OR'),
  // MiniSearch caps a fraction with the index's maxFuzzy but takes 1 or more as a
  // number of edits, uncapped: 1e9 throws, and large ones walk the whole index.
  fuzzy: [(value) => typeof value === 'boolean' || (typeof value === 'number' && value >= 0 && value <= 6), 'a boolean or a number from 0 to 6'],
  boost: [isObject, 'an object of field weights'],
  facets: [isObject, 'a list of facet names or an object'],
  filters: [isObject, 'an object of facet → values'],
}
const requestChecks: Readonly<Record<string, Check>> = { limit: count, level: count, interval: oneOf('year', 'decade', 'century') }

/**
 * Check search options once, at the API boundary.
 * @throws {OptionsError} `ERR_INVALID_QUERY` naming the option and the value received.
 */
export function resolveSearchOptions(options: unknown = {}, facetNames: ReadonlySet<string>): ResolvedSearchOptions {
  check('options', options, [isObject, 'an object'])
  const o = options as SearchOptions
  for (const [name, test] of Object.entries(checks)) check(name, o[name as keyof SearchOptions], test)
  for (const [name, value] of Object.entries(o.boost ?? {})) {
    check('boost field', name, [(name) => (searchFields as readonly unknown[]).includes(name), `one of ${searchFields.join(', ')}`])
    check(`boost.${name}`, value, [(value) => typeof value === 'number' && value >= 0 && value < Infinity, 'a finite number ≥ 0'])
  }
  const facets = new Map<string, FacetRequest>()
  // A list of names, or requests by name (`true` or an object); a name alone is `true`.
  const requested: readonly (readonly [name: string, request?: FacetRequest | true])[] = Array.isArray(o.facets) ? o.facets.map((name) => [name]) : Object.entries(o.facets ?? {})
  for (const [name, request = true] of requested) {
    if (!facetNames.has(name)) unknownFacet(name, facetNames)
    check(`facets.${name}`, request, [(value) => value === true || isObject(value), 'true or an object'])
    for (const [key, test] of Object.entries(requestChecks)) check(`facets.${name}.${key}`, (request as Record<string, unknown>)[key], test)
    facets.set(name, request === true ? {} : request)
  }
  for (const [name, values] of Object.entries(o.filters ?? {})) {
    if (!facetNames.has(name)) unknownFacet(name, facetNames)
    check(`filters.${name}`, values, name === 'date' ? [(value) => isObject(value) && !Array.isArray(value), 'an object { from, to }'] : [Array.isArray, 'a list of values'])
  }
  return { ...o, limit: o.limit ?? 20, offset: o.offset ?? 0, facets, snippetLength: o.snippetLength ?? 160 }
}

/** `undefined` is no value: the default applies. */
function check(option: string, value: unknown, [test, expected]: Check): void {
  if (value !== undefined && !test(value)) invalid(option, expected, value)
}

function unknownFacet(name: unknown, known: ReadonlySet<string>): never {
  invalid('facet name', `one of this index's facets, ${[...known].join(', ')} (extra facets are chosen at build time with the "facets" option)`, name)
}

/**
 * Values are quoted as JSON, but NaN, infinities, bigints, symbols, functions
 * and undefined as `String` gives them, and what JSON cannot write (a cycle, a
 * bigint inside an object) by its type tag.
 */
export function invalid(option: string, expected: string, received: unknown): never {
  let shown: string
  try {
    shown = typeof received === 'string' || typeof received === 'object' ? JSON.stringify(received) : String(received)
  } catch {
    shown = Object.prototype.toString.call(received)
  }
  throw new OptionsError('ERR_INVALID_QUERY', `infobox-search: search option "${option}" must be ${expected}, received ${shown}.`, { expected, received })
}
