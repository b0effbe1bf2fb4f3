import { InfoboxSearchError } from '../core/errors.js'
import type { SearchField } from '../core/options.js'
import { queryTerms } from '../search/engine/queryTerms.js'
import type { FacetCount } from '../search/facets/facet.js'
import { nameKeysOf, understandQuery } from '../search/query/understandQuery.js'
import { cleanQuery } from '../search/searchIndex.js'
import { resolveSearchOptions, type ResolvedSearchOptions, type SearchOptions } from '../search/searchOptions.js'
import type { SearchResultFor } from '../search/searchResult.js'
import { createPool, serverOf, serverOfUrl, type Queryable } from './connect.js'
import { connectionError, DatabaseError, describeServer, errorCode } from './databaseError.js'
import { facetResult } from './facetResult.js'
import { hitsOf } from './hits.js'
import { searchSql } from './searchSql.js'
import { facetKinds, facetQueries, planSuggestions } from './searchPlan.js'

import { readNames } from './readNames.js'
import { layoutVersion, parseMeta, type TableMeta } from './tableLayout.js'
import { defaultTable, parseTableName, type TableNames } from './tableNames.js'
import { planTerms, type TermPlan } from './termPlan.js'

/** Options of `createPostgresSearch`: a client, or a URL to open a pool on. */
export interface PostgresSearchOptions {
  /** A `pg.Pool` (recommended) or connected `pg.Client`; left open by `close()`. */
  readonly client?: Queryable
  /** `postgres://user:password@host:5432/database`: a pool of up to 10 connections is opened, and closed by `close()`. */
  readonly url?: string
  /**
   * The table `infobox-search export --to postgres` loaded.
   * @default 'infobox_search'
   */
  readonly table?: string
}

/** Search over a PostgreSQL table, with the static index's options and result. */
export interface PostgresSearch {
  /**
   * Search the table: the same options and result shape as `SearchIndex.search`, as a promise.
   * @throws {OptionsError} `ERR_INVALID_QUERY`, as `SearchIndex.search` does.
   * @throws {DatabaseError} `ERR_DATABASE_CONNECT`, `ERR_DATABASE_AUTH`, `ERR_TABLE_LAYOUT`, `ERR_DATABASE_QUERY`.
   */
  search<const Options extends SearchOptions = SearchOptions>(
    query: string,
    options?: Options,
  ): Promise<SearchResultFor<Options>>
  /** Names of the facets the table can filter and count (like `SearchIndex.facetNames`). */
  facetNames(): Promise<readonly string[]>
  /** Close the pool opened for `url` (a `client` given is left open). */
  close(): Promise<void>
}

/**
 * Search a corpus loaded by `infobox-search export --to postgres` (or
 * `exportToPostgres`). Browsing (an empty query) gives the static index's
 * results exactly: same hits in the same order, totals, facet counts and
 * labels; a filter may name a value by its label or an alias, as there.
 * Text queries match the same terms (prefix on the last term, typos in
 * terms of five letters or more with pg_trgm, numbers exactly), give the
 * same `suggestedFilters` (read from the table's names: only the rows of
 * the names the query may use) and apply them as the static index does
 * (`applySuggested`), or rank first the matches in more of the spans they
 * name, then those matching more of the query's terms; within those, ts_rank
 * weighted by the field boosts and an inverse document frequency, not BM25.
 *
 * @example
 * const search = createPostgresSearch({ url: process.env.DATABASE_URL, table: 'battles' })
 * const result = await search.search('gettysburg', { facets: ['place'], filters: { date: { from: 1860, to: 1865 } } })
 * await search.close()
 */
