import type { FacetTable } from '../core/indexData.js'

/**
 * The labels and aliases of facet values as rows of `<table>_labels`:
 * `[facet, value, label, aliases]` (label `null` where the value shows as
 * itself, aliases as JSON `[[alias, count], …]` or `null`), for every value
 * that has either, as the static index's facet tables hold them. Hierarchy
 * levels (`place@0`) have neither.
 */
export function* labelRows(
  tables: Readonly<Record<string, FacetTable>>,
): Generator<readonly [string, string, string | null, string | null]> {
  for (const [facet, table] of Object.entries(tables)) {
    const labels = table.labels ?? {}
    const aliases = table.aliases ?? {}
    const values = new Set([...Object.keys(labels), ...Object.keys(aliases)])
    for (const value of [...values].sort()) {
      const label = Object.hasOwn(labels, value) ? labels[value] : undefined
      const others = Object.hasOwn(aliases, value) ? aliases[value] : undefined
      yield [facet, value, label ?? null, others === undefined ? null : JSON.stringify(others)]
    }
  }
}
