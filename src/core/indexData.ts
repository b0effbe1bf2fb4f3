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

/** All facet data of an index. Place hierarchy levels are tables named `place@0`, `place@1`, … */
export interface FacetData {
  readonly tables: Readonly<Record<string, FacetTable>>
  readonly date: DateTable
}

/** What a facet holds: values (place, combatant, kind, extra facets) or date intervals. */
export type FacetKind = 'values' | 'dates'
