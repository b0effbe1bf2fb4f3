import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, type Article, type ChunkIndexOptions } from '../../src/build.js'
import type { SearchIndex, SearchOptions, SearchResult } from '../../src/index.js'
import { generatedArticles } from '../cli/helpers.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from '../helpers.js'
import { fcParameters } from '../robustness/helpers.js'
import { chunkInMemory } from './helpers.js'

// The chunked index answers every search exactly as the single-file index of the same build:
// same hits in the same order, scores within 1e-9, same totals, facet counts, snippets and suggestions.

const fixtures = (): Article[] => fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))

/** Queries of the index's own terms: whole, cut short (prefixes), with a letter dropped (typos), and a few fixed ones. */
function queryArbitrary(index: SearchIndex): fc.Arbitrary<string> {
  const vocabulary = [...index.data.terms.entries()].map(([term]) => term)
  const word = fc.constantFrom(...vocabulary)
  const variant = fc.oneof(
    word,
    word.map((term) => term.slice(0, Math.max(1, term.length - 2))),
    fc.tuple(word, fc.nat()).map(([term, at]) => {
      const position = 1 + (at % Math.max(1, term.length - 1))
      return term.slice(0, position) + term.slice(position + 1)
    }),
    fc.constantFrom('battle of', 'the', '1863', 'zzzz'),
  )
  return fc.array(variant, { minLength: 0, maxLength: 4 }).map((words) => words.join(' '))
}

function optionsArbitrary(index: SearchIndex): fc.Arbitrary<SearchOptions> {
  // The first values, and some of one document and of several: chunks keep the two apart (facets/<name>.singles).
  const facetValues = (name: string) => {
    const table = index.data.facets.tables[name]
    const values = table?.values ?? []
    const byDocuments = (single: boolean) =>
      values.filter((_, at) => (table?.docs[at]?.length === 1) === single).slice(0, 15)
    return [...new Set([...values.slice(0, 20), ...byDocuments(true), ...byDocuments(false)])]
  }
  const point = fc.record({
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
  })
  const dateRange = fc
    .tuple(fc.integer({ min: -600, max: 2000 }), fc.integer({ min: 0, max: 800 }))
    .map(([from, span]) => ({ from: from || 1, to: from + span || 1 }))
  const options = fc.record(
    {
      prefix: fc.boolean(),
      fuzzy: fc.oneof(fc.boolean(), fc.constantFrom(0.2, 0.3, 1, 2)),
      // Small thresholds bite on small indexes: a word in more documents gets no typo matches.
      fuzzyMaxDocuments: fc.constantFrom(0, 1, 2, 5, 100, Infinity),
      combineWith: fc.constantFrom('AND' as const, 'OR' as const),
      understand: fc.boolean(),
      applySuggested: fc.boolean(),
      limit: fc.integer({ min: 0, max: 15 }),
      offset: fc.integer({ min: 0, max: 5 }),
      sort: fc.constantFrom('relevance' as const, 'date' as const, '-date' as const, 'distance' as const),
      near: point,
      filters: fc.record(
        {
          place: fc.subarray(facetValues('place'), { maxLength: 2 }),
          combatant: fc.subarray(facetValues('combatant'), { maxLength: 2 }),
          country: fc.subarray(facetValues('country'), { maxLength: Math.min(2, facetValues('country').length) }),
          date: dateRange,
          coordinates: fc.oneof(
            fc.record({ near: point, radius: fc.integer({ min: 0, max: 4000 }) }),
            fc
              .tuple(point, fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 180 }))
              .map(([{ lat, lon }, height, width]) => ({
                box: {
                  south: Math.max(-90, lat - height),
                  north: Math.min(90, lat + height),
                  west: lon,
                  east: lon + width > 180 ? lon + width - 360 : lon + width,
                },
              })),
          ),
        },
        { requiredKeys: [] },
      ),
      facets: fc.constantFrom<NonNullable<SearchOptions['facets']>>(
        ['place', 'date'],
        { combatant: { limit: 5 }, date: { interval: 'decade' } },
        { place: { level: 0 }, kind: true },
        { country: true, continent: true, coordinates: { cell: 5 } },
        [],
      ),
    },
    { requiredKeys: [] },
  )
  // Sorting by distance needs a point to measure from.
  return options.map((given) =>
    given.sort === 'distance' && given.near === undefined ? { ...given, near: { lat: 48.7, lon: 44.5 } } : given,
  )
}