export function createPostgresSearch(settings: PostgresSearchOptions): PostgresSearch {
  const names = parseTableName(settings.table ?? defaultTable, 0)
  if (settings.client === undefined && settings.url === undefined) {
    throw new InfoboxSearchError(
      'ERR_INVALID_OPTION',
      'infobox-search: createPostgresSearch needs a database "url" or a "client" (a pg.Pool or pg.Client).',
    )
  }
  const pool = settings.client === undefined ? createPool(settings.url ?? '') : undefined
  const client: Queryable = settings.client ?? (pool as Queryable)
  const server = settings.url === undefined ? serverOf(client) : serverOfUrl(settings.url)
  const where = describeServer(server)

  const query = async (text: string, values: unknown[]): Promise<readonly unknown[]> => {
    try {
      return (await client.query(text, values)).rows
    } catch (error) {
      if (errorCode(error) === '42P01') throw missingTable(names, where, error)
      throw connectionError(error, server, 'ERR_DATABASE_QUERY', `searching the table "${names.given}"`)
    }
  }
  /** `query` as a `Queryable`: errors described the same way. */
  const queryable: Queryable = { query: async (sql, values) => ({ rows: await query(sql, values ?? []) }) }
  const readMeta = async (): Promise<TableMeta> => {
    const [row] = (await query(
      `SELECT to_regclass($1) IS NOT NULL AS found, obj_description(to_regclass($1), 'pg_class') AS comment`,
      [names.main],
    )) as { found: boolean; comment: unknown }[]
    if (row === undefined || !row.found) throw missingTable(names, where)
    const meta = parseMeta(row.comment)
    if (meta === undefined) {
      throw new DatabaseError(
        'ERR_TABLE_LAYOUT',
        `infobox-search: the table "${names.given}" on ${where} was not loaded by "infobox-search export" (it has no infobox-search comment); load it with "infobox-search export <dir> --to postgres --table ${names.given}".`,
      )
    }
    if (meta.version !== layoutVersion) {
      throw new DatabaseError(
        'ERR_TABLE_LAYOUT',
        `infobox-search: the table "${names.given}" on ${where} has layout version ${meta.version} (${meta.generator}); this library reads version ${layoutVersion}. Load it again with this version's "infobox-search export".`,
      )
    }
    return meta
  }

  return {
    async facetNames() {
      return facetNamesOf(await readMeta())
    },
    async search<const Options extends SearchOptions = SearchOptions>(text: string, options?: Options) {
      const meta = await readMeta()
      const resolved = resolveSearchOptions(options ?? {}, facetKinds(meta.options.facets))
      const cleaned = cleanQuery(text)
      const understanding = resolved.understand && cleaned !== ''
      const named = await readNames(queryable, names, understanding ? nameKeysOf(cleaned) : [], resolved)
      const suggested = understanding ? understandQuery(cleaned, named.index) : []
      const { filters, required, signals } = planSuggestions(suggested, resolved, named)
      const plan = await textPlan(cleaned, resolved, meta)
      const sort = resolved.sort ?? (plan === undefined ? '-date' : 'relevance')
      const facets = facetQueries(resolved, meta.placeLevels, filters)
      const sql = searchSql({
        names,
        plan,
        filters,
        required,
        signals,
        facets,
        sort,
        near: resolved.near,
        limit: resolved.limit,
        offset: resolved.offset,
        weights: rankWeights({ ...meta.options.boost, ...definedOnly(resolved.matching.boost) }),
        presentYear: new Date().getUTCFullYear(),
      })
      const [row] = (await query(sql.text, sql.values)) as Record<string, unknown>[]
      const page = (row?.['hits'] ?? []) as readonly (readonly [number, number])[]
      const counts: Record<string, readonly FacetCount[]> = {}
      facets.forEach((facet, i) => (counts[facet.name] = facetResult(facet, row?.[`facet${i}`])))
      const result = {
        total: Number(row?.['total'] ?? 0),
        totalUnfiltered: Number(row?.['unfiltered'] ?? 0),
        hits: await hitsOf(query, names, page, plan, resolved),
        facets: counts,
        suggestedFilters: suggested,
      }
      // Keyed by the requested names, the date facet in `DateBucket`s: what `SearchResultFor` says,
      // which TypeScript cannot follow through the facet list (as in `SearchIndex.search`).
      return result as unknown as SearchResultFor<Options>
    },
    async close() {
      await pool?.end()
    },
  }

  async function textPlan(
    text: string,
    resolved: ResolvedSearchOptions,
    meta: TableMeta,
  ): Promise<TermPlan | undefined> {
    if (text === '') return undefined
    const terms = queryTerms(text, resolved.matching)
    if (terms.length === 0) return { match: '', terms: [], combineWith: 'OR', components: [], words: [], prefixes: [] }
    return planTerms(queryable, names, terms, resolved.matching.combineWith ?? 'OR', meta.documents, meta.fuzzy)
  }
}

/** The entries whose value is not `undefined` (an `undefined` must not erase a default). */
function definedOnly<T extends object>(object: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(object ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>
}

/** The table's facets in the static index's order (`date`, `coordinates`, then the others sorted). */
function facetNamesOf(meta: TableMeta): string[] {
  return [...facetKinds(meta.options.facets).keys()]
}

/**
 * ts_rank's weights {D, C, B, A} from the field boosts: body → D, infobox and
 * custom → C (the larger of their two boosts), the descriptions → B (the
 * larger of theirs), title → A, scaled so the largest is 1 (ts_rank takes
 * weights up to 1).
 */
export function rankWeights(boost: Readonly<Record<SearchField, number>>): number[] {
  const weights = [
    boost.body,
    Math.max(boost.infobox, boost.custom),
    Math.max(boost.shortDescription, boost.description),
    boost.title,
  ]
  const top = Math.max(...weights)
  return weights.map((weight) => (top > 0 ? weight / top : 0))
}

function missingTable(names: TableNames, where: string, cause?: unknown): DatabaseError {
  return new DatabaseError(
    'ERR_TABLE_LAYOUT',
    `infobox-search: the table "${names.given}" does not exist on ${where}; load it with "infobox-search export <dir> --to postgres --table ${names.given}".`,
    cause === undefined ? {} : { cause, reason: '42P01' },
  )
}
