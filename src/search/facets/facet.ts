import type { GeoPoint } from '../../core/geo.js'
import type { FacetKind } from '../../core/indexData.js'
import type { FacetRequest } from '../searchOptions.js'

/** Documents in a set, as one byte per document (1 = in). */
export type DocumentSet = Uint8Array

/** One value of a facet and how many matching articles have it. */
export interface FacetCount {
  readonly value: string
  readonly count: number
  /** Display text, where it differs from the canonical value. */
  readonly label?: string
}

/** A filter on a facet of values: keep articles having any of `values`. */
export interface ValuesFilter {
  readonly kind: 'values'
  readonly values: readonly string[]
}

/** A filter on a facet of date intervals: keep articles whose interval overlaps `[from, to]` (day keys, see `dateKey`). */
export interface DateRangeFilter {
  readonly kind: 'dates'
  readonly from: number
  readonly to: number
}

/**
 * A filter on the coordinates facet: keep articles inside a box (degrees;
 * `west > east` crosses the antimeridian) or within `radius` kilometres of a point.
 */
export type GeoAreaFilter =
  | {
      readonly kind: 'box'
      readonly west: number
      readonly south: number
      readonly east: number
      readonly north: number
    }
  | { readonly kind: 'circle'; readonly center: GeoPoint; readonly radius: number }

/** A caller's filter, read and checked once at the API boundary. */
export type FacetFilter = ValuesFilter | DateRangeFilter | GeoAreaFilter

export type { FacetKind } from '../../core/indexData.js'

/**
 * One facet of an index: it selects the documents a filter keeps and counts
 * a set of documents. Every facet, dates included, is searched through this.
 */
export interface Facet {
  readonly kind: FacetKind
  /** The documents `filter` keeps. */
  select(filter: FacetFilter): DocumentSet
  /**
   * Counts over the documents in `set`, per `request`. `filter` is this
   * facet's own active filter, if any: its values are always listed.
   */
  count(set: DocumentSet, request: FacetRequest, filter: FacetFilter | undefined): readonly FacetCount[]
}
