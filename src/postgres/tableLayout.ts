import type { IndexOptions } from '../core/options.js'
import { builtInFacets } from './searchPlan.js'
import { quote, type IndexRole, type TableNames } from './tableNames.js'

/** Says a table was written by `infobox-search export`; kept in the table's comment. */
export const layoutFormat = 'infobox-search-postgres'
/** Bumped with every change of columns or their meaning; a search refuses other versions. */
export const layoutVersion = 3

/** What the table's comment holds: enough for a search to need no options. */
export interface TableMeta {
  readonly format: typeof layoutFormat
  readonly version: number
  /** `infobox-search@x.y.z` that loaded it. */
  readonly generator: string
  /** The index options of the extraction (body profile, field weights, extra facets). */
  readonly options: IndexOptions
  readonly documents: number
  /** Levels of the place hierarchy that some article has (`level` below this is counted). */
  readonly placeLevels: number
  /** The vocabulary has a trigram index (pg_trgm): typo-tolerant search is possible. */
  readonly fuzzy: boolean
}

/** The facet array columns, in layout order: built-in facets, then the extra ones. */
export function facetColumns(
  options: Pick<IndexOptions, 'facets'>,
): readonly { readonly facet: string; readonly column: string }[] {
  return [...builtInFacets, ...options.facets].map((facet) => ({ facet, column: quote(`facet_${facet}`) }))
}

/** Columns of the articles table in COPY order. */
export function articleColumns(options: Pick<IndexOptions, 'facets'>): readonly string[] {
  return [
    'position',
    'id',
    'title',
    'short_description',
    'description',
    'image',
    'date',
    'place',
    'fields',
    'body',
    'search',
    'rank_search',
    'date_start',
    'date_end',
    'year_start',
    'year_end',
    'date_range',
    'lat',
    'lon',
    'place_hierarchy',
    ...facetColumns(options).map(({ column }) => column),
  ]
}

/** `CREATE TABLE` of the four tables, without indexes (built after COPY, which is faster). */
export function createTables(names: TableNames, options: Pick<IndexOptions, 'facets'>): readonly string[] {
  const facets = facetColumns(options).map(({ column }) => `${column} text[] NOT NULL`)
  return [
    `CREATE TABLE ${names.main} (
      position integer NOT NULL,
      id text NOT NULL,
      title text NOT NULL,
      short_description text,
      description text,
      image text,
      date text,
      place text,
      fields json,
      body text NOT NULL,
      search tsvector NOT NULL,
      rank_search tsvector NOT NULL,
      date_start bigint,
      date_end bigint,
      year_start integer,
      year_end integer,
      date_range int8range,
      lat double precision,
      lon double precision,
      place_hierarchy text[] NOT NULL,
      ${facets.join(',\n      ')}
    )`,
    `CREATE TABLE ${names.terms} (term text COLLATE "C" NOT NULL, documents integer NOT NULL)`,
    // A facet value's display label and its other names, as the static index's facet table has them.
    `CREATE TABLE ${names.labels} (facet text NOT NULL, value text NOT NULL, label text, aliases jsonb)`,
    // The name index (`nameRows`): what a name (`nameKey`) stands for, per facet, in the index's order.
    `CREATE TABLE ${names.names} (key text COLLATE "C" NOT NULL, position integer NOT NULL, facet text NOT NULL,
      "values" text[] NOT NULL, label text NOT NULL, value_name boolean NOT NULL)`,
  ]
}

/**
 * Indexes, built once the rows are in: the id and position keys, GIN on the
 * weighted tsvector and on each facet array, GiST on the date range, B-tree
 * on the start date (date sort) and on the coordinates (a box or a radius's
 * band of latitudes), and the vocabulary's keys (trigrams when pg_trgm is there).
 */
export function createIndexes(
  names: TableNames,
  options: Pick<IndexOptions, 'facets'>,
  trigrams: boolean,
): readonly string[] {
  const index = (role: IndexRole): string => quote(names.indexes[role])
  return [
    `ALTER TABLE ${names.main} ADD CONSTRAINT ${index('pkey')} PRIMARY KEY (id)`,
    `CREATE UNIQUE INDEX ${index('position')} ON ${names.main} (position)`,
    `CREATE INDEX ${index('search')} ON ${names.main} USING gin (search)`,
    `CREATE INDEX ${index('date')} ON ${names.main} USING gist (date_range)`,
    `CREATE INDEX ${index('start')} ON ${names.main} (date_start, position)`,
    `CREATE INDEX ${index('geo')} ON ${names.main} (lat, lon) WHERE lat IS NOT NULL`,
    ...facetColumns(options).map(
      ({ column }, i) => `CREATE INDEX ${quote(names.facetIndexes[i] ?? '')} ON ${names.main} USING gin (${column})`,
    ),
    `ALTER TABLE ${names.terms} ADD CONSTRAINT ${index('termsPkey')} PRIMARY KEY (term)`,
    ...(trigrams ? [`CREATE INDEX ${index('termsTrigram')} ON ${names.terms} USING gin (term gin_trgm_ops)`] : []),
    `ALTER TABLE ${names.labels} ADD CONSTRAINT ${index('labelsPkey')} PRIMARY KEY (facet, value)`,
    `ALTER TABLE ${names.names} ADD CONSTRAINT ${index('namesPkey')} PRIMARY KEY (key, position)`,
  ]
}

/**
 * The function that finds a query's matches through the GIN index. The
 * planner would rather scan the table when many rows match, not knowing that
 * each row's tsvector must then be decompressed (10,000 full articles: 115 ms
 * against 3 ms); a function with its own settings is planned apart. It names
 * the table, so it follows the swap.
 */
export function createMatchFunction(names: TableNames): string {
  return `CREATE OR REPLACE FUNCTION ${names.match}(query tsquery) RETURNS SETOF integer
    LANGUAGE sql STABLE PARALLEL SAFE SET enable_seqscan = off
    AS $match$ SELECT position FROM ${names.main} WHERE search @@ query $match$`
}

/**
 * Read a table comment. `undefined` when it is not ours (no comment, other
 * text, another format); a meta with another `version` is returned as is.
 */
export function parseMeta(comment: unknown): TableMeta | undefined {
  if (typeof comment !== 'string') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(comment)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const meta = parsed as Partial<Record<keyof TableMeta, unknown>>
  if (meta.format !== layoutFormat || typeof meta.version !== 'number') return undefined
  const options = meta.options as Partial<Record<keyof IndexOptions, unknown>> | undefined
  const facets = options?.facets
  if (!Array.isArray(facets) || !facets.every((facet) => typeof facet === 'string' && /^[\w-]+$/.test(facet)))
    return undefined
  if (typeof meta.documents !== 'number' || typeof meta.placeLevels !== 'number' || typeof meta.fuzzy !== 'boolean')
    return undefined
  return meta as TableMeta
}
