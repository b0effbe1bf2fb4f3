import fc from 'fast-check'
import MiniSearch from 'minisearch'
import SearchableMap from 'minisearch/SearchableMap'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../src/build.js'
import { normalizeTerm, tokenize } from '../src/core/fold.js'
import { miniSearchOptions, type IndexedDocument } from '../src/core/miniSearchConfig.js'
import { expandTerm, maxExpansions } from '../src/search/engine/expandTerm.js'
import { boundedDistance, termsWithin } from '../src/search/engine/levenshtein.js'
import { createLoadedTermIndex } from '../src/search/engine/loadedTermIndex.js'
import { queryTerms } from '../src/search/engine/queryTerms.js'
import { rankedMatches, scoreQuery } from '../src/search/engine/scoreQuery.js'
import { scoringOptions } from '../src/search/searchIndex.js'
import { namesAtMost } from '../src/search/engine/termIndex.js'
import type { MatchingOptions } from '../src/search/searchOptions.js'
import { article, fixtureSlugs, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

/** Levenshtein distance, the whole table: the oracle of the banded one. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[]
      const above = rows[i - 1] as number[]
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
  }
  return (rows[a.length] as number[])[b.length] as number
}

describe('boundedDistance', () => {
  test.each([
    ['gettysburg', 'gettysbrug', 2, 2],
    ['gettysburg', 'gettysburg', 0, 0],
    ['waterloo', 'wagram', 2, 3],
    ['', 'abc', 3, 3],
    ['abc', '', 1, 2],
    ['hannibal', 'hanibal', 1, 1],
  ])('%s ↔ %s within %i: %i', (a, b, limit, expected) => {
    expect(boundedDistance(a, b, limit)).toBe(expected)
  })

  test('equals the full table wherever it is within the limit, and says "more" elsewhere', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 9 })
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        const exact = distance(a, b)
        expect(boundedDistance(a, b, limit)).toBe(exact <= limit ? exact : limit + 1)
      }),
      fcParameters(500),
    )
  })

  test('termsWithin finds what boundedDistance finds, candidate by candidate, in any order of candidates', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 8 })
    const sortedRun = (words: string[]) =>
      [...words].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    fc.assert(
      fc.property(
        word,
        fc.array(word, { maxLength: 40 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (term, words, limit, sorted) => {
          const candidates = sorted ? sortedRun(words) : words
          const expected = candidates
            .map((match) => ({ match, distance: boundedDistance(term, match, limit) }))
            .filter(({ distance }) => distance <= limit)
          expect(termsWithin(term, candidates, limit)).toEqual(expected)
        },
      ),
      fcParameters(500),
    )
  })
})

describe('the engine against MiniSearch', () => {
  const index = buildIndex(
    fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
    { body: 'full' },
  )
  const { head, entries } = index.data.terms
  const payload = { ...head, index: [...entries()], serializationVersion: 2 }
  const miniSearch = MiniSearch.loadJS<IndexedDocument>(payload, miniSearchOptions(index.options))
  const terms = createLoadedTermIndex(head, payload.index)
  const vocabulary = payload.index.map(([term]) => term)

  const ours = (query: string, options: MatchingOptions) =>
    new Map(
      rankedMatches(scoreQuery(terms, queryTerms(query, options), scoringOptions(index.options, options))).map(
        (match) => [match.doc, match.score],
      ),
    )
  // An option given as `undefined` would erase MiniSearch's default: left out instead.
  const theirs = (query: string, options: MatchingOptions) => {
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
    const results = miniSearch.search(query, { ...given, boost: { ...index.options.boost, ...options.boost } })
    return new Map(results.map((result) => [result.id as number, result.score]))
  }

  test('without typos the scores are MiniSearch’s, exact and prefix, OR and AND (the order may differ: all terms first)', () => {
    const word = fc.constantFrom(...vocabulary)
    const query = fc.array(
      fc.oneof(
        word,
        word.map((term) => term.slice(0, Math.max(1, term.length - 2))),
      ),
      { minLength: 1, maxLength: 4 },
    )
    const options = fc.record({
      prefix: fc.option(fc.boolean(), { nil: undefined }),
      combineWith: fc.constantFrom('AND' as const, 'OR' as const),
    })
    fc.assert(
      fc.property(query, options, (words, given) => {
        // Where the engine departs from MiniSearch on purpose: past `maxExpansions` prefix matches,
        // numbers and one- or two-letter terms (never prefixes), repeated terms (counted once).
        if (words.some((word) => terms.termsWithPrefix(word, maxExpansions + 2).length > maxExpansions)) return
        const parsed = tokenize(words.join(' '))
          .map(normalizeTerm)
          .filter((term) => term !== null)
        if (parsed.some((term) => /^\d+$/.test(term) || term.length < 3) || new Set(parsed).size < parsed.length) return
        const matching: MatchingOptions = { ...given, fuzzy: false }
        // A repeated term counts once, where it last occurs (MiniSearch would add it again).
        const expected = theirs(words.filter((word, at) => words.lastIndexOf(word) === at).join(' '), matching)
        const actual = ours(words.join(' '), matching)
        expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
        for (const [doc, score] of actual) expect(score).toBeCloseTo(expected.get(doc) as number, 12)
      }),
      fcParameters(300),
    )
  })

  test('a fuzzy term matches what MiniSearch’s own map finds within the same edits, keeping the first letter', () => {
    const map = SearchableMap.from(vocabulary.map((term) => [term, true] as const))
    const word = fc.constantFrom(...vocabulary.filter((term) => term.length >= 3))
    const typo = fc.tuple(word, fc.nat(), fc.constantFrom('x', 'e', '')).map(([term, at, letter]) => {
      const position = 1 + (at % Math.max(1, term.length - 1))
      return term.slice(0, position) + letter + term.slice(position + 1)
    })
    fc.assert(
      fc.property(typo, fc.integer({ min: 1, max: 2 }), (term, edits) => {
        const expected = [...map.fuzzyGet(term, edits).keys()].filter((match) => match[0] === term[0] && match !== term)
        if (expected.length > maxExpansions) return
        const found = expandTerm(terms, { term, prefix: false, maxDistance: edits, fuzzyMaxDocuments: Infinity })
          .slice(1)
          .map((expansion) => expansion.term)
        expect(found.sort()).toEqual(expected.sort())
      }),
      fcParameters(300),
    )
  })
})

describe('queryTerms: the terms of a query as the index reads them (the static index and PostgreSQL alike)', () => {
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

describe('namesAtMost', () => {
  const postings = (...fields: number[][]) =>
    fields.map((docs, field) => ({ field, docs, counts: docs.map(() => 1), lengths: docs.map(() => 1) }))

  test.each([
    ['no postings', undefined, 0, true],
    ['one field within', postings([1, 2, 3]), 3, true],
    ['one field past', postings([1, 2, 3]), 2, false],
    ['fields sharing documents, counted once', postings([1, 2, 3], [2, 3, 4]), 4, true],
    ['fields sharing documents, past', postings([1, 2, 3], [2, 3, 4]), 3, false],
    ['a field alone past', postings([1], [1, 2, 3, 4, 5]), 4, false],
    ['all fields within together', postings([1], [2]), 2, true],
  ])('%s', (_, given, count, expected) => {
    expect(namesAtMost(given, count)).toBe(expected)
  })

  test('is whether the union of the fields has at most that many documents', () => {
    const field = fc.uniqueArray(fc.nat(40), { maxLength: 30 }).map((docs) => docs.sort((a, b) => a - b))
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 4 }), fc.nat(60), (fields, count) => {
        const union = new Set(fields.flat()).size
        expect(namesAtMost(postings(...fields), count)).toBe(union <= count)
      }),
      fcParameters(300),
    )
  })
})
