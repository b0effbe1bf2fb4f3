import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildIndex, parseArticle, type Article, type IndexRecord } from '../../src/build.js'
import type { SearchIndex, SearchOptions, SearchResult } from '../../src/index.js'
import { queryTerms } from '../../src/search/engine/queryTerms.js'
import { createPostgresSearch, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { facetValues } from '../../src/postgres/copyRows.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from '../helpers.js'
import { fcParameters } from '../robustness/helpers.js'
import { describePostgres, recordsOf } from './helpers.js'

// The PostgreSQL search against the static index (the oracle): for browsing
// (an empty query) with any filters — values named as they are, by a label,
// an alias or another case — facet requests, sort and page, the whole result
// is the same: ids in the same order, totals, facet counts and labels, date
// histograms, stored fields and snippets. For exact text queries (no typo
// tolerance), with names and times in them, the matches are the same
// articles, so totals and facet counts agree too, the suggested filters are
// the same, and so is what ranks first: the articles in more of the spans
// the query names, then those matching more of its terms. Only the order
// within those groups differs (ts_rank, not BM25).

const options = { facets: ['partof'] }
const fixtures = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const corpus = () =>
  corpusFiles().map((file) => parseArticle(readFileSync(corpusDir + file, 'utf8'), { id: file.replace(/\.md$/, '') }))

/**
 * Random search options over the values the records have, named as they are
 * or by their labels, aliases or in lower case (and one no article has).
 */
function optionsArbitrary(records: readonly IndexRecord[], index: SearchIndex): fc.Arbitrary<SearchOptions> {
  const values = (facet: string) => {
    const table = index.data.facets.tables[facet]
    const own = [...new Set(records.flatMap((record) => facetValues(record, facet)))]
    const names = [
      ...Object.values(table?.labels ?? {}),
      ...Object.values(table?.aliases ?? {}).flatMap((aliases) => aliases.map(([alias]) => alias)),
      ...own.filter((_, at) => at % 3 === 0).map((value) => value.toLowerCase()),
    ]
    return [...new Set([...own, ...names, 'Nowhere in particular'])].sort()
  }
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
      understand: fc.constantFrom(undefined, true, false),
      applySuggested: fc.constantFrom(undefined, true, false),
    })
    .map(({ filters, sort, understand, applySuggested, ...rest }) => ({
      ...rest,
      ...(sort === undefined ? {} : { sort }),
      ...(understand === undefined ? {} : { understand }),
      ...(applySuggested === undefined ? {} : { applySuggested }),
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
        fc.asyncProperty(optionsArbitrary(records, index), async (searchOptions) => {
          expect(await search.search('', searchOptions)).toEqual(index.search('', searchOptions))
        }),
        fcParameters(runs),
      )
    })

    test('exact text queries: the same matches, totals, facet counts, suggested filters and what ranks first', async () => {
      const words = fc.constantFrom(
        'battle',
        'battles',
        'war',
        'syria',
        'king',
        'army',
        'river',
        'empire',
        'siege',
        'hannibal',
        'the',
        'in',
        'qamishli',
        'roman',
        'roman republic',
        'sdf',
        'france',
        'kingdom of france',
        'allies',
        '1863',
        '19th century',
        '216 bc',
        'xyzzy',
      )
      await fc.assert(
        fc.asyncProperty(
          fc.array(words, { minLength: 1, maxLength: 3 }),
          fc.constantFrom('AND' as const, 'OR' as const),
          // Half without filters: a filter of any facet hides the undated articles, whose ranking matters too.
          fc.oneof(
            optionsArbitrary(records, index),
            optionsArbitrary(records, index).map((searchOptions) => ({ ...searchOptions, filters: {} })),
          ),
          async (terms, combineWith, searchOptions) => {
            const query = terms.join(' ')
            const exact = { ...searchOptions, fuzzy: false, combineWith, limit: 1000, offset: 0 }
            const actual = await search.search(query, exact)
            const expected = index.search(query, exact)
            const summary = ({ total, totalUnfiltered, facets, suggestedFilters }: SearchResult) => ({
              total,
              totalUnfiltered,
              facets,
              suggestedFilters,
            })
            expect(summary(actual)).toEqual(summary(expected))
            expect(actual.hits.map((hit) => hit.id).sort()).toEqual(expected.hits.map((hit) => hit.id).sort())
            if ((exact.sort ?? 'relevance') !== 'relevance') return
            const rankOf = rankKeys(index, query, expected)
            expect(actual.hits.map((hit) => rankOf(hit.id))).toEqual(expected.hits.map((hit) => rankOf(hit.id)))
          },
        ),
        fcParameters(runs),
      )
    })
  })
}

/**
 * What ranks a match of `query` before others, by the static index's own
 * answers: in how many of the spans the query names it is (each span: the
 * articles any of its suggested filters selects), then how many of the
 * query's terms it matches. Both searches must list their hits in
 * decreasing order of these.
 */
function rankKeys(index: SearchIndex, query: string, result: SearchResult): (id: string) => string {
  const ids = (text: string, options: SearchOptions) =>
    new Set(index.search(text, { ...options, limit: 10_000, understand: false }).hits.map((hit) => hit.id))
  const spans = new Map<string, Set<string>>()
  for (const suggestion of result.suggestedFilters) {
    const filters =
      'from' in suggestion
        ? { date: { from: suggestion.from, to: suggestion.to } }
        : { [suggestion.facet]: [...suggestion.values] }
    const key = `${suggestion.start}:${suggestion.end}`
    spans.set(key, new Set([...(spans.get(key) ?? []), ...ids('', { filters })]))
  }
  const terms = queryTerms(query, { fuzzy: false }).map((term) => ids(term.term, { fuzzy: false, prefix: term.prefix }))
  return (id) => {
    const strength = [...spans.values()].filter((span) => span.has(id)).length
    const matched = terms.filter((term) => term.has(id)).length
    return `${String(strength).padStart(3, '0')} ${String(matched).padStart(3, '0')}`
  }
}

parity('fixtures', () => fixtures, 200)
if (hasCorpus) parity('corpus', () => [...corpus(), ...fixtures], 100)
else test.skip('PostgreSQL and the static index agree: corpus (skipped: ../shared/corpus is absent)', () => {})
