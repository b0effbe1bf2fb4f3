import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import { dateKey } from '../../src/core/dateKey.js'
import { fold } from '../../src/core/fold.js'
import type { DateTable } from '../../src/core/indexData.js'
import { createLoadedTermIndex } from '../../src/search/engine/loadedTermIndex.js'
import { maxQueryTerms, queryTerms } from '../../src/search/engine/queryTerms.js'
import { maxExpansions } from '../../src/search/engine/expandTerm.js'
import { maxQueryExpansions, rankedMatches, scoreQuery } from '../../src/search/engine/scoreQuery.js'
import type { TermIndex } from '../../src/search/engine/termIndex.js'
import { createDateFacet } from '../../src/search/facets/dateFacet.js'
import type { DateBucketSize, MatchingOptions } from '../../src/search/searchOptions.js'
import { scoringOptions } from '../../src/search/searchIndex.js'
import { OptionsError, type SearchOptions } from '../../src/index.js'
import { makeSnippet, snippetScanFor, snippetScanLimit, type Snippet } from '../../src/search/snippet.js'
import { article, fixtureSlugs, readFixture } from '../helpers.js'
import { fcParameters } from './helpers.js'

// The work of a query is bounded by construction, whatever its text and
// options: counted here in term-index reads, never in time (bench/worstQueries.mjs
// measures the time of the worst cases).

const index = buildIndex(
  fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
  { body: 'full' },
)

/** The index's term index, counting the postings it is asked for. */
function countingTermIndex(of = index): { terms: TermIndex; reads: () => number } {
  const { head, entries } = of.data.terms
  const inner = createLoadedTermIndex(head, [...entries()])
  let reads = 0
  const terms: TermIndex = {
    documentCount: inner.documentCount,
    averageFieldLength: inner.averageFieldLength,
    postings: (term) => (reads++, inner.postings(term)),
    heldByAtMost: (term, count) => inner.heldByAtMost(term, count),
    termsWithPrefix: (prefix, limit) => inner.termsWithPrefix(prefix, limit),
    termsOfLength: (first, min, max) => inner.termsOfLength(first, min, max),
  }
  return { terms, reads: () => reads }
}

describe('query terms', () => {
  test('a repeated term is read once, where it first occurs', () => {
    // One letter is never a prefix (the relevance defaults), however often it is typed.
    expect(queryTerms('b '.repeat(250), {})).toEqual([
      { term: 'b', prefix: false, maxDistance: 0, fuzzyMaxDocuments: 100 },
    ])
    expect(queryTerms('hannibal cannae hannibal', { fuzzy: false }).map(({ term, prefix }) => [term, prefix])).toEqual([
      ['hannibal', false],
      ['cannae', true],
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
    const repeated = rankedMatches(
      scoreQuery(terms, queryTerms('b '.repeat(250), { prefix: true }), scoringOptions(index.options, {})),
    )
    expect(reads()).toBeLessThanOrEqual(101)
    const once = rankedMatches(scoreQuery(terms, queryTerms('b', { prefix: true }), scoringOptions(index.options, {})))
    expect(repeated).toEqual(once)
  })
})

/** `makeSnippet` as it was before it was made linear: every term searched with indexOf, every window counted again. */
function quadraticSnippet(text: string, terms: ReadonlySet<string>, length: number): Snippet {
  const source = text.length > snippetScanLimit ? text.slice(0, snippetScanLimit) : text
  const folded = (source.toLowerCase().length === source.length ? source.toLowerCase() : source).replace(
    /[^\0-\x7f]|[A-Z]/g,
    (c) => (fold(c).length === 1 ? fold(c) : c),
  )
  // The characters on either side, read as whole code points (a letter outside the BMP is a pair).
  const isWord = (character: string | undefined) => character !== undefined && /[\p{L}\p{N}\p{M}]/u.test(character)
  const before = (at: number) => [...folded.slice(Math.max(0, at - 2), at)].at(-1)
  const after = (at: number) => [...folded.slice(at, at + 2)][0]
  const found: { start: number; end: number; term: string }[] = []
  for (const term of terms) {
    if (term === '') continue
    let count = 0
    for (let at = folded.indexOf(term); at >= 0 && count < 20; at = folded.indexOf(term, at + 1)) {
      if (!isWord(before(at)) && !isWord(after(at + term.length))) {
        found.push({ start: at, end: at + term.length, term })
        count++
      }
    }
  }
  let last = 0
  const matches = found
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .filter((m) => m.start >= last && (last = m.end) > 0)
  let anchor = matches[0]?.start ?? 0
  let most = 0
  for (const { start } of matches) {
    const distinct = new Set(matches.filter((m) => m.start >= start && m.end <= start + length).map((m) => m.term)).size
    if (distinct > most) {
      anchor = start
      most = distinct
    }
  }
  let start = Math.max(0, anchor - Math.floor(length / 4))
  if (start > 0) start = source.indexOf(' ', start) + 1 || start
  if (start > anchor) start = anchor
  let end = Math.min(source.length, start + length)
  if (end < source.length) end = source.lastIndexOf(' ', end) > start ? source.lastIndexOf(' ', end) : end
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const window = source.slice(start, end).trim()
  start = source.indexOf(window, start)
  const ranges = matches
    .filter((m) => m.start >= start && m.end <= start + window.length)
    .map((m) => [m.start - start + prefix.length, m.end - start + prefix.length] as const)
  return { text: prefix + window + suffix, ranges }
}

describe('expansions', () => {
  test(`a query reads at most ${maxQueryExpansions} index terms, its terms sharing them`, () => {
    // Three-letter prefixes (shorter terms are never prefixes), each the start of 300 words of the index.
    const prefixes = ['bat', 'can', 'mar', 'pal', 'sta', 'con', 'res', 'pro', 'ger', 'ame', 'fre', 'com']
    const suffixes = Array.from({ length: 300 }, (_, i) =>
      i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] ?? d),
    )
    const wordy = buildIndex([
      parseArticle(article({ body: prefixes.flatMap((prefix) => suffixes.map((end) => prefix + end)).join(' ') }), {
        id: 'wordy',
      }),
    ])
    const reading = (query: string) => {
      const { terms, reads } = countingTermIndex(wordy)
      const found = scoreQuery(terms, queryTerms(query, { prefix: true, fuzzy: 2 }), scoringOptions(index.options, {}))
      return { found: found.docs.length, reads: reads() }
    }
    const all = reading(prefixes.join(' '))
    expect(all.found).toBeGreaterThan(0)
    expect(all.reads).toBeLessThanOrEqual(maxQueryExpansions)
    expect(all.reads).toBeLessThan(prefixes.reduce((sum, prefix) => sum + reading(prefix).reads, 0))
    // A short query is not cut: each term expands to all it may.
    expect(reading('bat can').reads).toBe(reading('bat').reads + reading('can').reads)
    expect(reading('bat').reads).toBeGreaterThanOrEqual(maxExpansions)
  })
})

