import { OptionsError } from '../core/errors.js'
import { isObject, isRecord } from '../core/guards.js'
import { searchFields, type SearchField } from '../core/options.js'
import { dateKey, parseDateBound } from '../core/dateKey.js'
import type { GeoPoint } from '../core/geo.js'
import type { FacetFilter, FacetKind } from './facets/facet.js'

/** A date filter bound: a year (negative for BC), `'YYYY'`, `'YYYY-MM'` or `'YYYY-MM-DD'`. */
export type DateBound = number | string

/** Keep articles whose date interval overlaps `[from, to]`; either end may be left open. */
export interface DateFilter {
  readonly from?: DateBound
  readonly to?: DateBound
}

/**
 * Keep articles whose coordinates are inside a box (degrees; `west > east`
 * crosses the antimeridian) or within `radius` kilometres of a point.
 */
export type GeoFilter =
  | { readonly box: { readonly west: number; readonly south: number; readonly east: number; readonly north: number } }
  | { readonly near: GeoPoint; readonly radius: number }

/**
 * Filters: values of one facet are OR-ed, different facets AND-ed.
 * @example { country: ['Egypt'], combatant: ['Asayish'], date: { from: 1939, to: '1945-09-02' } }
 * @example { coordinates: { near: { lat: 48.7, lon: 44.5 }, radius: 300 } }
 */
export type SearchFilters = {
  readonly date?: DateFilter
  readonly coordinates?: GeoFilter
} & { readonly [facet: string]: readonly string[] | DateFilter | GeoFilter | undefined }

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
  /** Coordinates only: the grid's cell size in degrees (0 < cell ≤ 180). Default 1. */
  readonly cell?: number
}

/**
 * Result ordering. Default: `relevance` with a query, `-date` (newest first)
 * without. `distance`: nearest to `near` first (articles without coordinates last).
 */
export type SortOrder = 'relevance' | 'date' | '-date' | 'distance'

/** Options of `SearchIndex.search`. Every one is optional. */
export interface SearchOptions {
  /** Hits returned. Default 20. */
  readonly limit?: number
  /** Hits skipped, for paging. Default 0. */
  readonly offset?: number
  /** Prefix matching. Default: the last query term only (search-as-you-type). */
  readonly prefix?: boolean
  /**
   * Fuzzy matching: below 1 a fraction of the term length (at most 2 edits), 1 or 2 a
   * number of edits (at most `maxFuzzy`, as Lucene: more finds noise, and the work grows
   * with it). Default: 0.2 for terms of 5+ letters, else exact.
   */
  readonly fuzzy?: boolean | number
  /**
   * Typo matches are looked for only for a query word that at most this many
   * articles hold as typed; a commoner word is taken as typed. Default 100;
   * `Infinity` looks for typos of every word (as MiniSearch does).
   */
  readonly fuzzyMaxDocuments?: number
  /** Field weights (numbers ≥ 0) for this query, over the index's `boost` option. */
  readonly boost?: Partial<Readonly<Record<SearchField, number>>>
  /** `OR` ranks articles matching more terms first (default); `AND` requires every term. */
  readonly combineWith?: 'AND' | 'OR'
  readonly filters?: SearchFilters
  /** Facets to count, by name or with per-facet options. */
  readonly facets?: readonly string[] | Readonly<Record<string, FacetRequest | true | undefined>>
  readonly sort?: SortOrder
  /**
   * A point to measure from: each hit with coordinates gets its `distance`
   * in kilometres, and `sort: 'distance'` orders by it. Default: the
   * centre of a `coordinates` radius filter, if any.
   */
  readonly near?: GeoPoint
  /** Characters of context in each snippet. Default 160. */
  readonly snippetLength?: number
  /**
   * Read the query for the filters it names (times, places, sides, kinds) and
   * return them as `suggestedFilters`; unless `applySuggested`, articles that
   * match them rank higher among the results, and none is hidden. Default `true`.
   */
  readonly understand?: boolean
  /** Apply the suggested filters (to the facets the query does not already filter) instead of ranking by them. Default `false`. */
  readonly applySuggested?: boolean
}

/** The text-matching options a query gave (those it left out are absent: the index's defaults apply). */
export interface MatchingOptions {
  readonly prefix?: boolean | undefined
  readonly fuzzy?: boolean | number | undefined
  readonly fuzzyMaxDocuments?: number | undefined
  readonly boost?: Partial<Readonly<Record<SearchField, number>>> | undefined
  readonly combineWith?: 'AND' | 'OR' | undefined
}

/** `SearchOptions` checked and read once, at the API boundary: what `search` works from. */
export interface ResolvedSearchOptions {
  readonly limit: number
  readonly offset: number
  readonly snippetLength: number
  readonly sort: SortOrder | undefined
  /** The point distances are measured from, if any. */
  readonly near: GeoPoint | undefined
  readonly understand: boolean
  readonly applySuggested: boolean
  readonly matching: MatchingOptions
  /** Active filters by facet, parsed (date bounds are day keys). */
  readonly filters: ReadonlyMap<string, FacetFilter>
  /** Facets to count, by name. */
  readonly facets: ReadonlyMap<string, FacetRequest>
}

