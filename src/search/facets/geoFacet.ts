import { distanceKm, roundCoordinate, type GeoPoint } from '../../core/geo.js'
import type { GeoTable } from '../../core/indexData.js'
import type { DocumentSet, Facet, FacetCount, GeoAreaFilter } from './facet.js'

/** One cell of the coordinates facet's grid: how many articles are in it, and where (their mean point). */
export interface GeoBucket extends FacetCount {
  /** The cell: `lat,lon` of its south-west corner, in degrees. */
  readonly value: string
  readonly lat: number
  readonly lon: number
}

/** The coordinates facet, plus what sorting by distance and the hits need. */
export interface GeoFacet extends Facet {
  /** Where document `doc` happened, if its infobox said. */
  point(doc: number): GeoPoint | undefined
}

/** Cell size in degrees unless the request says otherwise. */
export const defaultCell = 1

/**
 * The coordinates facet: a filter keeps the articles inside a box or a
 * circle; counts are a grid of cells (`cell` degrees; default 1) with the
 * number of articles in each and their mean point, the busiest cells
 * first: what a map draws as dots.
 */
export function createGeoFacet(table: GeoTable): GeoFacet {
  const point = (doc: number): GeoPoint | undefined => {
    const lat = table.lat[doc]
    const lon = table.lon[doc]
    return lat === null || lat === undefined || lon === null || lon === undefined ? undefined : { lat, lon }
  }
  return {
    kind: 'geo',
    point,
    select(filter) {
      const set = new Uint8Array(table.lat.length)
      if (filter.kind !== 'box' && filter.kind !== 'circle') return set
      for (let doc = 0; doc < set.length; doc++) {
        const at = point(doc)
        if (at !== undefined && isInside(at, filter)) set[doc] = 1
      }
      return set
    },
    count(set, request) {
      return countCells(set, point, request.cell ?? defaultCell)
    },
  }
}

/** Whether `point` is in the area. A box's edges are inside it. */
export function isInside(point: GeoPoint, area: GeoAreaFilter): boolean {
  if (area.kind === 'circle') return distanceKm(point, area.center) <= area.radius
  if (point.lat < area.south || point.lat > area.north) return false
  return area.west <= area.east
    ? point.lon >= area.west && point.lon <= area.east
    : point.lon >= area.west || point.lon <= area.east
}

function countCells(set: DocumentSet, point: (doc: number) => GeoPoint | undefined, cell: number): GeoBucket[] {
  const cells = new Map<string, { count: number; lat: number; lon: number }>()
  for (let doc = 0; doc < set.length; doc++) {
    const at = set[doc] === 1 ? point(doc) : undefined
    if (at === undefined) continue
    const key = `${roundCoordinate(Math.floor(at.lat / cell) * cell)},${roundCoordinate(Math.floor(at.lon / cell) * cell)}`
    const sum = cells.get(key) ?? { count: 0, lat: 0, lon: 0 }
    cells.set(key, { count: sum.count + 1, lat: sum.lat + at.lat, lon: sum.lon + at.lon })
  }
  return [...cells]
    .map(([value, { count, lat, lon }]) => ({
      value,
      count,
      lat: roundCoordinate(lat / count),
      lon: roundCoordinate(lon / count),
    }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}
