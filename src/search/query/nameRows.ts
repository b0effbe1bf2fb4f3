import type { FacetTable } from '../../core/indexData.js'
import { nameKey, resolveNames, valueNames } from '../facets/valueNames.js'
import { buildNameIndex, type NameIndex, type NamedValues } from './nameIndex.js'

/**
 * One entry of the name index as a server keeps it (a PostgreSQL table, an
 * engine export's `facets.json`): the name (`nameKey`), the facet, the values
 * it stands for (those with more articles first), the first value's label,
 * and whether it is a name of those values (the value itself, its label or
 * an alias: what a filter may use) rather than a word for a kind (`battles`,
 * which only the query understands).
 */
export type NameRow = readonly [
  key: string,
  facet: string,
  values: readonly string[],
  label: string,
  valueName: boolean,
]

/**
 * The name index of `tables` as rows, by name then in the index's order:
 * `readNameRows` of them (or of those of some names) answers as
 * `buildNameIndex` and `ValuesFacet.resolve` do on the tables themselves.
 */
export function nameRows(tables: Readonly<Record<string, FacetTable>>): NameRow[] {
  const facets = Object.keys(tables).filter((name) => !name.includes('@'))
  const ofValues = new Map(facets.map((facet) => [facet, valueNames(tables[facet] as FacetTable)]))
  const rows: NameRow[] = []
  const index = [...buildNameIndex(tables, facets)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [key, entries] of index) {
    for (const { facet, values, label } of entries)
      rows.push([key, facet, values, label, ofValues.get(facet)?.has(key) ?? false])
  }
  return rows
}

/** The names a search read, as the query understanding and the filters use them. */
export interface ReadNames {
  /** For `understandQuery`: every name of the rows read. */
  readonly index: NameIndex
  /** The values a filter of `facet` names (see `resolveNames`): exact when the rows of the filter's names were read. */
  resolve(facet: string, given: readonly string[]): string[]
}

/** Read name rows (in their order: each name's entries keep it). */
export function readNameRows(rows: Iterable<NameRow>): ReadNames {
  const index = new Map<string, NamedValues[]>()
  const ofValues = new Map<string, readonly string[]>()
  for (const [key, facet, values, label, valueName] of rows) {
    const entries = index.get(key)
    const entry: NamedValues = { facet, values, label }
    if (entries === undefined) index.set(key, [entry])
    else entries.push(entry)
    if (valueName) ofValues.set(`${facet}\u0000${key}`, values)
  }
  const named = (facet: string, key: string) => ofValues.get(`${facet}\u0000${key}`)
  return {
    index,
    resolve: (facet, given) =>
      resolveNames(
        given,
        (name) => named(facet, nameKey(name))?.includes(name) ?? false,
        (key) => named(facet, key),
      ),
  }
}
