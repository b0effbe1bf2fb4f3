import { OptionsError } from '../core/errors.js'
import type { FacetKind } from '../core/indexData.js'
import { defaultIndexOptions, type SearchField } from '../core/options.js'
import { facetQueries, planSuggestions } from '../postgres/searchPlan.js'
import type { FacetQuery, Filter } from '../postgres/searchSql.js'
import { readNameRows } from '../search/query/nameRows.js'
import { understandQuery, type SuggestedFilter } from '../search/query/understandQuery.js'
import { cleanQuery } from '../search/searchIndex.js'
import { facetNamesFormat, type FacetNames } from './facetNames.js'
import { invalid, resolveSearchOptions, type SearchOptions, type SortOrder } from '../search/searchOptions.js'

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
  /** The filters the query names (`understand`), as `SearchResult.suggestedFilters`. */
  readonly suggestedFilters: readonly SuggestedFilter[]
  /** Without `applySuggested`: per span of the query, the filters it names; matches in more spans should rank first. */
  readonly signals: readonly (readonly Filter[])[]
  readonly facets: readonly FacetQuery[]
  readonly sort: 'relevance' | 'date' | '-date'
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
  const facets = ['date', ...['place', 'combatant', 'kind', ...(settings.facets ?? [])].sort()]
  const kinds = new Map(facets.map((name): [string, FacetKind] => [name, name === 'date' ? 'dates' : 'values']))
  const resolved = resolveSearchOptions(options, kinds)
  const text = cleanQuery(query)
  const { matching } = resolved
  const boost = { ...defaultIndexOptions.boost, ...definedOnly(settings.boost), ...definedOnly(matching.boost) }
  const given = checkNames(settings.names)
  const names = readNameRows(given?.names ?? [])
  const suggested =
    resolved.understand && text !== '' ? understandQuery(text, given === undefined ? undefined : names.index) : []
  const { filters, signals } = planSuggestions(suggested, resolved, names)
  return {
    text,
    filters,
    suggestedFilters: suggested,
    signals,
    facets: facetQueries(resolved, Infinity, filters),
    sort: withoutDistance(resolved.sort) ?? (text === '' ? '-date' : 'relevance'),
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

/** The engines have no coordinates: sorting by distance is refused, naming the option. */
function withoutDistance(sort: SortOrder | undefined): Exclude<SortOrder, 'distance'> | undefined {
  if (sort === 'distance') invalid('sort', "'relevance', 'date' or '-date' (these engines have no coordinates)", sort)
  return sort
}
