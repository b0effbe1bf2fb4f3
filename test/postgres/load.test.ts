import { createServer } from 'node:net'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseArticle, type IndexRecord } from '../../src/build.js'
import { createPostgresSearch, exportToPostgres, isDatabaseError } from '../../src/postgres.js'
import { fixtureSlugs, readFixture } from '../helpers.js'
import { adminUrl, describePostgres, recordsOf } from './helpers.js'

// Loading into PostgreSQL: the swap is atomic, a failed load leaves the old
// table served, and each way of getting the database wrong has its own error.

const records = recordsOf(
  fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
  {},
)
const older = records.slice(0, 8)
const newer = records.slice(8)

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1))
    })
  })
}

/** The records, then a failure after `count` of them. */
async function* failingAfter(count: number, fail: () => Promise<void> | void): AsyncGenerator<IndexRecord> {
  for (const [i, record] of newer.entries()) {
    if (i === count) await fail()
    yield record
  }
}

async function ids(url: string, table: string): Promise<string[]> {
  const search = createPostgresSearch({ url, table })
  try {
    return (await search.search('', { limit: 100, sort: 'relevance' })).hits.map((hit) => hit.id)
  } finally {
    await search.close()
  }
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

describePostgres('exportToPostgres', (url) => {
  const server = new URL(url)
  const where = `${server.username}@127.0.0.1:${server.port}/${server.pathname.slice(1)}`

  describe('replacing a table', () => {
    beforeAll(() => exportToPostgres(older, { url, table: 'swap' }))

    test('a second load replaces the rows, and no staging table or index is left', async () => {
      expect(await ids(url, 'swap')).toEqual(older.map((r) => r.id))
      const result = await exportToPostgres(newer, { url, table: 'swap' })
      expect(result).toMatchObject({ table: 'swap', documents: newer.length, fuzzy: true, truncated: [] })
      expect(await ids(url, 'swap')).toEqual(newer.map((r) => r.id))
      const relations = await sql<{ relname: string }>(
        url,
        `SELECT relname FROM pg_class WHERE relname LIKE 'swap%' ORDER BY relname`,
      )
      expect(relations.map((r) => r.relname)).toEqual([
        'swap',
        'swap_date',
        'swap_facet0',
        'swap_facet1',
        'swap_facet2',
        'swap_facet3',
        'swap_facet4',
        'swap_geo',
        'swap_labels',
        'swap_labels_pkey',
        'swap_names',
        'swap_names_pkey',
        'swap_pkey',
        'swap_position',
        'swap_search',
        'swap_start',
        'swap_terms',
        'swap_terms_pkey',
        'swap_terms_trigram',
      ])
    })

    test('a load that fails half-way (the source throws) changes nothing: the old table is still served', async () => {
      const before = await ids(url, 'swap')
      const error = await exportToPostgres(
        failingAfter(5, () => Promise.reject(new Error('disk read failed'))),
        { url, table: 'swap' },
      ).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'DatabaseError', code: 'ERR_DATABASE_LOAD' })
      expect((error as Error).message).toBe(
        `infobox-search: loading the table "swap" on ${where} failed: disk read failed. Nothing was changed: the previous table, if any, is still served.`,
      )
      expect(await ids(url, 'swap')).toEqual(before)
      expect(await sql(url, `SELECT 1 FROM pg_class WHERE relname LIKE 'swap__new%'`)).toEqual([])
    })

    test('a load whose connection is killed half-way changes nothing', async () => {
      const before = await ids(url, 'swap')
      const kill = async () => {
        await sql(
          url,
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'COPY %swap__new%' AND pid <> pg_backend_pid()`,
        )
      }
      const error = await exportToPostgres(failingAfter(5, kill), { url, table: 'swap' }).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'DatabaseError', code: 'ERR_DATABASE_LOAD' })
      expect((error as Error).message).toMatch(
        /^infobox-search: loading the table "swap" on .* failed \(the connection was lost\): .*Nothing was changed: the previous table, if any, is still served\.$/,
      )
      expect(await ids(url, 'swap')).toEqual(before)
    })

    test('while a load runs, searches read the old table', async () => {
      const before = await ids(url, 'swap')
      let during: string[] = []
      await exportToPostgres(
        failingAfter(3, async () => {
          during = await ids(url, 'swap')
        }),
        { url, table: 'swap' },
      )
      expect(during).toEqual(before)
      expect(await ids(url, 'swap')).toEqual(newer.map((r) => r.id))
    })

    test('two articles with one id: ERR_DUPLICATE_ID, nothing changed', async () => {
      const before = await ids(url, 'swap')
      await expect(exportToPostgres([...older, older[0] as IndexRecord], { url, table: 'swap' })).rejects.toMatchObject(
        {
          code: 'ERR_DUPLICATE_ID',
          message: `infobox-search: two articles have the id "${older[0]?.id}"; give one of them another "id" in its front matter or file name.`,
        },
      )
      expect(await ids(url, 'swap')).toEqual(before)
    })

    test.skipIf(adminUrl === undefined)("the old table's grants are given to the new one", async () => {
      await sql(
        adminUrl ?? '',
        `DO $$ BEGIN CREATE ROLE search_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
      )
      await sql(url, 'GRANT SELECT ON swap, swap_terms, swap_labels, swap_names TO search_reader')
      await exportToPostgres(older, { url, table: 'swap' })
      const [row] = await sql<{ main: boolean; terms: boolean; names: boolean }>(
        url,
        `SELECT has_table_privilege('search_reader', 'swap', 'SELECT') AS main, has_table_privilege('search_reader', 'swap_terms', 'SELECT') AS terms,
          has_table_privilege('search_reader', 'swap_names', 'SELECT') AS names`,
      )
      expect(row).toEqual({ main: true, terms: true, names: true })
    })
  })

  describe('a table that export did not write', () => {
    beforeAll(() =>
      sql(
        url,
        'DROP TABLE IF EXISTS articles; CREATE TABLE articles (id integer, name text); INSERT INTO articles VALUES (1, $$kept$$)',
      ),
    )

    test('is refused, and left as it was', async () => {
      await expect(exportToPostgres(older, { url, table: 'articles' })).rejects.toMatchObject({
        name: 'DatabaseError',
        code: 'ERR_TABLE_LAYOUT',
        message: `infobox-search: a table "articles" already exists on ${where} and was not written by "infobox-search export" (its columns: id, name); choose another table name, or pass --replace (replace: true) to drop it.`,
      })
      expect(await sql(url, 'SELECT name FROM articles')).toEqual([{ name: 'kept' }])
    })

    test('is not searched', async () => {
      const search = createPostgresSearch({ url, table: 'articles' })
      await expect(search.search('x')).rejects.toMatchObject({
        code: 'ERR_TABLE_LAYOUT',
        message: expect.stringContaining('was not loaded by "infobox-search export"'),
      })
      await search.close()
    })

    test('is replaced with replace: true', async () => {
      await exportToPostgres(older, { url, table: 'articles', replace: true })
      expect(await ids(url, 'articles')).toEqual(older.map((r) => r.id))
    })
  })

  describe('connection problems', () => {
    let port: number
    beforeAll(async () => {
      port = await closedPort()
    })

    test('an unreachable server: ERR_DATABASE_CONNECT, for a load and for a search', async () => {
      const unreachable = `postgres://infobox:secret-password@127.0.0.1:${port}/infobox`
      const message = `infobox-search: cannot reach PostgreSQL at infobox@127.0.0.1:${port}/infobox (ECONNREFUSED); check that the server is running and that the database URL names the right host and port.`
      await expect(exportToPostgres(older, { url: unreachable })).rejects.toMatchObject({
        code: 'ERR_DATABASE_CONNECT',
        message,
      })
      const search = createPostgresSearch({ url: unreachable })
      await expect(search.search('')).rejects.toMatchObject({ code: 'ERR_DATABASE_CONNECT', message })
      await search.close()
    })

    test('a wrong password: ERR_DATABASE_AUTH, and the message never shows a password', async () => {
      const wrong = url.replace(`:${server.password}@`, ':not-the-password@')
      const error = await exportToPostgres(older, { url: wrong }).catch((e: unknown) => e)
      expect(isDatabaseError(error) && error.code).toBe('ERR_DATABASE_AUTH')
      expect((error as Error).message).toBe(
        `infobox-search: PostgreSQL at ${where} refused the login of user "infobox" (password authentication failed for user "infobox"); check the user name and password in the database URL.`,
      )
      const search = createPostgresSearch({ url: wrong })
      const searchError = await search.search('').catch((e: unknown) => e)
      expect(searchError).toMatchObject({ code: 'ERR_DATABASE_AUTH' })
      expect(String((searchError as Error).message)).not.toContain('not-the-password')
      await search.close()
    })

    test('a database that does not exist: ERR_DATABASE_CONNECT naming it', async () => {
      const missing = url.replace(/\/infobox$/, '/no_such_database')
      await expect(exportToPostgres(older, { url: missing })).rejects.toMatchObject({
        code: 'ERR_DATABASE_CONNECT',
        message: expect.stringContaining('the database "no_such_database" does not exist'),
      })
    })

    test('a table that does not exist: ERR_TABLE_LAYOUT with the command that loads it', async () => {
      const search = createPostgresSearch({ url, table: 'never_loaded' })
      await expect(search.search('')).rejects.toMatchObject({
        code: 'ERR_TABLE_LAYOUT',
        message: `infobox-search: the table "never_loaded" does not exist on ${where}; load it with "infobox-search export <dir> --to postgres --table never_loaded".`,
      })
      await search.close()
    })
  })

  afterAll(() => sql(url, 'DROP TABLE IF EXISTS articles, articles_terms, articles_labels, articles_names'))
})

describe('exportToPostgres options', () => {
  test.each([['Bad-Name'], ['a.b.c'], [''], ['x'.repeat(41)], ['drop table; --']])(
    'a table name such as %j is refused before connecting',
    async (table) => {
      await expect(exportToPostgres([], { url: 'postgres://nowhere.invalid/x', table })).rejects.toMatchObject({
        name: 'OptionsError',
        code: 'ERR_INVALID_OPTION',
      })
    },
  )
})
