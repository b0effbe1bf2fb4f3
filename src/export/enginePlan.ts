import type { FacetKind } from '../core/indexData.js'
import { defaultIndexOptions, type SearchField } from '../core/options.js'
import { facetQueries, filtersOf } from '../postgres/searchPlan.js'
import type { FacetQuery, Filter } from '../postgres/searchSql.js'
import { cleanQuery } from '../search/searchIndex.js'
import { resolveSearchOptions, type SearchOptions } from '../search/searchOptions.js'

/** What a translation to an engine's query needs besides the options: the export's facets and weights. */
export interface EngineSearchSettings {
  /** The extra facets the export was made with (`--facet`). @default [] */
  readonly facets?: readonly string[]
  /** Field weights (the index's `boost`), overridden by the query's own `boost`. @default the build defaults */
  readonly boost?: Partial<Readonly<Record<SearchField, number>>>
}

/** Search options checked as `SearchIndex.search` checks them, with its defaults applied. */
export interface EngineSearchPlan {
  /** The query, trimmed, at most 500 characters; '' browses. */
  readonly text: string
  readonly filters: readonly Filter[]
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
  const names = ['date', ...['place', 'combatant', 'kind', ...(settings.facets ?? [])].sort()]
  const kinds = new Map(names.map((name): [string, FacetKind] => [name, name === 'date' ? 'dates' : 'values']))
  const resolved = resolveSearchOptions(options, kinds)
  const text = cleanQuery(query)
  const { matching } = resolved
  const filters = filtersOf(resolved.filters)
  const boost = { ...defaultIndexOptions.boost, ...definedOnly(settings.boost), ...definedOnly(matching.boost) }
  return {
    text,
    filters,
    facets: facetQueries(resolved, Infinity, filters),
    sort: resolved.sort ?? (text === '' ? '-date' : 'relevance'),
    limit: resolved.limit,
    offset: resolved.offset,
    prefix: matching.prefix,
    fuzzy: matching.fuzzy,
    combineWith: matching.combineWith ?? 'OR',
    boost,
  }
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
