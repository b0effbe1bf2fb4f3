import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { InfoboxSearchError } from '../core/errors.js'
import { resolveIndexOptions, type BuildIndexOptions } from '../core/options.js'
import { version } from '../core/version.js'
import type { IndexRecord } from '../extract/record.js'
import { connectClient, serverOf } from './connect.js'
import { addRecordFacets, createFacetTables } from '../builder/facetTables.js'
import { nameRows, type NameRow } from '../search/query/nameRows.js'
import { articleRow, arrayLiteral, copyValue } from './copyRows.js'
import { connectionError, DatabaseError, describeServer, errorMessage } from './databaseError.js'
import { labelRows } from './labelRows.js'
import {
  articleColumns,
  createIndexes,
  createMatchFunction,
  createTables,
  facetColumns,
  layoutFormat,
  layoutVersion,
  type TableMeta,
} from './tableLayout.js'
import { checkTables, type ExistingTables } from './existingTables.js'
import { defaultTable, parseTableName, quote, type IndexRole, type TableNames } from './tableNames.js'

/** Options of `exportToPostgres`. Give `url` or `client`. */
export interface ExportToPostgresOptions {
  /** `postgres://user:password@host:5432/database`; a client is opened and closed for the load. */
  readonly url?: string
  /** A connected client (not a pool: COPY needs one connection). Left open. */
  readonly client?: pg.ClientBase
  /**
   * Table to (re)load: `name` or `schema.name`, lower-case letters, digits and `_`.
   * @default 'infobox_search'
   */
  readonly table?: string
  /**
   * Drop a table of that name that `export` did not write (a table it wrote
   * is always replaced).
   * @default false
   */
  readonly replace?: boolean
  /** The index options the records were extracted with (stored with the table). @default the build defaults */
  readonly options?: BuildIndexOptions
  /** Called every 1,000 records with the number loaded so far. */
  readonly onProgress?: (loaded: number) => void
}

/** What a load did. */
export interface ExportToPostgresResult {
  readonly table: string
  readonly documents: number
  /** Distinct terms in the vocabulary. */
  readonly terms: number
  /** pg_trgm was available: searches tolerate typos. */
  readonly fuzzy: boolean
  /** Articles whose text was too long for one tsvector (1 MB); their last words are not searchable. */
  readonly truncated: readonly string[]
}

/** Rows per COPY write: about this many characters. */
const batchCharacters = 1 << 18

/**
 * Load records into PostgreSQL in one transaction: a staging table is filled
 * with COPY (never row by row), indexed (GIN on the weighted tsvector and the
 * facet arrays, GiST on the date range) and analysed, then swapped in for the
 * old tables (its vocabulary, labels and names), which readers use until the commit.
 * A failure at any point (a bad record, a lost connection, a killed process)
 * rolls everything back: the old table is untouched.
 *
 * @example
 * const builder = createIndexBuilder({ body: 'full' })
 * const records = articles.map((article) => builder.extract(article))
 * await exportToPostgres(records, { url: process.env.DATABASE_URL, table: 'battles', options: { body: 'full' } })
 * @throws {DatabaseError} `ERR_DATABASE_CONNECT`, `ERR_DATABASE_AUTH`, `ERR_TABLE_LAYOUT` (a table
 * of that name that `export` did not write, without `replace`), `ERR_DATABASE_LOAD` (rolled back).
 * @throws {InfoboxSearchError} `ERR_DUPLICATE_ID`; {OptionsError} for a bad table name or option.
 */
export async function exportToPostgres(
  records: Iterable<IndexRecord> | AsyncIterable<IndexRecord>,
  settings: ExportToPostgresOptions,
): Promise<ExportToPostgresResult> {
  const options = resolveIndexOptions(settings.options)
  const facets = facetColumns(options).map(({ facet }) => facet)
  const names = parseTableName(settings.table ?? defaultTable, facets.length)
  const staging = parseTableName(settings.table ?? defaultTable, facets.length, '__new')
  if (settings.client === undefined && settings.url === undefined) {
    throw new InfoboxSearchError(
      'ERR_INVALID_OPTION',
      'infobox-search: exportToPostgres needs a database "url" or a connected "client".',
    )
  }
  const client = settings.client ?? (await connectClient(settings.url ?? ''))
  const where = describeServer(serverOf(client))
  try {
    await begin(client, names, staging, settings.replace === true, where)
    const result = await load(client, records, names, staging, options, settings.onProgress).catch(
      async (error: unknown) => {
        await client.query('ROLLBACK').catch(() => {})
        throw loadError(error, names, where)
      },
    )
    await client.query('COMMIT').catch((error: unknown) => {
      throw loadError(error, names, where)
    })
    return result
  } finally {
    if (settings.client === undefined) await (client as pg.Client).end().catch(() => {})
  }
}

