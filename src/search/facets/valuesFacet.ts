import { ownEntry } from '../../core/guards.js'
import type { FacetTable } from '../../core/indexData.js'
import type { DocumentSet, Facet, FacetCount } from './facet.js'
import { resolveNames, valueNames } from './valueNames.js'

/** Most values a facet lists unless the request says otherwise. */
export const defaultValuesLimit = 10

/** A facet of values, which also knows its values' names (labels and aliases). */
export interface ValuesFacet extends Facet {
  /** Every name of every value, by `nameKey` (see `valueNames`). */
  names(): ReadonlyMap<string, readonly string[]>
  /**
   * The values a filter names: a value as it is, else every value whose
   * label or alias it is (`France` → `Kingdom of France`, `France`…), else
   * itself (a value this index does not have: it matches nothing).
   */
  resolve(given: readonly string[]): readonly string[]
}

/**
 * A facet of values (place, combatant, kind, extra facets). A filter may name
 * a value by its label or an alias. `levels` are the same facet counted at
 * one level of a hierarchy (place: 0 = country, 1 = region, …): a request
 * with `level` counts that table instead.
 */
export function createValuesFacet(table: FacetTable, levels: readonly FacetTable[], size: number): ValuesFacet {
  let names: ReadonlyMap<string, readonly string[]> | undefined
  const facet: ValuesFacet = {
    kind: 'values',
    names: () => (names ??= valueNames(table)),
    resolve(given) {
      return resolveNames(
        given,
        (name) => findValue(table.values, name) >= 0,
        (key) => facet.names().get(key),
      )
    },
    select(filter) {
      return filter.kind === 'values'
        ? documentsWithAny(table, facet.resolve(filter.values), size)
        : new Uint8Array(size)
    },
    count(set, request, filter) {
      const counted = request.level === undefined ? table : levels[request.level]
      return countValues(
        counted,
        set,
        request.limit ?? defaultValuesLimit,
        filter?.kind === 'values' ? facet.resolve(filter.values) : [],
      )
    },
  }
  return facet
}

/** The documents having any of `values` (OR within a facet). */
function documentsWithAny(table: FacetTable, values: readonly string[], size: number): DocumentSet {
  const set = new Uint8Array(size)
  for (const value of values) {
    const position = findValue(table.values, value)
    if (position < 0) continue
    for (const doc of table.docs[position] ?? []) set[doc] = 1
  }
  return set
}

/**
 * Count each value over the documents in `set`; sorted by count (highest
 * first), then value. Values in `selected` are always kept, even at zero,
 * so a ticked checkbox never disappears.
 */
function countValues(
  table: FacetTable | undefined,
  set: DocumentSet,
  limit: number,
  selected: readonly string[],
): FacetCount[] {
  const counts: FacetCount[] = []
  if (table === undefined) return counts
  const keep = new Set(selected)
  for (let v = 0; v < table.values.length; v++) {
    let count = 0
    for (const doc of table.docs[v] ?? []) count += set[doc] ?? 0
    const value = table.values[v] ?? ''
    if (count > 0 || keep.has(value)) {
      const label = ownEntry(table.labels, value)
      counts.push(label === undefined ? { value, count } : { value, count, label })
    }
  }
  // A ticked value the index does not have (a shared URL, another index) is listed at 0 too.
  for (const value of keep) if (findValue(table.values, value) < 0) counts.push({ value, count: 0 })
  counts.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  const top = counts.slice(0, limit)
  for (const count of counts.slice(limit)) if (keep.has(count.value)) top.push(count)
  return top
}

/** Binary search in sorted values; -1 when absent. */
export function findValue(values: readonly string[], value: string): number {
  let low = 0
  let high = values.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const probe = values[middle] as string
    if (probe === value) return middle
    if (probe < value) low = middle + 1
    else high = middle - 1
  }
  return -1
}
