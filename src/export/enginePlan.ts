import { OptionsError } from '../core/errors.js'
import type { GeoPoint } from '../core/geo.js'
import { defaultIndexOptions, type SearchField } from '../core/options.js'
import { facetKinds, facetQueries, planSuggestions } from '../postgres/searchPlan.js'
import type { FacetQuery, Filter } from '../postgres/searchSql.js'
import { readNameRows } from '../search/query/nameRows.js'
import { understandQuery, type SuggestedFilter } from '../search/query/understandQuery.js'
import { cleanQuery } from '../search/searchIndex.js'
import { facetNamesFormat, type FacetNames } from './facetNames.js'
import { resolveSearchOptions, type SearchOptions, type SortOrder } from '../search/searchOptions.js'

/** What a translation to an engine's query needs besides the options: the export's facets and weights. */
export interface EngineSearchSettings {
  /** The extra facets the export was made with (`--facet`). @default [] */
  readonly facets?: readonly string[]
  /** Field weights (the index's `boost`), overridden by the query's own `boost`. @default the build defaults */
  readonly boost?: Partial<Readonly<Record<SearchField, number>>>
  /**
   * The export's `facets.json` (parsed): a filter may then name a value by
   * its label or an alias, and the query's names of facet values are
   * suggested (`suggestedFilters`), as the static index does. Without it,
   * filters take values as written and only times are suggested.
   * @example toMeilisearchRequest('battles in syria', {}, { names: JSON.parse(await readFile('facets.json', 'utf8')) })
   */
  readonly names?: FacetNames
}

/** Search options checked as `SearchIndex.search` checks them, with its defaults applied. */
export interface EngineSearchPlan {
  /** The query, trimmed, at most 500 characters; '' browses. */
  readonly text: string
  /** The caller's filters (names resolved to values), with `applySuggested` the suggestions too. */
  readonly filters: readonly Filter[]
  /**
   * With `applySuggested`: spans of the query naming values of several
   * facets (`poland`: a country and a side); every match passes one filter
   * of each list, whatever facet is counted (`totalUnfiltered` ignores them).
   */
  readonly required: readonly (readonly Filter[])[]
  /** The filters the query names (`understand`), as `SearchResult.suggestedFilters`. */
  readonly suggestedFilters: readonly SuggestedFilter[]
  /** Without `applySuggested`: per span of the query, the filters it names; matches in more spans should rank first. */
  readonly signals: readonly (readonly Filter[])[]
  readonly facets: readonly FacetQuery[]
  readonly sort: SortOrder
  /** The point distances are measured from (`near`, else a radius filter's centre); always set with `sort: 'distance'`. */
  readonly near: GeoPoint | undefined
  readonly limit: number
  readonly offset: number
  /** `undefined`: the static index's default (prefix on the last term). */
  readonly prefix: boolean | undefined
  /** `undefined`: one typo per five letters in terms of five letters or more, at most two. */
  readonly fuzzy: boolean | number | undefined
  readonly combineWith: 'AND' | 'OR'
  readonly boost: Readonly<Record<SearchField, number>>
}

/**
 * Check options and apply the static index's defaults, for a translation.
 * @throws {OptionsError} `ERR_INVALID_QUERY`, exactly as `SearchIndex.search`.
 */
export function planEngineSearch(
  query: string,
  options: SearchOptions = {},
  settings: EngineSearchSettings = {},
): EngineSearchPlan {
  const resolved = resolveSearchOptions(options, facetKinds(settings.facets ?? []))
  const text = cleanQuery(query)
  const { matching } = resolved
  const boost = { ...defaultIndexOptions.boost, ...definedOnly(settings.boost), ...definedOnly(matching.boost) }
  const given = checkNames(settings.names)
  const names = readNameRows(given?.names ?? [])
  const suggested =
    resolved.understand && text !== '' ? understandQuery(text, given === undefined ? undefined : names.index) : []
  const { filters, required, signals } = planSuggestions(suggested, resolved, names)
  return {
    text,
    filters,
    required,
    suggestedFilters: suggested,
    signals,
    facets: facetQueries(resolved, Infinity, filters),
    sort: resolved.sort ?? (text === '' ? '-date' : 'relevance'),
    near: resolved.near,
    limit: resolved.limit,
    offset: resolved.offset,
    prefix: matching.prefix,
    fuzzy: matching.fuzzy,
    combineWith: matching.combineWith ?? 'OR',
    boost,
  }
}

/** `names` when it is a `facets.json` of ours. @throws {OptionsError} `ERR_INVALID_OPTION` otherwise. */
function checkNames(names: FacetNames | undefined): FacetNames | undefined {
  if (names === undefined || (names.format === facetNamesFormat && Array.isArray(names.names))) return names
  throw new OptionsError(
    'ERR_INVALID_OPTION',
    `infobox-search: the "names" setting must be the facets.json of an engine export (format "${facetNamesFormat}"); pass JSON.parse of that file, or leave it out.`,
    { expected: facetNamesFormat, received: (names as { format?: unknown } | null)?.format },
  )
}

function definedOnly<T extends object>(object: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(object ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>
}

/** The document field of a facet (one level of the place hierarchy has its own). */
export function facetField(facet: FacetQuery): string {
  return facet.kind === 'values' && facet.level !== undefined
    ? `facet_place_level_${facet.level}`
    : `facet_${facet.name}`
}

/** The active filters of every facet but `except` (disjunctive counting). */
export const filtersBut = (filters: readonly Filter[], except?: string): Filter[] =>
  filters.filter((filter) => filter.facet !== except)

/** What an engine without grid counts says of the coordinates facet (`invalid`'s expected). */
export const noGrid = (engine: string): string =>
  `facets other than 'coordinates' (${engine} cannot count points in grid cells; count the hits' lat and lon, or use OpenSearch or PostgreSQL)`
