import type { SinglesFacetFile } from '../../core/chunkedFormat.js'
import type { FacetTable } from '../../core/indexData.js'
import type { Facet } from '../facets/facet.js'
import { createValuesFacet, defaultValuesLimit, findValue } from '../facets/valuesFacet.js'

// A chunked index stores a facet of values in two files: the values several
// documents have, and those of one document only (most places are named by
// one article). Counts and filters that stay among the first need only them.

/** The whole table of a facet from its values of several documents and its values of one (both ascending). */
export function withSingles(shared: FacetTable, singles: SinglesFacetFile): FacetTable {
  const values: string[] = []
  const docs: (readonly number[])[] = []
  let next = 0
  /** Add the shared values that sort before `value` (all those left when it is `undefined`). */
  const addSharedBefore = (value: string | undefined) => {
    for (; next < shared.values.length && (value === undefined || (shared.values[next] as string) < value); next++) {
      values.push(shared.values[next] as string)
      docs.push(shared.docs[next] ?? [])
    }
  }
  singles.values.forEach((value, at) => {
    addSharedBefore(value)
    values.push(value)
    docs.push([singles.docs[at] as number])
  })
  addSharedBefore(undefined)
  return { values, docs, ...namesOfBoth(shared, singles) }
}

/** The labels and aliases of both files (each key only when either has it). */
function namesOfBoth(shared: FacetTable, singles: SinglesFacetFile): Pick<FacetTable, 'labels' | 'aliases'> {
  const { labels, aliases } = shared
  return {
    ...(labels === undefined && singles.labels === undefined ? {} : { labels: { ...labels, ...singles.labels } }),
    ...(aliases === undefined && singles.aliases === undefined ? {} : { aliases: { ...aliases, ...singles.aliases } }),
  }
}

/**
 * A facet of values whose values of one document are not fetched yet. It
 * answers from the values of several documents (`shared`), and from
 * `named` (the documents of values a query's names carry), whenever that
 * answer is the whole facet's; otherwise it calls `needsSingles`, and the
 * search fetches them and runs again:
 * - a filter names a value neither holds (it may be a single value, or a
 *   label or alias of one);
 * - counts list fewer than `limit` values of two documents or more (values
 *   counted once come next, single and shared ones in value order), or a
 *   selected value is not in `shared`.
 * A count by hierarchy level reads that level's file, which is whole.
 */
export function createSharedValuesFacet(
  shared: FacetTable,
  levels: readonly FacetTable[],
  size: number,
  named: (value: string) => readonly number[] | undefined,
  needsSingles: () => void,
): Facet {
  const facet = createValuesFacet(shared, levels, size)
  const documentsOf = (value: string): readonly number[] | undefined => {
    const position = findValue(shared.values, value)
    return position >= 0 ? shared.docs[position] : named(value)
  }
  return {
    kind: 'values',
    select(filter) {
      if (filter.kind !== 'values') return facet.select(filter)
      const set = new Uint8Array(size)
      for (const value of filter.values) {
        const docs = documentsOf(value)
        if (docs === undefined) needsSingles()
        for (const doc of docs ?? []) set[doc] = 1
      }
      return set
    },
    count(set, request, filter) {
      const counts = facet.count(set, request, filter)
      const selected = filter?.kind === 'values' ? filter.values : []
      const limit = request.limit ?? defaultValuesLimit
      const listed = counts.slice(0, limit)
      const reachesSingles =
        request.level === undefined && (listed.length < limit || listed.some(({ count }) => count < 2))
      if (reachesSingles || selected.some((value) => findValue(shared.values, value) < 0)) needsSingles()
      return counts
    },
  }
}
