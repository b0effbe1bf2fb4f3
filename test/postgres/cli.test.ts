import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import type { SearchResult } from '../../src/index.js'
import { createPostgresSearch } from '../../src/postgres.js'
import { article, requireBuiltCli, runCli, slow, tempDirs, writeFiles } from '../cli/helpers.js'
import { fixturesDir, fixtureSlugs, readFixture } from '../helpers.js'
import { describePostgres } from './helpers.js'

// `infobox-search export --to postgres`, the built CLI against the test cluster.

const dirs = tempDirs()
afterAll(() => dirs.cleanup())

describePostgres('infobox-search export --to postgres', (url) => {
  let cwd: string
  beforeAll(async () => {
    requireBuiltCli()
    cwd = await dirs.make()
  })

  test('loads what build indexes, with the same options; a second run replaces the table', slow, async () => {
    const args = [
      'export',
      fixturesDir,
      '--to',
      'postgres',
      '--database-url',
      url,
      '--table',
      'cli_fixtures',
      '--facet',
      'partof',
      '--body',
      'sections',
      '--jobs',
      '2',
    ]
    const first = await runCli(args, { cwd })
    expect(first.stderr).toMatch(
      /^(warning: .*\n)*infobox-search: exported 20 article\(s\) in .*: table "cli_fixtures" \(\d+ terms, typo tolerance with pg_trgm\)\n$/,
    )
    expect(first.code).toBe(0)
    expect((await runCli(args, { cwd })).code).toBe(0)

    const index = buildIndex(
      fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
      { facets: ['partof'], body: 'sections' },
    )
    const search = createPostgresSearch({ url, table: 'cli_fixtures' })
    const options = {
      facets: { partof: {}, place: {}, date: { interval: 'decade' as const } },
      filters: { date: { from: 1800 } },
      limit: 50,
    }
    expect(await search.search('', options)).toEqual(index.search('', options))
    await search.close()
  })

  test('--store, --field and a front-matter --facet reach the table as build reads them', slow, async () => {
    const dir = await dirs.make()
    const own = (title: string, front: string, coordinates: string) =>
      article({ title, body: `${title} was fought at sea.`, date: '1571', extra: { coordinates } }).replace(
        '\nauthor:',
        `\n${front}\nauthor:`,
      )
    const files = {
      'lepanto.md': own(
        'Battle of Lepanto',
        'url: /sea/lepanto\ntags: [naval, galleys]\ncategory: Galley fights',
        '38.25°N, 21.3°W',
      ),
      'preveza.md': own('Battle of Preveza', 'url: /sea/preveza\ntags: naval\ncategory: Ottoman wars', '39°N, 20.7°W'),
    }
    await writeFiles(dir, files)
    const options = ['--store', 'url,tags', '--field', 'category', '--facet', 'tags']
    const args = ['export', dir, '--to', 'postgres', '--database-url', url, '--table', 'cli_own', ...options]
    expect((await runCli(args, { cwd })).code).toBe(0)
    const index = buildIndex(
      Object.entries(files).map(([file, text]) => parseArticle(text, { id: file.replace(/\.md$/, '') })),
      { store: ['url', 'tags'], fields: ['category'], facets: ['tags'] },
    )
    const search = createPostgresSearch({ url, table: 'cli_own' })
    for (const [query, searchOptions] of [
      ['galley', { facets: ['tags', 'country'] }],
      ['', { filters: { tags: ['naval'], country: ['Greece'] }, near: { lat: 38, lon: 21 }, sort: 'distance' }],
    ] as const) {
      // Scores differ (ts_rank, not BM25); with one match, nothing else does.
      const unscored = ({ hits, ...result }: SearchResult) => ({
        ...result,
        hits: hits.map(({ score: _, ...hit }) => hit),
      })
      const expected = index.search(query, searchOptions)
      expect(expected.total).toBe(query === '' ? 2 : 1)
      expect(unscored(await search.search(query, searchOptions))).toEqual(unscored(expected))
    }
    await search.close()
  })

  test('a table that export did not write: exit code 2 and the reason; --replace drops it', slow, async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('DROP TABLE IF EXISTS cli_foreign; CREATE TABLE cli_foreign (note text)')
    await client.end()
    const args = ['export', fixturesDir, '--to', 'postgres', '--database-url', url, '--table', 'cli_foreign']
    const refused = await runCli(args, { cwd })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(
      /a table "cli_foreign" already exists on .* and was not written by "infobox-search export" \(its columns: note\); choose another table name, or pass --replace/,
    )
    expect((await runCli([...args, '--replace'], { cwd })).code).toBe(0)
  })

  test('wrong credentials: exit code 2, the reason, and never the password', slow, async () => {
    const wrong = url.replace(/:[^:@/]+@/, ':hunter2-wrong@')
    const result = await runCli(['export', fixturesDir, '--to', 'postgres', '--database-url', wrong], { cwd })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^infobox-search: PostgreSQL at .* refused the login of user "infobox"/)
    expect(result.stderr).not.toContain('hunter2')
  })

  test('--strict with an unreadable article: exit code 1 and the old table untouched', slow, async () => {
    const dir = await dirs.make()
    await writeFiles(dir, {
      'good.md': article({ title: 'Battle of Goodfield', body: 'A battle.' }),
      'bad.md': 'no front matter at all',
    })
    const args = ['export', dir, '--to', 'postgres', '--database-url', url, '--table', 'cli_strict']
    expect((await runCli(args, { cwd })).code).toBe(0)
    const strict = await runCli([...args, '--strict'], { cwd })
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(/1 article\(s\) could not be read \(--strict\); nothing was exported\.\n$/)
    const search = createPostgresSearch({ url, table: 'cli_strict' })
    expect((await search.search('')).total).toBe(1)
    await search.close()
  })

  test('usage mistakes: exit code 2 and what is missing', async () => {
    expect((await runCli(['export', fixturesDir], { cwd })).stderr).toMatch(
      /export needs --to postgres\|opensearch\|meilisearch\|typesense/,
    )
    const noUrl = await runCli(['export', fixturesDir, '--to', 'postgres'], { cwd, env: { DATABASE_URL: '' } })
    expect(noUrl.code).toBe(2)
    expect(noUrl.stderr).toMatch(/export --to postgres needs --database-url <url>/)
  })
})