/** Open the transaction, serialise with other exports of the table, and check what exists. */
async function begin(
  client: pg.ClientBase,
  names: TableNames,
  staging: TableNames,
  replace: boolean,
  where: string,
): Promise<ExistingTables> {
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`infobox-search export ${names.given}`])
  } catch (error) {
    throw connectionError(error, serverOf(client), 'ERR_DATABASE_LOAD', `starting the load of ${names.given}`)
  }
  try {
    return await checkTables(client, names, staging, replace, where)
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error instanceof DatabaseError ? error : loadError(error, names, where)
  }
}

async function load(
  client: pg.ClientBase,
  records: Iterable<IndexRecord> | AsyncIterable<IndexRecord>,
  names: TableNames,
  staging: TableNames,
  options: ReturnType<typeof resolveIndexOptions>,
  onProgress: ((loaded: number) => void) | undefined,
): Promise<ExportToPostgresResult> {
  const fuzzy = await tryExtension(client, 'pg_trgm')
  // Left by nothing (a failed load rolls back), but a name clash must not stop a load that may replace.
  const tables = [staging.main, staging.terms, staging.labels, staging.names]
  for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${table}`)
  for (const statement of createTables(staging, options)) await client.query(statement)

  const facets = facetColumns(options).map(({ facet }) => facet)
  const documents = new Map<string, number>()
  // The facet tables the static index would build from these records: their labels and aliases, and the names.
  const facetTables = createFacetTables(facets)
  const ids = new Set<string>()
  const truncated: string[] = []
  let placeLevels = 0
  async function* rows(): AsyncGenerator<string> {
    let batch = ''
    for await (const record of records) {
      if (ids.has(record.id)) {
        throw new InfoboxSearchError(
          'ERR_DUPLICATE_ID',
          `infobox-search: two articles have the id "${record.id}"; give one of them another "id" in its front matter or file name.`,
          { received: record.id },
        )
      }
      const { line, vector } = articleRow(record, ids.size, facets)
      ids.add(record.id)
      for (const lexeme of vector.lexemes) documents.set(lexeme, (documents.get(lexeme) ?? 0) + 1)
      if (vector.truncated) truncated.push(record.id)
      addRecordFacets(facetTables, record, ids.size - 1, options.facets)
      placeLevels = Math.max(placeLevels, record.facets.placeHierarchy.length)
      batch += line
      if (batch.length >= batchCharacters) {
        yield batch
        batch = ''
      }
      if (ids.size % 1000 === 0) onProgress?.(ids.size)
    }
    if (batch !== '') yield batch
  }
  await copy(client, `COPY ${staging.main} (${articleColumns(options).join(', ')}) FROM STDIN`, rows())
  await copy(
    client,
    `COPY ${staging.terms} (term, documents) FROM STDIN`,
    lines(documents, ([term, count]) => `${copyValue(term)}\t${count}\n`),
  )
  const finished = facetTables.finish()
  await copy(
    client,
    `COPY ${staging.labels} (facet, value, label, aliases) FROM STDIN`,
    lines(labelRows(finished), (row) => `${row.map(copyValue).join('\t')}\n`),
  )
  await copy(
    client,
    `COPY ${staging.names} (key, position, facet, "values", label, value_name) FROM STDIN`,
    lines(positioned(nameRows(finished)), ([key, position, facet, values, label, valueName]) => {
      const row = [key, position, facet, arrayLiteral(values), label, valueName ? 't' : 'f']
      return `${row.map(copyValue).join('\t')}\n`
    }),
  )

  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`)
  for (const statement of createIndexes(staging, options, fuzzy)) await client.query(statement)
  for (const table of tables) await client.query(`ANALYZE ${table}`)

  await swap(client, names, staging)
  const meta: TableMeta = {
    format: layoutFormat,
    version: layoutVersion,
    generator: `infobox-search@${version}`,
    options,
    documents: ids.size,
    placeLevels,
    fuzzy,
  }
  await client.query(`COMMENT ON TABLE ${names.main} IS ${quoteLiteral(JSON.stringify(meta))}`)
  await client.query(createMatchFunction(names))
  return { table: names.given, documents: ids.size, terms: documents.size, fuzzy, truncated }
}

