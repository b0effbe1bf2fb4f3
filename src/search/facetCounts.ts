import type { FacetTable } from './indexData.js'

/** One value of a facet and how many matching articles have it. */
export interface FacetCount {
  readonly value: string
  readonly count: number
  /** Display text, where it differs from the canonical value. */
  readonly label?: string
}

/** Documents in a set, as one byte per document (1 = in). */
export type DocumentSet = Uint8Array

/** The documents having any of `values` (OR within a facet). */
export function documentsWithAny(table: FacetTable | undefined, values: readonly string[], size: number): DocumentSet {
  const set = new Uint8Array(size)
  if (table === undefined) return set
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
export function countValues(table: FacetTable | undefined, set: DocumentSet, limit: number, selected: readonly string[]): FacetCount[] {
  const counts: FacetCount[] = []
  if (table === undefined) return counts
  const keep = new Set(selected)
  for (let v = 0; v < table.values.length; v++) {
    let count = 0
    for (const doc of table.docs[v] ?? []) count += set[doc] ?? 0
    const value = table.values[v] ?? ''
    if (count > 0 || keep.has(value)) {
      const label = table.labels !== undefined && Object.hasOwn(table.labels, value) ? table.labels[value] : undefined
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
function findValue(values: readonly string[], value: string): number {
  let low = 0
  let high = values.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const probe = values[mid] as string
    if (probe === value) return mid
    if (probe < value) low = mid + 1
    else high = mid - 1
  }
  return -1
}
