import type { ResolvedSearchOptions } from '../search/searchOptions.js'
import type { FacetQuery, Filter } from './searchSql.js'

/** The active filters, date bounds as day keys (`dateKey`; null = open), as `resolveSearchOptions` read them. */
export function filtersOf(resolved: ResolvedSearchOptions): Filter[] {
  return [...resolved.filters].map(([facet, filter]): Filter => {
    if (filter.kind === 'values') return { facet, values: filter.values }
    return { facet: 'date', from: finiteOrNull(filter.from), to: finiteOrNull(filter.to) }
  })
}

/** An open bound (±Infinity) as SQL's null. */
const finiteOrNull = (key: number): number | null => (Number.isFinite(key) ? key : null)

/**
 * The facets to count, in request order, as the static index counts them. `placeLevels`: levels of
 * the place hierarchy some article has (the static index has a table `place@<level>` for each).
 */
export function facetQueries(resolved: ResolvedSearchOptions, placeLevels: number): FacetQuery[] {
  return [...resolved.facets].map(([name, request]): FacetQuery => {
    if (name === 'date') return { name, kind: 'date', interval: request.interval ?? 'century' }
    // The static index counts a level from the table `place@<level>`, which exists only for levels some article has.
    if (request.level !== undefined && (name !== 'place' || request.level >= placeLevels)) return { name, kind: 'none' }
    const filter = resolved.filters.get(name)
    const selected = filter?.kind === 'values' ? [...new Set(filter.values)] : []
    return {
      name,
      kind: 'values',
      limit: request.limit ?? 10,
      selected,
      ...(request.level === undefined ? {} : { level: request.level }),
    }
  })
}
