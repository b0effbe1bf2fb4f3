import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildIndex, parseArticle, type Article, type IndexRecord } from '../../src/build.js'
import type { SearchIndex, SearchOptions } from '../../src/index.js'
import { createPostgresSearch, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { facetValues } from '../../src/postgres/copyRows.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from '../helpers.js'
import { fcParameters } from '../robustness/helpers.js'
import { describePostgres, recordsOf } from './helpers.js'

// The PostgreSQL search against the static index (the oracle): for browsing
// (an empty query) with any filters, facet requests, sort and page, the whole
// result is the same — ids in the same order, totals, facet counts and
// labels, date histograms, stored fields and snippets. For exact text
// queries (no typo tolerance) the matches are the same articles, so totals
// and facet counts agree too; only the ranking differs (ts_rank, not BM25).

const options = { facets: ['partof'] }
const fixtures = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const corpus = () =>
  corpusFiles().map((file) => parseArticle(readFileSync(corpusDir + file, 'utf8'), { id: file.replace(/\.md$/, '') }))

/** Random search options over the values the records have (and one they lack). */
function optionsArbitrary(records: readonly IndexRecord[]): fc.Arbitrary<SearchOptions> {
  const values = (facet: string) =>
    [...new Set(records.flatMap((record) => facetValues(record, facet))), 'Nowhere in particular'].sort()
  const values$ = (facet: string) =>
    fc.option(fc.subarray(values(facet), { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 })
  const bound = fc.oneof(
    fc.integer({ min: -1500, max: 2100 }).filter((year) => year !== 0),
    fc
      .tuple(fc.integer({ min: 1, max: 2030 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  )
  const date = fc.option(fc.record({ from: bound, to: bound }, { requiredKeys: [] }), { nil: undefined, freq: 2 })
  const facetRequest = fc.record({ limit: fc.integer({ min: 0, max: 12 }) }, { requiredKeys: [] })
  return fc
    .record({
      filters: fc.record({
        place: values$('place'),
        combatant: values$('combatant'),
        kind: values$('kind'),
        partof: values$('partof'),
        date,
      }),
      facets: fc.record(
        {
          place: fc.oneof(
            facetRequest,
            fc.record({ level: fc.integer({ min: 0, max: 4 }), limit: fc.integer({ min: 1, max: 12 }) }),
          ),
          combatant: facetRequest,
          kind: facetRequest,
          partof: facetRequest,
          date: fc.record(
            { interval: fc.constantFrom('year' as const, 'decade' as const, 'century' as const) },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      sort: fc.constantFrom(undefined, 'date' as const, '-date' as const, 'relevance' as const),
      limit: fc.integer({ min: 0, max: 30 }),
      offset: fc.integer({ min: 0, max: 25 }),
    })
    .map(({ filters, sort, ...rest }) => ({
      ...rest,
      ...(sort === undefined ? {} : { sort }),
      filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
    }))
}

function parity(name: string, articles: () => Article[], runs: number) {
  describePostgres(`PostgreSQL and the static index agree: ${name}`, (url) => {
    const table = `parity_${name}`
    let index: SearchIndex
    let records: IndexRecord[]
    let search: PostgresSearch
    // The search runs on a pool of the caller's (the `client` option); the pool stays theirs to close.
    const pool = new pg.Pool({ connectionString: url })
    beforeAll(async () => {
      const list = articles()
      records = recordsOf(list, options)
      index = buildIndex(list, options)
      await exportToPostgres(records, { url, table, options })
      search = createPostgresSearch({ client: pool, table })
    })
    afterAll(async () => {
      await search?.close()
      await pool.end()
    })

    test('browsing: the same result for any filters, facets, sort and page', async () => {
      await fc.assert(
        fc.asyncProperty(optionsArbitrary(records), async (searchOptions) => {
          expect(await search.search('', searchOptions)).toEqual(index.search('', searchOptions))
        }),
        fcParameters(runs),
      )
    })

    test('exact text queries: the same matches, totals and facet counts', async () => {
      const words = fc.constantFrom(
        'battle',
        'war',
        'syria',
        'king',
        'army',
        'river',
        'empire',
        'siege',
        'hannibal',
        'the',
        'qamishli',
        'roman',
        'xyzzy',
      )
      await fc.assert(
        fc.asyncProperty(
          fc.array(words, { minLength: 1, maxLength: 3 }),
          fc.constantFrom('AND' as const, 'OR' as const),
          optionsArbitrary(records),
          async (terms, combineWith, searchOptions) => {
            const query = terms.join(' ')
            const exact = { ...searchOptions, fuzzy: false, combineWith, limit: 1000, offset: 0 }
            const actual = await search.search(query, exact)
            const expected = index.search(query, exact)
            expect({ total: actual.total, totalUnfiltered: actual.totalUnfiltered, facets: actual.facets }).toEqual({
              total: expected.total,
              totalUnfiltered: expected.totalUnfiltered,
              facets: expected.facets,
            })
            expect(actual.hits.map((hit) => hit.id).sort()).toEqual(expected.hits.map((hit) => hit.id).sort())
          },
        ),
        fcParameters(runs),
      )
    })
  })
}

parity('fixtures', () => fixtures, 200)
if (hasCorpus) parity('corpus', () => [...corpus(), ...fixtures], 100)
else test.skip('PostgreSQL and the static index agree: corpus (skipped: ../shared/corpus is absent)', () => {})
