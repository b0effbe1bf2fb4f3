import { bySpan, suggestionFilter, withSuggestedFilters } from '../search/query/applySuggestions.js'
import type { ReadNames } from '../search/query/nameRows.js'
import type { SuggestedFilter } from '../search/query/understandQuery.js'
import type { FacetFilter } from '../search/facets/facet.js'
import type { ResolvedSearchOptions } from '../search/searchOptions.js'
import type { FacetQuery, Filter } from './searchSql.js'

/** The values filter names stand for in a facet (see `resolveNames`); by default the names themselves. */
export type ResolveValues = (facet: string, names: readonly string[]) => readonly string[]

const asGiven: ResolveValues = (_facet, names) => names

/**
 * Active filters as SQL and the engines take them: the values each names
 * (a value itself, or every value a label or alias stands for, as `resolve`
 * says), date bounds as day keys (`dateKey`; null = open).
 */
export function filtersOf(filters: ReadonlyMap<string, FacetFilter>, resolve: ResolveValues = asGiven): Filter[] {
  return [...filters].map(([facet, filter]) => planFilter(facet, filter, resolve))
}

/** One filter as `filtersOf` gives it. */
export function planFilter(facet: string, filter: FacetFilter, resolve: ResolveValues = asGiven): Filter {
  if (filter.kind === 'values') return { facet, values: [...new Set(resolve(facet, filter.values))] }
  if (filter.kind !== 'dates')
    throw new Error(`infobox-search: no ${filter.kind} filter on "${facet}" here; please report this.`)
  return { facet: 'date', from: finiteOrNull(filter.from), to: finiteOrNull(filter.to) }
}

/** An open bound (±Infinity) as SQL's null. */
const finiteOrNull = (key: number): number | null => (Number.isFinite(key) ? key : null)

/**
 * The facets to count, in request order, as the static index counts them:
 * the values `filters` select are listed even when not among the first.
 * `placeLevels`: levels of the place hierarchy some article has (the static
 * index has a table `place@<level>` for each).
 */
export function facetQueries(
  resolved: ResolvedSearchOptions,
  placeLevels: number,
  filters: readonly Filter[],
): FacetQuery[] {
  return [...resolved.facets].map(([name, request]): FacetQuery => {
    if (name === 'date') return { name, kind: 'date', interval: request.interval ?? 'century' }
    // The static index counts a level from the table `place@<level>`, which exists only for levels some article has.
    if (request.level !== undefined && (name !== 'place' || request.level >= placeLevels)) return { name, kind: 'none' }
    const filter = filters.find((active) => active.facet === name)
    const selected = filter !== undefined && 'values' in filter ? filter.values : []
    return {
      name,
      kind: 'values',
      limit: request.limit ?? 10,
      selected,
      ...(request.level === undefined ? {} : { level: request.level }),
    }
  })
}

/** A search's filters and ranking signals as SQL and the engines take them. */
export interface SuggestionPlan {
  /** The caller's filters, their names resolved to values; with `applySuggested`, the suggestions on the facets they leave free. */
  readonly filters: readonly Filter[]
  /** Without `applySuggested`: per span of the query, the filters it names (see `SearchQuery.signals`). */
  readonly signals: readonly (readonly Filter[])[]
}

/**
 * What `applySuggestions` does for the static index, for SQL and the engines: the
 * suggestions become filters (`applySuggested`) or ranking signals, and the
 * filters' names become the values they stand for (`names.resolve`).
 */
export function planSuggestions(
  suggested: readonly SuggestedFilter[],
  resolved: ResolvedSearchOptions,
  names: ReadNames,
): SuggestionPlan {
  // Every facet a suggestion names is in the table: the names come from its facets, and `date` always is.
  // TODO(pg-parity): spans naming several facets (`required`) are not applied here yet.
  const given =
    resolved.applySuggested && suggested.length > 0
      ? withSuggestedFilters(suggested, resolved.filters, () => true).filters
      : resolved.filters
  return {
    filters: filtersOf(given, (facet, values) => names.resolve(facet, values)),
    signals: resolved.applySuggested
      ? []
      : bySpan(suggested).map((span) => span.map((one) => planFilter(one.facet, suggestionFilter(one)))),
  }
}
