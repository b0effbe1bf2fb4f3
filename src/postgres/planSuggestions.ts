import { bySpan, suggestionFilter, withSuggestedFilters } from '../search/query/applySuggestions.js'
import type { ReadNames } from '../search/query/nameRows.js'
import type { SuggestedFilter } from '../search/query/understandQuery.js'
import type { ResolvedSearchOptions } from '../search/searchOptions.js'
import { filtersOf, planFilter } from './searchPlan.js'
import type { Filter } from './searchSql.js'

/** A search's filters and ranking signals in SQL's terms. */
export interface SuggestionPlan {
  /** The caller's filters, their names resolved to values; with `applySuggested`, the suggestions on the facets they leave free. */
  readonly filters: readonly Filter[]
  /** Without `applySuggested`: per span of the query, the filters it names (see `SearchQuery.signals`). */
  readonly signals: readonly (readonly Filter[])[]
}

/**
 * What `applySuggestions` does for the static index, for SQL: the
 * suggestions become filters (`applySuggested`) or ranking signals, and the
 * filters' names become the values they stand for (`names.resolve`).
 */
export function planSuggestions(
  suggested: readonly SuggestedFilter[],
  resolved: ResolvedSearchOptions,
  names: ReadNames,
): SuggestionPlan {
  // Every facet a suggestion names is in the table: the names come from its facets, and `date` always is.
  const given =
    resolved.applySuggested && suggested.length > 0
      ? withSuggestedFilters(suggested, resolved.filters, () => true)
      : resolved.filters
  return {
    filters: filtersOf(given, (facet, values) => names.resolve(facet, values)),
    signals: resolved.applySuggested
      ? []
      : bySpan(suggested).map((span) => span.map((one) => planFilter(one.facet, suggestionFilter(one)))),
  }
}
