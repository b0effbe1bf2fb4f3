import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import { createLoadedTermIndex } from '../../src/search/engine/loadedTermIndex.js'
import { maxQueryTerms, queryTerms } from '../../src/search/engine/queryTerms.js'
import { scoreQuery } from '../../src/search/engine/scoreQuery.js'
import type { TermIndex } from '../../src/search/engine/termIndex.js'
import { scoringOptions } from '../../src/search/searchIndex.js'
import { fixtureSlugs, readFixture } from '../helpers.js'

// The work of a query is bounded by construction, whatever its text and
// options: counted here in term-index reads, never in time (bench/worstQueries.mjs
// measures the time of the worst cases).

const index = buildIndex(
  fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
  { body: 'full' },
)

/** The index's term index, counting the postings it is asked for. */
function countingTermIndex(): { terms: TermIndex; reads: () => number } {
  const { head, entries } = index.data.terms
  const inner = createLoadedTermIndex(head, [...entries()])
  let reads = 0
  const terms: TermIndex = {
    documentCount: inner.documentCount,
    averageFieldLength: inner.averageFieldLength,
    postings: (term) => (reads++, inner.postings(term)),
    termsWithPrefix: (prefix, limit) => inner.termsWithPrefix(prefix, limit),
    termsOfLength: (first, min, max) => inner.termsOfLength(first, min, max),
  }
  return { terms, reads: () => reads }
}

describe('query terms', () => {
  test('a repeated term is read once, where it last occurs', () => {
    expect(queryTerms('b '.repeat(250), {})).toEqual([{ term: 'b', prefix: true, maxDistance: 0 }])
    expect(queryTerms('hannibal cannae hannibal', { fuzzy: false }).map(({ term, prefix }) => [term, prefix])).toEqual([
      ['cannae', false],
      ['hannibal', true],
    ])
  })

  test(`only the first ${maxQueryTerms} distinct terms are read`, () => {
    const words = Array.from({ length: maxQueryTerms + 8 }, (_, i) => `w${i}`)
    expect(queryTerms(words.join(' '), {}).map(({ term }) => term)).toEqual(words.slice(0, maxQueryTerms))
    const unread = `${words.slice(0, maxQueryTerms).join(' ')} hannibal`
    expect(index.search(unread, { fuzzy: false, prefix: false }).total).toBe(0)
    expect(index.search('hannibal', { fuzzy: false, prefix: false }).total).toBeGreaterThan(0)
  })

  test('a query of one term repeated 250 times reads the postings of one term and its expansions', () => {
    const { terms, reads } = countingTermIndex()
    const repeated = scoreQuery(
      terms,
      queryTerms('b '.repeat(250), { prefix: true }),
      scoringOptions(index.options, {}),
    )
    expect(reads()).toBeLessThanOrEqual(101)
    const once = scoreQuery(terms, queryTerms('b', { prefix: true }), scoringOptions(index.options, {}))
    expect(repeated).toEqual(once)
  })
})
