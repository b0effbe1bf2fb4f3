import type pg from 'pg'
import { DatabaseError } from './databaseError.js'
import { layoutVersion, parseMeta, type TableMeta } from './tableLayout.js'
import type { TableNames } from './tableNames.js'

/** The relations of a corpus that exist now, and the articles table's meta when `export` wrote it. */
export interface ExistingTables {
  readonly found: readonly { readonly name: string; readonly kind: string; readonly columns: string }[]
  readonly meta: TableMeta | undefined
}

/**
 * Look the tables up (final and staging names) and refuse what is not ours:
 * a table of one of these names that `export` did not write is dropped only
 * with `replace`.
 * @throws {DatabaseError} `ERR_TABLE_LAYOUT`.
 */
export async function checkTables(
  client: pg.ClientBase,
  names: TableNames,
  staging: TableNames,
  replace: boolean,
  where: string,
): Promise<ExistingTables> {
  const wanted = [...Object.values(names.bare), ...Object.values(staging.bare)]
  const result = await client.query<{ name: string; kind: string; comment: string | null; columns: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind, obj_description(c.oid, 'pg_class') AS comment,
            coalesce((SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = coalesce($1, current_schema()) AND c.relname = ANY($2::text[])`,
    [names.schemaName ?? null, wanted],
  )
  const found = result.rows
  const main = found.find((row) => row.name === names.bare.main)
  const meta = main === undefined ? undefined : parseMeta(main.comment)
  const ours = meta !== undefined && main?.kind === 'r'
  // With our articles table, the other tables of these names are its vocabulary, labels or staging copies.
  const foreign = found.filter((row) => !ours || row.kind !== 'r')
  if (foreign.length > 0 && !replace) {
    const first = foreign[0] as (typeof found)[number]
    const what = first.kind === 'r' ? 'table' : first.kind === 'v' || first.kind === 'm' ? 'view' : 'relation'
    throw new DatabaseError(
      'ERR_TABLE_LAYOUT',
      `infobox-search: a ${what} "${first.name}" already exists on ${where} and was not written by "infobox-search export"` +
        `${first.columns === '' ? '' : ` (its columns: ${first.columns.slice(0, 200)})`}; choose another table name, or pass --replace (replace: true) to drop it.`,
    )
  }
  if (meta !== undefined && meta.version > layoutVersion && !replace) {
    throw new DatabaseError(
      'ERR_TABLE_LAYOUT',
      `infobox-search: the table "${names.given}" on ${where} has layout version ${meta.version}, written by ${meta.generator}; this version writes ${layoutVersion}. Use that version, or pass --replace (replace: true).`,
    )
  }
  return { found: found.map(({ name, kind, columns }) => ({ name, kind, columns })), meta }
}