/** Most edits `fuzzy` may allow. */
export const maxFuzzy = 2

/** A test of an option's value, and what the message says was expected. */
type Check = readonly [test: (value: unknown) => boolean, expected: string]

const count: Check = [(value) => Number.isInteger(value) && (value as number) >= 0, 'a whole number ≥ 0']
/** One of `allowed`; the message lists them: `'AND' or 'OR'`. */
const oneOf = (...allowed: readonly unknown[]): Check => [
  (value) => allowed.includes(value),
  allowed
    .map((v) => `'${String(v)}'`)
    .join(', ')
    .replace(/,( \S+)$/, ' or$1'),
]

/** Checks of the top-level options; `filters`, `facets` and `boost` are then read entry by entry. */
const checks: Readonly<Record<string, Check>> = {
  limit: count,
  offset: count,
  snippetLength: count,
  sort: oneOf('relevance', 'date', '-date', 'distance'),
  near: [isPoint, 'a point { lat, lon } (degrees: lat −90…90, lon −180…180)'],
  understand: [(value) => typeof value === 'boolean', 'true or false'],
  applySuggested: [(value) => typeof value === 'boolean', 'true or false'],
  combineWith: oneOf('AND', 'OR'),
  prefix: oneOf(true, false),
  // A number of edits is capped: 6 edits of a one-letter term match every term of up
  // to 7 letters (a 500-character query of them took seconds and gigabytes).
  fuzzy: [
    (value) => typeof value === 'boolean' || (typeof value === 'number' && value >= 0 && value <= maxFuzzy),
    `a boolean or a number from 0 to ${maxFuzzy} (below 1 a fraction of the term length, else edits)`,
  ],
  fuzzyMaxDocuments: [
    (value) => value === Infinity || (Number.isInteger(value) && (value as number) >= 0),
    'a whole number ≥ 0 or Infinity',
  ],
  boost: [isObject, 'an object of field weights'],
  facets: [isObject, 'a list of facet names or an object'],
  filters: [isObject, 'an object of facet → values'],
}
const requestChecks: Readonly<Record<string, Check>> = {
  limit: count,
  level: count,
  interval: oneOf('year', 'decade', 'century'),
  cell: [(value) => typeof value === 'number' && value > 0 && value <= 180, 'a number of degrees > 0 and ≤ 180'],
}
const dateBoundExpected = "a year number or 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (negative years for BC)"

/**
 * Check search options once, at the API boundary, against the index's facets.
 * @throws {OptionsError} `ERR_INVALID_QUERY` naming the option and the value received.
 */
export function resolveSearchOptions(
  options: unknown,
  facetKinds: ReadonlyMap<string, FacetKind>,
): ResolvedSearchOptions {
  check('options', options, [isObject, 'an object'])
  const given = options as SearchOptions
  for (const [name, test] of Object.entries(checks)) check(name, given[name as keyof SearchOptions], test)
  for (const [name, value] of Object.entries(given.boost ?? {})) {
    check('boost field', name, [
      (field) => (searchFields as readonly unknown[]).includes(field),
      `one of ${searchFields.join(', ')}`,
    ])
    check(`boost.${name}`, value, [
      (weight) => typeof weight === 'number' && weight >= 0 && weight < Infinity,
      'a finite number ≥ 0',
    ])
  }
  const facets = new Map<string, FacetRequest>()
  // A list of names, or requests by name (`true` or an object); a name alone is `true`.
  const requested: readonly (readonly [name: string, request?: FacetRequest | true])[] = Array.isArray(given.facets)
    ? given.facets.map((name: string) => [name])
    : Object.entries(given.facets ?? {})
  for (const [name, request = true] of requested) {
    knownFacet(name, facetKinds)
    check(`facets.${name}`, request, [(value) => value === true || isObject(value), 'true or an object'])
    for (const [key, test] of Object.entries(requestChecks))
      check(`facets.${name}.${key}`, (request as Record<string, unknown>)[key], test)
    facets.set(name, request === true ? {} : request)
  }
  const filters = new Map<string, FacetFilter>()
  for (const [name, value] of Object.entries(given.filters ?? {})) {
    const kind = knownFacet(name, facetKinds)
    if (value !== undefined) filters.set(name, readFilter(kind, value, `filters.${name}`))
  }
  const circle = [...filters.values()].find((filter) => filter.kind === 'circle')
  const near = given.near ?? circle?.center
  if (given.sort === 'distance' && near === undefined)
    invalid('sort', '\'distance\' with a point to measure from: the "near" option or a radius filter', given.sort)
  const { prefix, fuzzy, fuzzyMaxDocuments, boost, combineWith } = given
  const matching = Object.fromEntries(
    Object.entries({ prefix, fuzzy, fuzzyMaxDocuments, boost, combineWith }).filter(([, value]) => value !== undefined),
  )
  return {
    limit: given.limit ?? 20,
    offset: given.offset ?? 0,
    snippetLength: given.snippetLength ?? 160,
    sort: given.sort,
    near: near === undefined ? undefined : { lat: near.lat, lon: near.lon },
    understand: given.understand ?? true,
    applySuggested: given.applySuggested ?? false,
    matching,
    filters,
    facets,
  }
}

