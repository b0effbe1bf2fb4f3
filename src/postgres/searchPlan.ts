import { dateKey, parseDateBound } from '../index.js'
import { invalid, type ResolvedSearchOptions } from './internal.js'
import type { FacetQuery, Filter } from './searchSql.js'

/** The active filters, date bounds as day keys (`dateKey`; null = open).
 * @throws {OptionsError} `ERR_INVALID_QUERY` for a date bound that is not a year or an ISO date, as the static index does. */
export function filtersOf(resolved: ResolvedSearchOptions): Filter[] {
  const filters: Filter[] = []
  for (const [facet, value] of Object.entries(resolved.filters ?? {})) {
    if (value === undefined) continue
    if (facet !== 'date') {
      // Only strings can equal a value; anything else in the list matches nothing, as in the static index.
      filters.push({ facet, values: (value as readonly unknown[]).filter((v): v is string => typeof v === 'string') })
      continue
    }
    const { from, to } = value as { from?: number | string; to?: number | string }
    filters.push({
      facet: 'date',
      from: bound(from, 'start', 'filters.date.from'),
      to: bound(to, 'end', 'filters.date.to'),
    })
  }
  return filters
}

function bound(value: number | string | undefined, side: 'start' | 'end', option: string): number | null {
  if (value === undefined) return null
  const date = parseDateBound(value)
  if (date === undefined)
    invalid(option, "a year number or 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (negative years for BC)", value)
  return dateKey(date, side)
}

/**
 * The facets to count, in request order, as the static index counts them. `placeLevels`: levels of
 * the place hierarchy some article has (the static index has a table `place@<level>` for each).
 */
export function facetQueries(resolved: ResolvedSearchOptions, placeLevels: number): FacetQuery[] {
  return [...resolved.facets].map(([name, request]): FacetQuery => {
    if (name === 'date') return { name, kind: 'date', interval: request.interval ?? 'century' }
    // The static index counts a level from the table `place@<level>`, which exists only for levels some article has.
    if (request.level !== undefined && (name !== 'place' || request.level >= placeLevels)) return { name, kind: 'none' }
    const filter = resolved.filters?.[name]
    const selected = Array.isArray(filter) ? [...new Set(filter.filter((v): v is string => typeof v === 'string'))] : []
    return {
      name,
      kind: 'values',
      limit: request.limit ?? 10,
      selected,
      ...(request.level === undefined ? {} : { level: request.level }),
    }
  })
}
