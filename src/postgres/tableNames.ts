import { OptionsError } from '../core/errors.js'

/** The table `export` writes and `createPostgresSearch` reads when none is named. */
export const defaultTable = 'infobox_search'

/**
 * The relations of one loaded corpus: the articles table, its vocabulary
 * (`<table>_terms`, for typo tolerance and term statistics), the labels and
 * aliases of facet values (`<table>_labels`), the names a query or a filter
 * may use for them (`<table>_names`), and their indexes. Every name is a quoted SQL identifier,
 * schema-qualified when the table was.
 */
export interface TableNames {
  /** The table name as given (`infobox_search`, `search.articles`). */
  readonly given: string
  readonly main: string
  readonly terms: string
  readonly labels: string
  readonly names: string
  /** The function returning the positions of a tsquery's matches (see `createMatchFunction`). */
  readonly match: string
  /** Unqualified, unquoted names of the four tables (for catalog look-ups). */
  readonly bare: {
    readonly main: string
    readonly terms: string
    readonly labels: string
    readonly names: string
  }
  /** The schema, quoted, with its dot (`"search".`), or '' for the search path. */
  readonly schema: string
  /** Unquoted schema name, or undefined for the search path's first. */
  readonly schemaName: string | undefined
  /** Index names by role, unquoted and unqualified (an index lives in its table's schema). */
  readonly indexes: Readonly<Record<IndexRole, string>>
  /** Names of the facet columns' indexes, in layout order. */
  readonly facetIndexes: readonly string[]
}

/** The indexes of a loaded corpus besides the facet columns'. */
export type IndexRole =
  'pkey' | 'position' | 'search' | 'date' | 'start' | 'geo' | 'termsPkey' | 'termsTrigram' | 'labelsPkey' | 'namesPkey'

const identifier = /^[a-z_][a-z0-9_]*$/
/** Longest table name: its staging name and index names (`<name>__new_terms_trigram`) must fit PostgreSQL's 63 bytes. */
const maxLength = 40

/** `"name"`: a SQL identifier, quoted. Only for names checked by `parseTableName` or built from them. */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/**
 * Check a table name (`articles` or `schema.articles`: lower-case letters,
 * digits and `_`, at most 40 characters) and derive the names of the tables
 * and indexes. `suffix` names the staging copy a load fills (`__new`).
 * @throws {OptionsError} `ERR_INVALID_OPTION` for any other name.
 */
export function parseTableName(table: unknown, facetCount: number, suffix = ''): TableNames {
  const parts = typeof table === 'string' ? table.split('.') : []
  const name = parts.at(-1) ?? ''
  if (
    parts.length < 1 ||
    parts.length > 2 ||
    !parts.every((part) => identifier.test(part)) ||
    name.length > maxLength
  ) {
    throw new OptionsError(
      'ERR_INVALID_OPTION',
      `infobox-search: the table name must be lower-case letters, digits and "_" (at most ${maxLength}), optionally after a schema and a dot ("search.articles"), received ${JSON.stringify(table) ?? String(table)}.`,
      { expected: 'a table name such as infobox_search', received: table },
    )
  }
  const schemaName = parts.length === 2 ? parts[0] : undefined
  const schema = schemaName === undefined ? '' : `${quote(schemaName)}.`
  const base = `${name}${suffix}`
  const bare = { main: base, terms: `${base}_terms`, labels: `${base}_labels`, names: `${base}_names` }
  const indexes: Record<IndexRole, string> = {
    pkey: `${base}_pkey`,
    position: `${base}_position`,
    search: `${base}_search`,
    date: `${base}_date`,
    start: `${base}_start`,
    geo: `${base}_geo`,
    termsPkey: `${base}_terms_pkey`,
    termsTrigram: `${base}_terms_trigram`,
    labelsPkey: `${base}_labels_pkey`,
    namesPkey: `${base}_names_pkey`,
  }
  return {
    given: typeof table === 'string' ? table : '',
    main: schema + quote(bare.main),
    terms: schema + quote(bare.terms),
    labels: schema + quote(bare.labels),
    names: schema + quote(bare.names),
    match: schema + quote(`${base}_match`),
    bare,
    schema,
    schemaName,
    indexes,
    facetIndexes: Array.from({ length: facetCount }, (_, i) => `${base}_facet${i}`),
  }
}
