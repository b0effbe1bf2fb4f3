import type { FacetData, FacetTable } from '../../core/indexData.js'
import { createDateFacet, type DateFacet } from './dateFacet.js'
import type { Facet } from './facet.js'
import { createGeoFacet, type GeoFacet } from './geoFacet.js'
import { createValuesFacet } from './valuesFacet.js'

/** The facets of an index, by name, its date facet (also used to sort by date) and its coordinates (to sort by distance). */
export interface IndexFacets {
  readonly byName: ReadonlyMap<string, Facet>
  readonly date: DateFacet
  readonly geo: GeoFacet
}

/** A table named `name@level` holds one level of the hierarchy of facet `name`. */
const levelName = /^(.+)@(\d+)$/

/**
 * The facets of an index file's facet data: `date` from the date intervals,
 * `coordinates` from the points, and one facet of values per table, its hierarchy levels (`place@0`,
 * `place@1`, …) attached to it.
 */
export function facetsOf(data: FacetData, size: number): IndexFacets {
  const levels = new Map<string, FacetTable[]>()
  for (const [name, table] of Object.entries(data.tables)) {
    const match = levelName.exec(name)
    if (match === null) continue
    const [, facet = '', level = '0'] = match
    const list = levels.get(facet) ?? []
    list[Number(level)] = table
    levels.set(facet, list)
  }
  const date = createDateFacet(data.date)
  const geo = createGeoFacet(data.geo)
  const byName = new Map<string, Facet>([
    ['date', date],
    ['coordinates', geo],
  ])
  for (const [name, table] of Object.entries(data.tables)) {
    if (!levelName.test(name)) byName.set(name, createValuesFacet(table, levels.get(name) ?? [], size))
  }
  return { byName, date, geo }
}
