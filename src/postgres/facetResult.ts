import { roundCoordinate } from '../core/geo.js'
import type { FacetCount } from '../search/facets/facet.js'
import type { GeoBucket } from '../search/facets/geoFacet.js'
import { describeBucket } from './dateBuckets.js'
import type { FacetQuery } from './searchSql.js'

type ValueRow = readonly [value: string, count: number, label: string | null]
type CellRow = readonly [y: number, x: number, count: number, latSum: number, lonSum: number]

/**
 * Counts in the static index's order and shape: by count, then value; the
 * first `limit`, then any selected value beyond them; a label where the
 * display text differs; a date histogram in chronological order.
 */
export function facetResult(facet: FacetQuery, row: unknown): readonly FacetCount[] {
  if (facet.kind === 'none') return []
  if (facet.kind === 'geo') return cells(row as readonly CellRow[], facet.cell)
  if (facet.kind === 'date') {
    return (row as readonly (readonly [number, number])[]).map(([bucket, count]) =>
      describeBucket(bucket, facet.interval, count),
    )
  }
  const [top, selected] = row as readonly [readonly ValueRow[], readonly ValueRow[]]
  const counts = new Map<string, FacetCount>()
  for (const [value, count, label] of [...top, ...selected]) {
    if (!counts.has(value)) counts.set(value, label === null ? { value, count } : { value, count, label })
  }
  const sorted = [...counts.values()].sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  )
  const keep = new Set(facet.selected)
  return [...sorted.slice(0, facet.limit), ...sorted.slice(facet.limit).filter((count) => keep.has(count.value))]
}

/** Grid cells as the static index's coordinates facet gives them: named by their south-west corner, mean points, busiest first. */
function cells(rows: readonly CellRow[], cell: number): GeoBucket[] {
  return rows
    .map(([y, x, count, latSum, lonSum]) => ({
      value: `${roundCoordinate(y * cell)},${roundCoordinate(x * cell)}`,
      count,
      lat: roundCoordinate(latSum / count),
      lon: roundCoordinate(lonSum / count),
    }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}
