import { readFileSync } from 'node:fs'
import { afterAll, expect, test } from 'vitest'
import { parseArticle, type Article } from '../../src/build.js'
import { createPostgresSearch, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from '../helpers.js'
import { corpusQueries, fixtureQueries } from '../relevanceQueries.js'
import { describePostgres, recordsOf } from './helpers.js'

// The known-item queries of test/relevance.test.ts against PostgreSQL: the
// target should be the first hit. PostgreSQL ranks with ts_rank (field
// weights and an inverse document frequency, no BM25 length normalisation),
// so its rate is measured and held to a floor, and its misses are printed.

const fixtures = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const profiles = ['lead', 'sections', 'full'] as const

async function hitRate(search: PostgresSearch, queries: typeof fixtureQueries) {
  const misses: string[] = []
  for (const [query, target] of queries) {
    const first = (await search.search(query, { limit: 1 })).hits[0]?.id
    if (first !== target) misses.push(`${query} → ${first ?? '(none)'}, expected ${target}`)
  }
  return { rate: 1 - misses.length / queries.length, misses }
}

describePostgres('known-item relevance on PostgreSQL', (url) => {
  const searches: PostgresSearch[] = []
  afterAll(() => Promise.all(searches.map((search) => search.close())))

  async function measure(
    name: string,
    articles: readonly Article[],
    body: (typeof profiles)[number],
    queries: typeof fixtureQueries,
  ) {
    const table = `relevance_${name}_${body}`
    await exportToPostgres(recordsOf(articles, { body }), { url, table, options: { body } })
    const search = createPostgresSearch({ url, table })
    searches.push(search)
    const { rate, misses } = await hitRate(search, queries)
    console.log(
      `PostgreSQL, ${name} (${body}): ${(rate * 100).toFixed(1)}% of ${queries.length} first${misses.length ? `; misses: ${misses.join('; ')}` : ''}`,
    )
    return rate
  }

  test.each(profiles)(
    'fixtures, body profile %s: the target is the first hit for at least 90 percent of queries',
    async (body) => {
      expect(await measure('fixtures', fixtures, body, fixtureQueries)).toBeGreaterThanOrEqual(0.9)
    },
  )

  test.skipIf(!hasCorpus).each(profiles)('corpus + fixtures, body profile %s: at least 85 percent', async (body) => {
    const corpus = corpusFiles().map((file) =>
      parseArticle(readFileSync(corpusDir + file, 'utf8'), { id: file.replace(/\.md$/, '') }),
    )
    expect(
      await measure('corpus', [...corpus, ...fixtures], body, [...corpusQueries, ...fixtureQueries]),
    ).toBeGreaterThanOrEqual(0.85)
  })
})
