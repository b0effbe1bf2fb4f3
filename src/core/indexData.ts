/** A value of an app's own front-matter field: a text, a number, a boolean or a list of texts. */
export type FieldValue = string | number | boolean | readonly string[]

/** An app's own stored fields, by name (see the `store` option). */
export type StoredFields = Readonly<Record<string, FieldValue>>

/** The fields of an article kept in the index for a result list. */
export interface StoredDocument {
  readonly id: string
  readonly title: string
  readonly shortDescription?: string
  readonly description?: string
  readonly image?: string
  /** The infobox `date` text as written. */
  readonly date?: string
  /** The infobox `place` text as written. */
  readonly place?: string
  /** The app's own front-matter fields kept with the `store` option, as written. */
  readonly fields?: StoredFields
}

/**
 * One facet: its values (sorted) and, for each value, the sorted positions
 * of the documents that have it. `labels` maps a value to its display text
 * where the two differ.
 */
export interface FacetTable {
  readonly values: readonly string[]
  readonly docs: readonly (readonly number[])[]
  readonly labels?: Readonly<Record<string, string>>
  /**
   * Other ways articles write a value (`France` for `Kingdom of France`,
   * `NDF` for `National Defence Forces`), each with how often, most often
   * first: a query or a filter may name the value by any of them.
   */
  readonly aliases?: Readonly<Record<string, readonly (readonly [label: string, count: number])[]>>
}

/**
 * Date intervals, one entry per document: sortable day keys (see `dateKey`),
 * `null` start for no date, `null` end for an ongoing conflict.
 */
export interface DateTable {
  readonly start: readonly (number | null)[]
  readonly end: readonly (number | null)[]
}

/**
 * Where each document happened, one entry per document: latitude and
 * longitude in degrees, rounded to `coordinatePlaces` (`null`: no
 * coordinates in its infobox).
 */
export interface GeoTable {
  readonly lat: readonly (number | null)[]
  readonly lon: readonly (number | null)[]
}

/** All facet data of an index. Place hierarchy levels are tables named `place@0`, `place@1`, … */
export interface FacetData {
  readonly tables: Readonly<Record<string, FacetTable>>
  readonly date: DateTable
  /** The `coordinates` facet. */
  readonly geo: GeoTable
}

/** What a facet holds: values (place, country, combatant, kind, extra facets), date intervals or points. */
export type FacetKind = 'values' | 'dates' | 'geo'