/** Create an extension if it can be (it is trusted, but the role may lack CREATE on the database). */
async function tryExtension(client: pg.ClientBase, name: string): Promise<boolean> {
  await client.query('SAVEPOINT extension')
  try {
    await client.query(`CREATE EXTENSION IF NOT EXISTS ${quote(name)}`)
    await client.query('RELEASE SAVEPOINT extension')
    return true
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT extension')
    return false
  }
}

/**
 * Drop the old tables (keeping their grants for the new ones) and rename the
 * staging tables and indexes to the final names. Readers of the old tables
 * hold them until this transaction commits.
 */
async function swap(client: pg.ClientBase, names: TableNames, staging: TableNames): Promise<void> {
  const tables = [
    ['main', 'main'],
    ['terms', 'terms'],
    ['labels', 'labels'],
    ['names', 'names'],
  ] as const
  for (const [key] of tables) {
    const grants = await client.query<{ grantee: string; privilege: string }>(
      `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee, a.privilege_type AS privilege
       FROM pg_class c, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
       WHERE c.oid = to_regclass($1) AND a.grantee <> c.relowner`,
      [names[key]],
    )
    for (const { grantee, privilege } of grants.rows)
      await client.query(`GRANT ${privilege} ON ${staging[key]} TO ${grantee}`)
    await client.query(`DROP TABLE IF EXISTS ${names[key]}`)
  }
  for (const [key] of tables) await client.query(`ALTER TABLE ${staging[key]} RENAME TO ${quote(names.bare[key])}`)
  const renames = [
    ...Object.entries(staging.indexes).map(([role, name]) => [name, names.indexes[role as IndexRole]] as const),
    ...staging.facetIndexes.map((name, i) => [name, names.facetIndexes[i] ?? name] as const),
  ]
  for (const [from, to] of renames)
    await client.query(`ALTER INDEX IF EXISTS ${names.schema}${quote(from)} RENAME TO ${quote(to)}`)
}

async function copy(
  client: pg.ClientBase,
  statement: string,
  source: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  await pipeline(Readable.from(source, { objectMode: false }), client.query(copyFrom(statement)))
}

function* lines<T>(items: Iterable<T>, line: (item: T) => string): Generator<string> {
  let batch = ''
  for (const item of items) {
    batch += line(item)
    if (batch.length >= batchCharacters) {
      yield batch
      batch = ''
    }
  }
  if (batch !== '') yield batch
}

/** Name rows with each one's position among the entries of its name. */
function* positioned(rows: Iterable<NameRow>) {
  let key: string | undefined
  let position = 0
  for (const [name, facet, values, label, valueName] of rows) {
    position = name === key ? position + 1 : 0
    key = name
    yield [name, position, facet, values, label, valueName] as const
  }
}

/** A SQL string literal (COMMENT takes no parameters). */
const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`

/** A failed load, rolled back: our own errors as they are, anything else as `ERR_DATABASE_LOAD`. */
function loadError(error: unknown, names: TableNames, where: string): InfoboxSearchError {
  if (error instanceof InfoboxSearchError) return error
  const lost = /terminat|connection|ECONNRESET|EPIPE/i.test(errorMessage(error))
  return new DatabaseError(
    'ERR_DATABASE_LOAD',
    `infobox-search: loading the table "${names.given}" on ${where} failed${lost ? ' (the connection was lost)' : ''}: ${errorMessage(error)}. Nothing was changed: the previous table, if any, is still served.`,
    { cause: error },
  )
}