/** A filter value read for a facet of `kind`: a list of values, a date range as day keys, or an area. */
function readFilter(kind: FacetKind, value: unknown, option: string): FacetFilter {
  if (kind === 'geo') return readArea(value, option)
  if (kind === 'values') {
    check(option, value, [Array.isArray, 'a list of values'])
    // Values that are not strings name no value: they match nothing.
    return { kind, values: (value as readonly unknown[]).filter((item): item is string => typeof item === 'string') }
  }
  check(option, value, [isRecord, 'an object { from, to }'])
  const { from, to } = value as DateFilter
  const range = { kind, from: dateBound(from, 'start', `${option}.from`), to: dateBound(to, 'end', `${option}.to`) }
  // A range that ends before it starts would match nothing, silently: most likely two fields swapped.
  if (range.from > range.to) invalid(option, 'a range whose "from" is not after its "to"', value)
  return range
}

const areaExpected =
  '{ box: { west, south, east, north } } or { near: { lat, lon }, radius } (degrees; radius in kilometres ≥ 0)'

function readArea(value: unknown, option: string): FacetFilter {
  check(option, value, [isRecord, areaExpected])
  const { box, near, radius } = value as Record<string, unknown>
  if (box !== undefined) {
    check(`${option}.box`, box, [isBox, 'an object { west, south, east, north } of degrees, south ≤ north'])
    const { west, south, east, north } = box as Record<'west' | 'south' | 'east' | 'north', number>
    return { kind: 'box', west, south, east, north }
  }
  if (near === undefined) invalid(option, areaExpected, value)
  check(`${option}.near`, near, [isPoint, 'a point { lat, lon } (degrees: lat −90…90, lon −180…180)'])
  check(`${option}.radius`, radius, [(km) => typeof km === 'number' && km >= 0 && km < Infinity, 'kilometres ≥ 0'])
  if (radius === undefined) invalid(`${option}.radius`, 'kilometres ≥ 0', radius)
  const center = near as GeoPoint
  return { kind: 'circle', center: { lat: center.lat, lon: center.lon }, radius: radius as number }
}

function isPoint(value: unknown): boolean {
  if (!isRecord(value)) return false
  const { lat, lon } = value
  return typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
}

function isBox(value: unknown): boolean {
  if (!isRecord(value)) return false
  const { west, south, east, north } = value
  const degrees = (n: unknown, limit: number) => typeof n === 'number' && Math.abs(n) <= limit
  return (
    degrees(west, 180) &&
    degrees(east, 180) &&
    degrees(south, 90) &&
    degrees(north, 90) &&
    (south as number) <= (north as number)
  )
}

function dateBound(value: unknown, side: 'start' | 'end', option: string): number {
  if (value === undefined) return side === 'start' ? -Infinity : Infinity
  const date = typeof value === 'number' || typeof value === 'string' ? parseDateBound(value) : undefined
  if (date === undefined) invalid(option, dateBoundExpected, value)
  return dateKey(date, side)
}

/** `undefined` is no value: the default applies. */
function check(option: string, value: unknown, [test, expected]: Check): void {
  if (value !== undefined && !test(value)) invalid(option, expected, value)
}

function knownFacet(name: string, facetKinds: ReadonlyMap<string, FacetKind>): FacetKind {
  const kind = facetKinds.get(name)
  if (kind === undefined) {
    const known = [...facetKinds.keys()].join(', ')
    invalid(
      'facet name',
      `one of this index's facets, ${known} (extra facets are chosen at build time with the "facets" option)`,
      name,
    )
  }
  return kind
}

/**
 * Values are quoted as JSON, but NaN, infinities, bigints, symbols, functions
 * and undefined as `String` gives them, and what JSON cannot write (a cycle, a
 * bigint inside an object) by its type tag.
 */
export function invalid(option: string, expected: string, received: unknown): never {
  let shown: string
  try {
    shown = show(received)
  } catch {
    shown = Object.prototype.toString.call(received)
  }
  throw new OptionsError(
    'ERR_INVALID_QUERY',
    `infobox-search: search option "${option}" must be ${expected}, received ${shown}.`,
    { expected, received },
  )
}

/** Strings and objects as JSON (throws on a cycle); numbers, symbols and the like as `String` writes them. */
function show(received: unknown): string {
  switch (typeof received) {
    case 'string':
    case 'object':
      return JSON.stringify(received)
    case 'function':
      return 'a function'
    default:
      return String(received)
  }
}
