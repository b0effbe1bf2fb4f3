import { dateKey } from '../../core/dateKey.js'
import type { DocumentSet, Facet, FacetFilter } from '../facets/facet.js'
import type { ResolvedSearchOptions } from '../searchOptions.js'
import type { SuggestedFilter } from './understandQuery.js'

/** What the filters a query names do to its search. */
export interface SuggestionEffect {
  /** The search's filters: the caller's, and with `applySuggested` the suggestions on facets the caller does not filter. */
  readonly filters: ReadonlyMap<string, FacetFilter>
  /** With `applySuggested`: the documents the words naming values of several facets allow (any of those values); each set must hold. */
  readonly required: readonly DocumentSet[]
  /** Without `applySuggested`: per named span, the documents it names; those in more of them rank first. */
  readonly signals: readonly DocumentSet[]
}

/**
 * Turn suggestions into filters (`applySuggested`) or into ranking signals
 * (one set of documents per span of the query, whatever facets it names).
 *
 * Applied, a span's readings on facets the caller already filters are
 * dropped; spans that name the same facets are alternatives (OR), spans
 * that name different facets are all required (AND). A span naming values
 * of one facet filters that facet (the first time named, for dates); a span
 * naming values of several (`poland`: a place and a side) is one condition
 * that an article passes with any of them.
 */
export function applySuggestions(
  suggested: readonly SuggestedFilter[],
  options: ResolvedSearchOptions,
  facets: ReadonlyMap<string, Facet>,
): SuggestionEffect {
  if (suggested.length === 0) return { filters: options.filters, required: [], signals: [] }
  if (options.applySuggested) {
    const applied = withSuggestedFilters(suggested, options.filters, (facet) => facets.has(facet))
    return {
      filters: applied.filters,
      required: applied.required.map((readings) => union(readings.map((reading) => select(reading, facets)))),
      signals: [],
    }
  }
  const signals = bySpan(suggested).flatMap((span) => {
    const sets = span
      .filter((suggestion) => facets.has(suggestion.facet))
      .map((suggestion) => select(suggestion, facets))
    return sets.length === 0 ? [] : [union(sets)]
  })
  return { filters: options.filters, required: [], signals }
}

function select(suggestion: SuggestedFilter, facets: ReadonlyMap<string, Facet>): DocumentSet {
  return (facets.get(suggestion.facet) as Facet).select(suggestionFilter(suggestion))
}

/** Suggestions applied as filters (`withSuggestedFilters`). */
export interface AppliedSuggestions {
  /** `filters` and, per facet they leave free, the values its one-facet spans name (OR-ed; dates: the first named). */
  readonly filters: Map<string, FacetFilter>
  /**
   * Spans naming values of several facets (`poland`: a place and a side),
   * grouped by the facets they name: each group is one condition an article
   * passes with any of its readings.
   */
  readonly required: readonly (readonly SuggestedFilter[])[]
}

/**
 * `filters` and the suggestions as filters (`applySuggested`). A span's
 * readings on facets `filters` already filters, or that the index lacks
 * (`has`), are dropped; spans that name the same facets are alternatives
 * (OR), spans that name different facets are all required (AND).
 */
export function withSuggestedFilters(
  suggested: readonly SuggestedFilter[],
  filters: ReadonlyMap<string, FacetFilter>,
  has: (facet: string) => boolean,
): AppliedSuggestions {
  const all = new Map(filters)
  const conditions = new Map<string, SuggestedFilter[]>()
  for (const span of bySpan(suggested)) {
    const readings = span.filter((suggestion) => !filters.has(suggestion.facet) && has(suggestion.facet))
    const [suggestion] = readings
    if (suggestion === undefined) continue
    if (readings.length > 1) {
      const key = readings
        .map((reading) => reading.facet)
        .sort()
        .join('\n')
      conditions.set(key, [...(conditions.get(key) ?? []), ...readings])
      continue
    }
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
  return { filters: all, required: [...conditions.values()] }
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
