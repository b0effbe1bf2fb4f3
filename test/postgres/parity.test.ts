import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildIndex, parseArticle, type Article, type IndexRecord } from '../../src/build.js'
import type { SearchIndex, SearchOptions, SearchResult } from '../../src/index.js'
import { dateKey, parseDateBound } from '../../src/core/dateKey.js'
import { roundCoordinate } from '../../src/core/geo.js'
import { queryTerms } from '../../src/search/engine/queryTerms.js'
import { createPostgresSearch, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { facetValues } from '../../src/extract/facetValues.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from '../helpers.js'
import { fcParameters } from '../robustness/helpers.js'
import { describePostgres, recordsOf } from './helpers.js'

// The PostgreSQL search against the static index (the oracle): for browsing
// (an empty query) with any filters — values named as they are, by a label,
// an alias or another case; countries by code, name or another name; boxes
// (across the antimeridian too) and radii of coordinates — facet requests
// (coordinates grids too), sort (by distance too), `near` and page, the whole
// result is the same: ids in the same order, totals, facet counts and labels,
// date histograms, grid cells, stored fields (the app's own `fields` too),
// coordinates, distances and snippets. For exact text queries (no typo
// tolerance), with names and times in them, the matches are the same
// articles, so totals and facet counts agree too, the suggested filters are
// the same, and so is what ranks first: the articles in more of the spans
// the query names, then those matching more of its terms. Only the order
// within those groups differs (ts_rank, not BM25).

/** An extra facet of the infobox, one of the front matter; stored fields; a searched one. */
const options = {
  facets: ['partof', 'tags'],
  store: ['url', 'tags', 'rank', 'featured'],
  fields: ['category'],
}

/** Articles with the app's own front-matter fields, and places on both sides of the antimeridian (two at one point). */
const ownArticles = [
  [
    'battle-of-levuka',
    'Battle of Levuka',
    '-17.68°N, 178.83°W',
    'Levuka, Ovalau, Fiji',
    'url: /pacific/levuka\ntags: [naval, pacific]\ncategory: Sea battles of the Pacific islands\nrank: 2\nfeatured: true',
  ],
  [
    'battle-of-apia',
    'Battle of Apia',
    '-13.83°N, -171.76°W',
    'Apia, Upolu, Samoa',
    'url: /pacific/apia\ntags: naval\ncategory: Harbour skirmishes of the South Seas',
  ],
  ['siege-of-apia', 'Siege of Apia', '-13.83°N, -171.76°W', 'Apia, Samoa', 'tags: [land, pacific]\nrank: 7'],
  ['raid-on-suva', 'Raid on Suva', '-18.14°N, 178.44°W', 'Suva, Fiji', 'category: Coastal raids\nfeatured: false'],
].map(([id = '', title = '', coordinates = '', place = '', own = '']) =>
  parseArticle(
    `---
title: ${title}
${own}
infoboxes:
  - conflict: { text: ${title} }
    date: { text: 1889 }
    place: { text: "${place}" }
    coordinates: { text: "${coordinates}" }
    combatant1: { text: Kingdom of Fiji }
    combatant2: { text: Samoa }
---

A short fight in the islands of the South Pacific, at ${place}.
`,
    { id },
  ),
)
const fixtures = [...fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })), ...ownArticles]
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
  // A range that ends before it starts is refused (by both searches): such bounds are swapped.
  const key = (bound: number | string, end: 'start' | 'end') => dateKey(parseDateBound(bound) ?? { year: 1 }, end)
  const date = fc.option(
    fc
      .record({ from: bound, to: bound }, { requiredKeys: [] })
      .map(({ from, to }) =>
        from !== undefined && to !== undefined && key(from, 'start') > key(to, 'end')
          ? { from: to, to: from }
          : { from, to },
      )
      .map((range) => Object.fromEntries(Object.entries(range).filter(([, bound]) => bound !== undefined))),
    { nil: undefined, freq: 2 },
  )
  // Points anywhere, and the articles' own (a box's edge or a circle's centre on an article).
  const points = records.flatMap(({ facets }) => (facets.coordinates === undefined ? [] : [facets.coordinates]))
  const degrees = (limit: number) =>
    fc.oneof(fc.integer({ min: -limit, max: limit }), fc.double({ min: -limit, max: limit, noNaN: true }))
  const point = fc.oneof(
    fc.record({ lat: degrees(90), lon: degrees(180) }),
    fc.constantFrom(...points).map(({ lat, lon }) => ({ lat: roundCoordinate(lat), lon: roundCoordinate(lon) })),
  )
  const box = fc
    .tuple(degrees(180), degrees(180), degrees(90), degrees(90))
    .map(([west, east, a, b]) => ({ box: { west, south: Math.min(a, b), east, north: Math.max(a, b) } }))
  const circle = fc.record({
    near: point,
    radius: fc.oneof(fc.constantFrom(0, 50, 300, 1000, 3000, 25_000), fc.double({ min: 0, max: 5000, noNaN: true })),
  })
  const coordinates = fc.option(fc.oneof(box, circle), { nil: undefined, freq: 2 })
  const facetRequest = fc.record({ limit: fc.integer({ min: 0, max: 12 }) }, { requiredKeys: [] })
  return fc
    .record({
      filters: fc.record({
        place: values$('place'),
        country: values$('country'),
        continent: values$('continent'),
        combatant: values$('combatant'),
        kind: values$('kind'),
        partof: values$('partof'),
        tags: values$('tags'),
        date,
        coordinates,
      }),
      facets: fc.record(
        {
          place: fc.oneof(
            facetRequest,
            fc.record({ level: fc.integer({ min: 0, max: 4 }), limit: fc.integer({ min: 1, max: 12 }) }),
          ),
          country: facetRequest,
          continent: facetRequest,
          combatant: facetRequest,
          kind: facetRequest,
          partof: facetRequest,
          tags: facetRequest,
          date: fc.record(
            { interval: fc.constantFrom('year' as const, 'decade' as const, 'century' as const) },
            { requiredKeys: [] },
          ),
          coordinates: fc.record({ cell: fc.constantFrom(0.5, 1, 2.5, 5, 10, 45, 180) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      sort: fc.constantFrom(undefined, 'date' as const, '-date' as const, 'relevance' as const, 'distance' as const),
      near: fc.option(point, { nil: undefined }),
      limit: fc.integer({ min: 0, max: 30 }),
      offset: fc.integer({ min: 0, max: 25 }),
      understand: fc.constantFrom(undefined, true, false),
      applySuggested: fc.constantFrom(undefined, true, false),
    })
    .map(({ filters, sort, near, understand, applySuggested, ...rest }) => ({
      ...rest,
      ...(sort === undefined ? {} : { sort }),
      // Sorting by distance needs a point: `near`, or a radius filter's centre.
      ...(near === undefined && !(sort === 'distance' && !(filters.coordinates && 'near' in filters.coordinates))
        ? {}
        : { near: near ?? { lat: 48.2, lon: 16.37 } }),
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

    // What the properties below pick among, each once, with a check that it finds something.
    test.each([
      [
        'a box across the antimeridian',
        '',
        { filters: { coordinates: { box: { west: 170, south: -20, east: -170, north: -10 } } } },
      ],
      [
        'a radius, nearest first',
        '',
        { filters: { coordinates: { near: { lat: -13.8, lon: -171.7 }, radius: 1200 } }, sort: 'distance' },
      ],
      ['near a point, a grid of 10° cells', '', { near: { lat: 50, lon: 10 }, facets: { coordinates: { cell: 10 } } }],
      ['a query near a point, nearest first', 'battle', { near: { lat: 50, lon: 10 }, sort: 'distance', fuzzy: false }],
      [
        'a country by another of its names, continents counted',
        '',
        { filters: { country: ['Britain'] }, facets: ['continent', 'country'] },
      ],
      [
        'a continent, countries counted with their names',
        '',
        { filters: { continent: ['Oceania'] }, facets: ['country'] },
      ],
      ['a front-matter facet, its values counted', '', { filters: { tags: ['naval'] }, facets: ['tags'] }],
      ['the searched front-matter field', 'harbour skirmishes', { fuzzy: false }],
      ['a country named in the query, as the country', 'battles in egypt', { applySuggested: true, fuzzy: false }],
      // `france` names a side and a country: one condition, met by either.
      ['a name of two facets in the query, applied', 'france', { applySuggested: true, fuzzy: false }],
    ] as const)('%s', async (_name, query, searchOptions) => {
      const expected = index.search(query, searchOptions)
      const actual = await search.search(query, searchOptions)
      expect(expected.total).toBeGreaterThan(0)
      if (query === '') return expect(actual).toEqual(expected)
      // A text query ranks by another score: the same matches, in the same order by distance.
      const { hits, ...rest } = expected
      const place = ({ id, fields, coordinates, distance }: SearchResult['hits'][number]) => ({
        id,
        fields,
        coordinates,
        distance,
      })
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)
      const sorted = (list: readonly SearchResult['hits'][number][]) =>
        'sort' in searchOptions ? list.map(place) : list.map(place).sort(byId)
      expect({ ...actual, hits: sorted(actual.hits) }).toEqual({ ...rest, hits: sorted(hits) })
    })

    test('hits carry the stored front-matter fields, coordinates and distances', async () => {
      const { hits } = await search.search('', {
        filters: { country: ['FJ', 'Samoa'] },
        near: { lat: -18, lon: 178 },
        sort: 'distance',
      })
      expect(hits.map(({ id, fields, coordinates, distance }) => ({ id, fields, coordinates, distance }))).toEqual([
        { id: 'raid-on-suva', fields: { featured: false }, coordinates: { lat: -18.14, lon: 178.44 }, distance: 49 },
        {
          id: 'battle-of-levuka',
          fields: { url: '/pacific/levuka', tags: ['naval', 'pacific'], rank: 2, featured: true },
          coordinates: { lat: -17.68, lon: 178.83 },
          distance: 94.8,
        },
        {
          id: 'battle-of-apia',
          fields: { url: '/pacific/apia', tags: 'naval' },
          coordinates: { lat: -13.83, lon: -171.76 },
          distance: 1188.7,
        },
        {
          id: 'siege-of-apia',
          fields: { tags: ['land', 'pacific'], rank: 7 },
          coordinates: { lat: -13.83, lon: -171.76 },
          distance: 1188.7,
        },
      ])
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
        'egypt',
        'britain',
        'usa',
        'fiji',
        'europe',
        'pacific',
        'harbour',
        'sea battles',
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
            optionsArbitrary(records, index).map(({ near, ...searchOptions }) => ({
              ...searchOptions,
              filters: {},
              // Without the filters, a radius filter no longer gives sorting by distance its point.
              ...(near === undefined && searchOptions.sort !== 'distance'
                ? {}
                : { near: near ?? { lat: 30, lon: 31 } }),
            })),
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
            // Applied suggestions filter; they no longer rank (the spans count only without `applySuggested`).
            const rankOf = rankKeys(index, query, exact.applySuggested === true ? [] : expected.suggestedFilters)
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
 * articles any of its suggested filters selects; `signals` are the
 * suggestions that rank, none when they are applied), then how many of the
 * query's terms it matches. Both searches must list their hits in
 * decreasing order of these.
 */
function rankKeys(
  index: SearchIndex,
  query: string,
  signals: SearchResult['suggestedFilters'],
): (id: string) => string {
  const ids = (text: string, options: SearchOptions) =>
    new Set(index.search(text, { ...options, limit: 10_000, understand: false }).hits.map((hit) => hit.id))
  const spans = new Map<string, Set<string>>()
  for (const suggestion of signals) {
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
