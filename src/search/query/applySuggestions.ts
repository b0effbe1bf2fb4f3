import { dateKey } from '../../core/dateKey.js'
import type { DocumentSet, Facet, FacetFilter } from '../facets/facet.js'
import type { ResolvedSearchOptions } from '../searchOptions.js'
import type { SuggestedFilter } from './understandQuery.js'

/** What the filters a query names do to its search. */
export interface SuggestionEffect {
  /** The search's filters: the caller's, and with `applySuggested` the suggestions on facets the caller does not filter. */
  readonly filters: ReadonlyMap<string, FacetFilter>
  /** Without `applySuggested`: per named span, the documents it names; those in more of them rank first. */
  readonly signals: readonly DocumentSet[]
}

/**
 * Turn suggestions into filters (`applySuggested`: per facet the values all
 * its spans name, OR-ed; the first time named; never a facet the caller
 * already filters) or into ranking signals (one set of documents per span
 * of the query, whatever facets it names).
 */
export function applySuggestions(
  suggested: readonly SuggestedFilter[],
  options: ResolvedSearchOptions,
  facets: ReadonlyMap<string, Facet>,
): SuggestionEffect {
  if (suggested.length === 0) return { filters: options.filters, signals: [] }
  if (options.applySuggested)
    return { filters: withSuggestedFilters(suggested, options.filters, (facet) => facets.has(facet)), signals: [] }
  const signals = bySpan(suggested.filter((suggestion) => facets.has(suggestion.facet))).map((span) =>
    union(span.map((suggestion) => (facets.get(suggestion.facet) as Facet).select(suggestionFilter(suggestion)))),
  )
  return { filters: options.filters, signals }
}

/**
 * `filters` and the suggestions as filters (`applySuggested`): per facet
 * that `filters` leaves free and `has`, the values all its spans name,
 * OR-ed; the first time named.
 */
export function withSuggestedFilters(
  suggested: readonly SuggestedFilter[],
  filters: ReadonlyMap<string, FacetFilter>,
  has: (facet: string) => boolean,
): Map<string, FacetFilter> {
  const all = new Map(filters)
  for (const suggestion of suggested) {
    if (filters.has(suggestion.facet) || !has(suggestion.facet)) continue
    const existing = all.get(suggestion.facet)
    if (existing !== undefined && existing.kind === 'dates') continue
    const filter = suggestionFilter(suggestion)
    all.set(
      suggestion.facet,
      existing?.kind === 'values' && filter.kind === 'values'
        ? { kind: 'values', values: [...existing.values, ...filter.values] }
        : filter,
    )
  }
  return all
}

/** The suggestions of each span of the query (one ranking signal each), in query order. */
export function bySpan(suggested: readonly SuggestedFilter[]): SuggestedFilter[][] {
  const spans = new Map<string, SuggestedFilter[]>()
  for (const suggestion of suggested) {
    const key = `${suggestion.start}:${suggestion.end}`
    spans.set(key, [...(spans.get(key) ?? []), suggestion])
  }
  return [...spans.values()]
}

/** A suggestion as the filter it suggests (a date filter covers its years whole). */
export function suggestionFilter(suggestion: SuggestedFilter): FacetFilter {
  if ('from' in suggestion)
    return {
      kind: 'dates',
      from: dateKey({ year: suggestion.from }, 'start'),
      to: dateKey({ year: suggestion.to }, 'end'),
    }
  return { kind: 'values', values: suggestion.values }
}

function union(sets: readonly DocumentSet[]): DocumentSet {
  const [first, ...rest] = sets
  const all = new Uint8Array(first ?? [])
  for (const set of rest)
    for (let doc = 0; doc < set.length; doc++) all[doc] = (all[doc] as number) | (set[doc] as number)
  return all
}
