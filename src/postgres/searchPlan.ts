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