/** The result with scores to 9 significant digits, for a deep comparison. */
function comparable(result: SearchResult) {
  return { ...result, hits: result.hits.map((hit) => ({ ...hit, score: Number(hit.score.toPrecision(9)) })) }
}

function equivalence(articles: readonly Article[], runs: number, chunkOptions: ChunkIndexOptions) {
  return async () => {
    const index = buildIndex(articles, { body: 'full' })
    const chunked = await chunkInMemory(index, chunkOptions).load()
    await fc.assert(
      fc.asyncProperty(queryArbitrary(index), optionsArbitrary(index), async (query, options) => {
        const expected = index.search(query, options)
        const actual = await chunked.search(query, options)
        expect(comparable(actual)).toEqual(comparable(expected))
        actual.hits.forEach((hit, at) => {
          expect(Math.abs(hit.score - (expected.hits[at]?.score ?? 0))).toBeLessThanOrEqual(1e-9 * Math.abs(hit.score))
        })
        expect(await chunked.suggest(query)).toEqual(index.suggest(query))
      }),
      fcParameters(runs),
    )
  }
}

describe('a chunked index answers as the single-file index', () => {
  // Names travel with their values' documents (in postings chunks, or the manifest for "the atlantic"):
  // ranking by them, or filtering with applySuggested, gives what the facet files would.
  test.each(['roman republic carthage', 'the atlantic', 'syria sdf 2021', 'france battles', 'battles in pennsylvania'])(
    'queries naming facet values: %s',
    async (query) => {
      const index = buildIndex(fixtures(), { body: 'full' })
      const chunked = await chunkInMemory(index, { chunkSize: 1500, dictionaryChunkSize: 300, blockSize: 3 }).load()
      for (const applySuggested of [false, true]) {
        const expected = index.search(query, { applySuggested, facets: ['kind'] })
        expect(expected.suggestedFilters).not.toEqual([])
        expect(comparable(await chunked.search(query, { applySuggested, facets: ['kind'] }))).toEqual(
          comparable(expected),
        )
        expect(comparable(await chunked.search(query, { applySuggested }))).toEqual(
          comparable(index.search(query, { applySuggested })),
        )
      }
    },
  )

  // A facet's values of one document are fetched only when a search needs them: counts that reach count 1
  // (narrow queries, long lists), filters and selected values naming one, its labels, its names in the query.
  test.each([
    ['qamishli', { facets: ['place', 'combatant'] }],
    ['battle', { facets: { place: { limit: 1 }, combatant: { limit: 2 } } }],
    ['battle', { facets: { place: { limit: 30 } } }],
    ['', { facets: ['place'], filters: { place: ['Syria'] } }],
    ['', { facets: ['place', 'combatant'], filters: { combatant: ['Roman Republic'] } }],
    ['', { facets: ['place'], filters: { place: ['syria', 'Gettysburg, Pennsylvania'] } }],
    ['hannibal cannae', { facets: ['place', 'combatant'] }],
    ['hannibal cannae', { facets: ['place', 'combatant'], applySuggested: true }],
    ['syria sdf 2021', { facets: { place: { limit: 1 }, combatant: { limit: 1 } } }],
  ] satisfies [string, SearchOptions][])(
    'values of one document, fetched when needed: %s %j',
    async (query, options) => {
      const index = buildIndex(fixtures(), { body: 'full' })
      const chunked = await chunkInMemory(index, { chunkSize: 1500, dictionaryChunkSize: 300, blockSize: 3 }).load()
      expect(comparable(await chunked.search(query, options))).toEqual(comparable(index.search(query, options)))
    },
  )

  test(
    'fixtures, tiny chunks (every lookup crosses chunk boundaries)',
    equivalence(fixtures(), 300, { chunkSize: 1500, dictionaryChunkSize: 300, blockSize: 3 }),
  )
  test('fixtures, default chunks', equivalence(fixtures(), 100, {}))
  test(
    'generated articles',
    equivalence(
      Object.entries(generatedArticles(120)).map(([file, text]) => parseArticle(text, { id: file })),
      100,
      { chunkSize: 8000 },
    ),
  )
  test.skipIf(!hasCorpus)(
    'the shared corpus with the fixtures',
    equivalence(
      [...fixtures(), ...corpusFiles().map((file) => parseArticle(readFileSync(corpusDir + file, 'utf8'), { file }))],
      100,
      { chunkSize: 16_000 },
    ),
  )
})