describe('hostile queries with any options', () => {
  const vocabulary = [...index.data.terms.entries()].map(([term]) => term)
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('')
  /** Queries of at most 500 characters made to cost: one-letter terms, repeats, frequent terms and their prefixes, typos. */
  const hostileQuery = fc
    .array(
      fc.oneof(
        fc.constantFrom(...letters),
        fc.constantFrom(...vocabulary),
        fc.constantFrom(...vocabulary).map((term) => term.slice(0, 2)),
        fc.constantFrom(...vocabulary).map((term) => `${term.slice(0, -1)}x`),
        fc.string({ unit: 'binary', maxLength: 6 }),
      ),
      { maxLength: 250 },
    )
    .chain((words) => fc.constantFrom(words.join(' '), words.join(' ').repeat(3), `${words.join(' ')} `.repeat(50)))
    .map((query) => query.slice(0, 500))
  const knownFacet = fc.constantFrom('place', 'combatant', 'kind', 'date')
  const heavyOptions = fc.record(
    {
      prefix: fc.boolean(),
      fuzzy: fc.oneof(fc.boolean(), fc.constantFrom(0.2, 0.99, 1, 1.5, 2)),
      // Infinity: typo matches of every word, however common (the most work).
      fuzzyMaxDocuments: fc.constantFrom(0, 100, Infinity),
      combineWith: fc.constantFrom('AND' as const, 'OR' as const),
      limit: fc.constantFrom(0, 1, 20, 1000, Number.MAX_SAFE_INTEGER),
      offset: fc.constantFrom(0, 5, 1e15),
      snippetLength: fc.constantFrom(0, 160, 5000, 1e9),
      sort: fc.constantFrom('relevance' as const, 'date' as const, '-date' as const),
      facets: fc.dictionary(
        knownFacet,
        fc.record(
          { limit: fc.constantFrom(0, 10, 1e9), interval: fc.constantFrom('year' as const, 'century' as const) },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  )
  /** The same, or a value no option takes. */
  const anyOptions = fc.oneof(
    heavyOptions,
    heavyOptions.chain((options) =>
      fc
        .tuple(
          fc.constantFrom('fuzzy', 'fuzzyMaxDocuments', 'prefix', 'limit', 'snippetLength', 'combineWith'),
          fc.constantFrom(3, 6, -1, 'x', null),
        )
        .map(([name, value]) => ({ ...options, [name]: value })),
    ),
  )

  test('give a result or a typed OptionsError; the engine reads at most its budget of index terms', () => {
    fc.assert(
      fc.property(hostileQuery, anyOptions, (query, options) => {
        let result
        try {
          result = index.search(query, options as SearchOptions)
        } catch (error) {
          expect(error).toBeInstanceOf(OptionsError)
          return
        }
        expect(result.hits.length).toBeLessThanOrEqual(Math.min(result.total, options.limit ?? 20))
        for (const hit of result.hits) {
          expect(hit.terms.length).toBeLessThanOrEqual(maxQueryExpansions)
          expect(hit.snippet.text.length).toBeLessThanOrEqual(snippetScanLimit + 2)
        }
        const { terms, reads } = countingTermIndex()
        scoreQuery(terms, queryTerms(query, options as MatchingOptions), scoringOptions(index.options, {}))
        expect(reads()).toBeLessThanOrEqual(maxQueryExpansions)
        expect(Array.isArray(index.suggest(query, { limit: 5 }))).toBe(true)
      }),
      fcParameters(150),
    )
  })
})

describe('snippets', () => {
  test('are those of the quadratic search they replace, on prose and on hostile text', () => {
    // '𝒜' is a letter outside the BMP (two UTF-16 units), '\uD835' half of one.
    const word = fc.constantFrom(
      'battle',
      'river',
      'king',
      'a\u200Db',
      'Höchstädt',
      'hochstadt',
      'of',
      'x',
      '\0',
      '𝒜',
      '\uD835',
      'KING',
      '1066',
      'cafe\u0301',
      'İstanbul',
      '²',
    )
    const separator = fc.constantFrom(' ', '  ', '\n\n', ', ', '\u00A0', '-', '')
    const text = fc.array(fc.tuple(word, separator), { maxLength: 300 }).map((parts) => parts.flat().join(''))
    // Up to 16 terms: a few are searched one by one, more by looking each word up (both ways are checked).
    const terms = fc.uniqueArray(
      fc.constantFrom(
        'battle',
        'river',
        'king',
        'a\u200Db',
        'hochstadt',
        'x',
        '\0',
        'b',
        'of',
        '𝒜',
        'bat',
        'rive',
        '1066',
        'cafe',
        'istanbul',
        '²',
      ),
      { maxLength: 16 },
    )
    fc.assert(
      fc.property(text, terms, fc.integer({ min: 0, max: 400 }), (value, list, length) => {
        expect(makeSnippet(value, new Set(list), length)).toEqual(quadraticSnippet(value, new Set(list), length))
      }),
      fcParameters(500),
    )
  })

  test('a page of many hits scans fewer characters of each (snippetScanBudget), a short page all it may', () => {
    expect(snippetScanFor(10)).toBe(snippetScanLimit)
    expect(snippetScanFor(1000)).toBe(1000)
    expect(snippetScanFor(100_000)).toBe(200)
    const far = `${'filler '.repeat(2800)}target`
    expect(makeSnippet(far, new Set(['target']), 160, 1000).ranges).toEqual([])
    expect(makeSnippet(far, new Set(['target']), 160).ranges).toHaveLength(1)
    const many = buildIndex(
      Array.from({ length: 120 }, (_, i) =>
        parseArticle(article({ title: `Battle ${i}`, body: far }), { id: `b${i}` }),
      ),
    )
    const ranges = (limit: number) => many.search('target', { limit }).hits.map((hit) => hit.snippet.ranges.length)
    expect(ranges(10)).toEqual(Array.from({ length: 10 }, () => 1))
    expect(ranges(120)).toEqual(Array.from({ length: 120 }, () => 0))
  })
})

/** The date histogram as it was counted before: every bucket of every interval, one by one. */
function bucketByBucket(table: DateTable, size: DateBucketSize, present: number): { value: string; count: number }[] {
  const [width, first] = ({ year: [1, 1], decade: [10, 0], century: [100, 1] } as const)[size]
  const bucketOf = (y: number) => (y > 0 ? Math.floor((y - first) / width) : -Math.floor((-y - first) / width) - 1)
  const yearOf = (key: number) => Math.floor(key / 10000)
  const counts = new Map<number, number>()
  table.start.forEach((start, doc) => {
    if (start === null) return
    const end = table.end[doc]
    const last = bucketOf(end === null || end === undefined ? Math.max(present, yearOf(start)) : yearOf(end))
    for (let bucket = bucketOf(yearOf(start)); bucket <= last; bucket++)
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
  })
  return [...counts].sort(([a], [b]) => a - b).map(([bucket, count]) => ({ value: String(bucket), count }))
}

describe('date histogram', () => {
  test('counts what counting bucket by bucket counted, BC, ongoing and reversed intervals included', () => {
    const year = fc.integer({ min: -10_000, max: 10_000 }).filter((y) => y !== 0)
    const interval = fc.option(fc.tuple(year, fc.option(year, { nil: null })), { nil: null })
    const present = new Date().getUTCFullYear()
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 30 }),
        fc.constantFrom<DateBucketSize>('year', 'decade', 'century'),
        (intervals, size) => {
          const table: DateTable = {
            start: intervals.map((span) => (span === null ? null : dateKey({ year: span[0] }, 'start'))),
            end: intervals.map((span) =>
              span === null || span[1] === null ? null : dateKey({ year: span[1] }, 'end'),
            ),
          }
          const set = new Uint8Array(intervals.length).fill(1)
          const counted = createDateFacet(table).count(set, { interval: size }, undefined)
          expect(counted.map(({ count }) => count)).toEqual(
            bucketByBucket(table, size, present).map(({ count }) => count),
          )
        },
      ),
      fcParameters(100),
    )
  })
})
