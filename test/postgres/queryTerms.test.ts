import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { editDistance, queryTerms, tsqueryLexeme } from '../../src/postgres/queryTerms.js'
import { rankWeights } from '../../src/postgres/createPostgresSearch.js'
import { describeBucket } from '../../src/postgres/dateBuckets.js'
import { buildIndex, parseArticle } from '../../src/build.js'
import { article } from '../helpers.js'

// The pieces of a PostgreSQL search that need no server: query terms read as
// the static index reads them, edit distances, ts_rank weights, bucket labels.

/** Levenshtein distance, plainly (the oracle). */
function levenshtein(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[]
      const above = rows[i - 1] as number[]
      row[j] = Math.min(
        (above[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
  }
  return rows[a.length]?.[b.length] ?? 0
}

describe('queryTerms', () => {
  test.each([
    [
      'Battle of Hastings',
      {},
      [
        ['battle', false, 1],
        ['hastings', true, 2],
      ],
    ],
    ['the of', {}, []],
    [
      'Höchstädt  AUSTERLIZ',
      {},
      [
        ['hochstadt', false, 2],
        ['austerliz', true, 2],
      ],
    ],
    ['gett', {}, [['gett', true, 0]]],
    [
      'siege warfare',
      { prefix: false, fuzzy: false },
      [
        ['siege', false, 0],
        ['warfare', false, 0],
      ],
    ],
    [
      'siege warfare',
      { prefix: true, fuzzy: 1 },
      [
        ['siege', true, 1],
        ['warfare', true, 1],
      ],
    ],
    ['stalingard', { fuzzy: 0.5 }, [['stalingard', true, 2]]],
  ] as const)('%j with %j', (text, options, expected) => {
    expect(queryTerms(text, options).map((t) => [t.term, t.prefix, t.maxDistance])).toEqual(expected)
  })

  test('the terms are the ones the static index matches (its tokenizer and normalizeTerm)', () => {
    const index = buildIndex([
      parseArticle(article({ title: 'Battle of Świecino', body: "L'armée d'Œstrich" }), { id: 'a' }),
    ])
    for (const query of ['swiecino', 'ŚWIECINO', 'armee', 'oestrich']) {
      const terms = queryTerms(query, { fuzzy: false, prefix: false }).map((t) => t.term)
      expect(index.search(query, { fuzzy: false, prefix: false }).hits[0]?.terms).toEqual(terms)
    }
  })
})

describe('editDistance', () => {
  test('is Levenshtein distance, capped at max + 1', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 8 }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, max) => {
          expect(editDistance(a, b, max)).toBe(Math.min(levenshtein(a, b), max + 1))
        },
      ),
    )
  })
})

test('tsquery lexemes are quoted', () => {
  expect(tsqueryLexeme("o'brien")).toBe("'o''brien'")
  expect(tsqueryLexeme('gett', true)).toBe("'gett':*")
})

test('ts_rank weights {D, C, B, A} are the boosts over the largest', () => {
  expect(rankWeights({ title: 5, shortDescription: 2, description: 1.5, infobox: 1.5, body: 1 })).toEqual([
    0.2, 0.3, 0.4, 1,
  ])
  expect(rankWeights({ title: 0, shortDescription: 0, description: 0, infobox: 0, body: 0 })).toEqual([0, 0, 0, 0])
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
