import { nameKey } from '../search/facets/valueNames.js'
import { readNameRows, type NameRow, type ReadNames } from '../search/query/nameRows.js'
import type { ResolvedSearchOptions } from '../search/searchOptions.js'
import type { Queryable } from './connect.js'
import type { TableNames } from './tableNames.js'

/**
 * The rows of `<table>_names` a search needs: those of the names its query
 * may use (`nameKeysOf`) and those its value filters give, in one indexed
 * look-up; none when there are none. What they answer is what the static
 * index's whole name index answers for those names.
 */
export async function readNames(
  client: Queryable,
  names: TableNames,
  queryKeys: readonly string[],
  resolved: ResolvedSearchOptions,
): Promise<ReadNames> {
  const keys = new Set(queryKeys)
  for (const filter of resolved.filters.values())
    if (filter.kind === 'values') for (const value of filter.values) keys.add(nameKey(value))
  keys.delete('')
  if (keys.size === 0) return readNameRows([])
  const { rows } = await client.query(
    `SELECT key, facet, "values", label, value_name FROM ${names.names} WHERE key = ANY($1::text[]) ORDER BY key, position`,
    [[...keys]],
  )
  return readNameRows(
    (rows as { key: string; facet: string; values: string[]; label: string; value_name: boolean }[]).map(
      (row): NameRow => [row.key, row.facet, row.values, row.label, row.value_name],
    ),
  )
}
