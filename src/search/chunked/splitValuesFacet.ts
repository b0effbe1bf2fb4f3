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
  let s = 0
  for (let one = 0; one < singles.values.length; one++) {
    const value = singles.values[one] as string
    for (; s < shared.values.length && (shared.values[s] as string) < value; s++) {
      values.push(shared.values[s] as string)
      docs.push(shared.docs[s] ?? [])
    }
    values.push(value)
    docs.push([singles.docs[one] as number])
  }
  for (; s < shared.values.length; s++) {
    values.push(shared.values[s] as string)
    docs.push(shared.docs[s] ?? [])
  }
  const labels =
    shared.labels === undefined && singles.labels === undefined
      ? {}
      : {
          labels: { ...shared.labels, ...singles.labels },
        }
  const aliases =
    shared.aliases === undefined && singles.aliases === undefined
      ? {}
      : {
          aliases: { ...shared.aliases, ...singles.aliases },
        }
  return { values, docs, ...labels, ...aliases }
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
