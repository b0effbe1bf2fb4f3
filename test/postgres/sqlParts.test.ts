import { describe, expect, expectTypeOf, test } from 'vitest'
import type { DateBucket, FacetCount } from '../../src/index.js'
import { rankWeights, type PostgresSearch } from '../../src/postgres/createPostgresSearch.js'
import { describeBucket } from '../../src/postgres/dateBuckets.js'
import { planSuggestions } from '../../src/postgres/searchPlan.js'
import { readNameRows } from '../../src/search/query/nameRows.js'
import type { SuggestedFilter } from '../../src/search/query/understandQuery.js'
import { resolveSearchOptions, type SearchOptions } from '../../src/search/searchOptions.js'
import { tsqueryLexeme } from '../../src/postgres/tsqueryLexeme.js'

// The pieces of a PostgreSQL search that need no server: tsquery lexemes,
// ts_rank weights, bucket labels, the result's types, what a query's suggestions become. Its query terms are the static index's own
// (src/search/engine/queryTerms.ts, tested in test/engine.test.ts).

test('tsquery lexemes are quoted', () => {
  expect(tsqueryLexeme("o'brien")).toBe("'o''brien'")
  expect(tsqueryLexeme('gett', true)).toBe("'gett':*")
})

test('ts_rank weights {D, C, B, A} are the boosts over the largest', () => {
  expect(rankWeights({ title: 5, shortDescription: 2, description: 1.5, infobox: 1.5, body: 1, custom: 1.5 })).toEqual([
    0.2, 0.3, 0.4, 1,
  ])
  // The custom field shares C with the infobox, at the larger of their boosts.
  expect(rankWeights({ title: 0, shortDescription: 0, description: 0, infobox: 0, body: 0, custom: 1.5 })).toEqual([
    0, 1, 0, 0,
  ])
  expect(rankWeights({ title: 0, shortDescription: 0, description: 0, infobox: 0, body: 0, custom: 0 })).toEqual([
    0, 0, 0, 0,
  ])
})

test.each([
  [-5, 'century', { value: '5th century BC', from: -500, to: -401 }],
  [-1, 'decade', { value: '0s BC', from: -9, to: -1 }],
  [0, 'decade', { value: '0s', from: 1, to: 9 }],
  [186, 'decade', { value: '1860s', from: 1860, to: 1869 }],
  [1862, 'year', { value: '1863', from: 1863, to: 1863 }],
  [-490, 'year', { value: '490 BC', from: -490, to: -490 }],
] as const)('bucket %i by %s is %j', (bucket, size, expected) => {
  expect(describeBucket(bucket, size, 1)).toEqual({ ...expected, count: 1 })
})

test('facets written in the call are typed by name, as SearchIndex.search types them', () => {
  // Type checks only (tsc runs over the tests): no search is made.
  const searchTypes = async (search: PostgresSearch) => {
    const { facets } = await search.search('', { facets: ['place', 'date'] })
    expectTypeOf(facets.place).toEqualTypeOf<readonly FacetCount[]>()
    expectTypeOf(facets.date).toEqualTypeOf<readonly DateBucket[]>()
    expectTypeOf(facets).not.toHaveProperty('combatant')
  }
  expectTypeOf(searchTypes).toBeFunction()
})

describe('planSuggestions: what a query names, for SQL', () => {
  const kinds = new Map([
    ['date', 'dates'],
    ['place', 'values'],
    ['combatant', 'values'],
  ] as const)
  const names = readNameRows([
    ['sdf', 'combatant', ['Syrian Democratic Forces'], 'SDF', true],
    ['france', 'combatant', ['France', 'Kingdom of France'], 'France', true],
    ['syria', 'place', ['Syria'], 'Syria', true],
  ])
  const suggested: SuggestedFilter[] = [
    {
      facet: 'combatant',
      value: 'Syrian Democratic Forces',
      values: ['Syrian Democratic Forces'],
      label: 'SDF',
      text: 'sdf',
      start: 0,
      end: 3,
    },
    { facet: 'date', from: 1801, to: 1900, label: '19th century', text: '19th century', start: 4, end: 16 },
  ]
  const plan = (options: SearchOptions) => planSuggestions(suggested, resolveSearchOptions(options, kinds), names)

  test('ranking signals, one per span, and the filters by the values their names stand for', () => {
    expect(plan({ filters: { combatant: ['france'], place: ['Syria'] } })).toEqual({
      filters: [
        { facet: 'combatant', values: ['France', 'Kingdom of France'] },
        { facet: 'place', values: ['Syria'] },
      ],
      required: [],
      signals: [
        [{ facet: 'combatant', values: ['Syrian Democratic Forces'] }],
        [{ facet: 'date', from: 18010101, to: 19001231 }],
      ],
    })
  })

  test('applySuggested: filters on the facets the caller leaves free, no signals', () => {
    expect(plan({ applySuggested: true, filters: { combatant: ['France'] } })).toEqual({
      filters: [
        { facet: 'combatant', values: ['France'] },
        { facet: 'date', from: 18010101, to: 19001231 },
      ],
      required: [],
      signals: [],
    })
  })

  test('applySuggested: a span naming values of several facets is one required condition', () => {
    const both: SuggestedFilter[] = [
      { facet: 'combatant', value: 'France', values: ['France'], label: 'France', text: 'france', start: 0, end: 6 },
      { facet: 'place', value: 'France', values: ['France'], label: 'France', text: 'france', start: 0, end: 6 },
    ]
    const resolved = resolveSearchOptions({ applySuggested: true }, kinds)
    expect(planSuggestions(both, resolved, names)).toEqual({
      filters: [],
      required: [
        [
          { facet: 'combatant', values: ['France'] },
          { facet: 'place', values: ['France'] },
        ],
      ],
      signals: [],
    })
    // A facet the caller filters drops its reading: what is left filters that facet alone.
    const filtered = resolveSearchOptions({ applySuggested: true, filters: { combatant: ['sdf'] } }, kinds)
    expect(planSuggestions(both, filtered, names)).toEqual({
      filters: [
        { facet: 'combatant', values: ['Syrian Democratic Forces'] },
        { facet: 'place', values: ['France'] },
      ],
      required: [],
      signals: [],
    })
  })
})
