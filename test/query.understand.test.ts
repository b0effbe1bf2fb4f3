import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, type Article } from '../src/build.js'
import type { SearchIndex, SearchOptions, SearchResult } from '../src/index.js'
import type { SuggestedFilter } from '../src/search/query/understandQuery.js'
import { chunkInMemory } from './chunked/helpers.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, hasSeed, readFixture, seedFile } from './helpers.js'
import { DATE_SPAN_CASES } from './query.recognizeDates.cases.js'
import {
  CORPUS_CASES,
  FIXTURE_CASES,
  ISSUE_EXAMPLES,
  QAMISHLI_CASES,
  SEED_CASES,
  SPELLINGS,
  type ExpectedSuggestion,
} from './query.understand.cases.js'
import { fcParameters } from './robustness/helpers.js'

// Query understanding: a query names times and facet values (`18th century battles bavaria`);
// search returns them as `suggestedFilters` and ranks the articles that have them first
// (soft signals: nothing is hidden, nothing added), or filters by them with `applySuggested`.

const fixtures = (): Article[] => fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const corpus = (): Article[] =>
  corpusFiles().map((file) => parseArticle(readFileSync(corpusDir + file, 'utf8'), { id: file.replace(/\.md$/, '') }))

const fixtureIndex = buildIndex(fixtures())
/** The corpus with the fixtures; `undefined` without `../shared/corpus`. */
const corpusIndex = hasCorpus ? buildIndex([...corpus(), ...fixtures()]) : undefined

const ids = (result: SearchResult): string[] => result.hits.map((hit) => hit.id)
/** Every hit: no page cut. */
const everything = (index: SearchIndex, options: SearchOptions = {}) => ({ ...options, limit: index.documentCount })

/** A suggestion as the tables write it. */
function asCase(suggestion: SuggestedFilter): ExpectedSuggestion {
  return 'from' in suggestion
    ? ['date', suggestion.text, suggestion.label, suggestion.from, suggestion.to]
    : [suggestion.facet, suggestion.text, suggestion.label, suggestion.values]
}

/** What holds of every suggestion: its text is the query's, it names its first value, in query order, spans apart. */
function expectWellFormed(query: string, suggestions: readonly SuggestedFilter[]): void {
  let previous: SuggestedFilter | undefined
  for (const suggestion of suggestions) {
    expect(query.slice(suggestion.start, suggestion.end)).toBe(suggestion.text)
    if (!('from' in suggestion)) expect(suggestion.value).toBe(suggestion.values[0])
    else expect(suggestion.from).toBeLessThanOrEqual(suggestion.to)
    if (previous !== undefined && previous.start !== suggestion.start) {
      expect(suggestion.start).toBeGreaterThanOrEqual(previous.end)
    }
    previous = suggestion
  }
}

function expectSuggestions(index: SearchIndex, query: string, expected: readonly ExpectedSuggestion[]): void {
  const { suggestedFilters } = index.search(query, { limit: 0 })
  expect(suggestedFilters.map(asCase)).toEqual(expected)
  expectWellFormed(query, suggestedFilters)
}

/** The ids of the articles a suggestion's filter selects, through the public filters. */
function selectedBy(index: SearchIndex, suggestion: SuggestedFilter): ReadonlySet<string> {
  const filters =
    'from' in suggestion
      ? { date: { from: suggestion.from, to: suggestion.to } }
      : { [suggestion.facet]: suggestion.values }
  return new Set(ids(index.search('', everything(index, { filters }))))
}

/** The suggestions by span of the query (one span may name values of several facets), in query order. */
function bySpan(suggestions: readonly SuggestedFilter[]): SuggestedFilter[][] {
  const spans = new Map<string, SuggestedFilter[]>()
  for (const suggestion of suggestions) {
    const key = `${suggestion.start}:${suggestion.end}`
    spans.set(key, [...(spans.get(key) ?? []), suggestion])
  }
  return [...spans.values()]
}

/** The oracle of soft signals: the order without understanding, stably sorted by how many spans an article has. */
function signalOrder(index: SearchIndex, plain: readonly string[], suggestions: readonly SuggestedFilter[]): string[] {
  const spans = bySpan(suggestions).map((readings) => union(readings.map((reading) => selectedBy(index, reading))))
  const strength = (id: string) => spans.filter((span) => span.has(id)).length
  return plain
    .map((id) => ({ id, strength: strength(id) }))
    .sort((a, b) => b.strength - a.strength)
    .map(({ id }) => id)
}

/**
 * The oracle of `applySuggested` (the caller filters nothing): spans that name the same facets
 * are alternatives (OR), spans that name different facets are all required (AND); of the times
 * named, only the first filters. A span naming values of several facets (`poland`: a place and a
 * side) passes an article that has any of them.
 */
function appliedFilter(index: SearchIndex, suggestions: readonly SuggestedFilter[]): (id: string) => boolean {
  const groups = new Map<string, ReadonlySet<string>>()
  for (const readings of bySpan(suggestions)) {
    const key = readings
      .map((reading) => reading.facet)
      .sort()
      .join(' ')
    const named = groups.get(key)
    if (named !== undefined && key === 'date') continue
    groups.set(
      key,
      union([...(named === undefined ? [] : [named]), ...readings.map((reading) => selectedBy(index, reading))]),
    )
  }
  return (id) => [...groups.values()].every((set) => set.has(id))
}

/** The fixture queries that name something. */
function named(): string[] {
  return FIXTURE_CASES.filter(([, expected]) => expected.length > 0).map(([query]) => query)
}

function union(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  return new Set(sets.flatMap((set) => [...set]))
}

describe('the filters a query names (suggestedFilters)', () => {
  test.each(FIXTURE_CASES)('fixtures: %j', (query, expected) => expectSuggestions(fixtureIndex, query, expected))

  test.each(SPELLINGS)(
    'fixtures: %s %j is named in any case, with or without diacritics',
    (facet, value, spellings) => {
      for (const spelling of spellings) {
        const found = fixtureIndex.search(spelling, { limit: 0 }).suggestedFilters
        expect(
          found.map((suggestion) => [suggestion.facet, 'value' in suggestion ? suggestion.value : '']),
        ).toContainEqual([facet, value])
        expect(found.every((suggestion) => suggestion.text === spelling)).toBe(true)
      }
    },
  )

  const qamishli = buildIndex(fixtures(), { facets: ['units', 'result'] })
  test.each(QAMISHLI_CASES)('fixtures with the units and result facets: %j', (query, expected) =>
    expectSuggestions(qamishli, query, expected),
  )

  test.skipIf(!hasSeed).each(SEED_CASES)('the seed with the units and status facets: %j', (query, expected) => {
    const seed = buildIndex([parseArticle(readFileSync(seedFile, 'utf8'), { id: 'seed' })], {
      facets: ['units', 'status'],
    })
    expectSuggestions(seed, query, expected)
  })

  test.skipIf(!hasCorpus).each(CORPUS_CASES)('corpus + fixtures: %j', (query, expected) =>
    expectSuggestions(corpusIndex as SearchIndex, query, expected),
  )

  test('a query longer than 500 characters is read up to there; an empty one names nothing', () => {
    const long = `${'x '.repeat(260)}1863 vienna`
    expect(long.length).toBeGreaterThan(500)
    expect(fixtureIndex.search(long).suggestedFilters).toEqual([])
    expect(fixtureIndex.search('   ').suggestedFilters).toEqual([])
    expect(fixtureIndex.search('', { filters: { place: ['Vienna'] } }).suggestedFilters).toEqual([])
  })
})

describe('understand', () => {
  test.each(named())('understand: false suggests nothing and keeps the relevance order and total: %j', (query) => {
    const plain = fixtureIndex.search(query, everything(fixtureIndex, { understand: false }))
    const understood = fixtureIndex.search(query, everything(fixtureIndex))
    expect(plain.suggestedFilters).toEqual([])
    expect(plain.total).toBe(understood.total)
    expect(ids(understood)).toEqual(signalOrder(fixtureIndex, ids(plain), understood.suggestedFilters))
  })

  test.each(FIXTURE_CASES.filter(([, expected]) => expected.length === 0).map(([query]) => query))(
    'a query that names nothing gives the same result either way: %j',
    (query) => {
      expect(fixtureIndex.search(query, { understand: true })).toEqual(
        fixtureIndex.search(query, { understand: false }),
      )
    },
  )

  test('a time and a place named rank the article that has both first, without hiding the others', () => {
    const understood = fixtureIndex.search('battles in maryland 1862', everything(fixtureIndex))
    const plain = fixtureIndex.search('battles in maryland 1862', everything(fixtureIndex, { understand: false }))
    expect(ids(understood)[0]).toBe('battle-of-antietam')
    expect([...ids(understood)].sort()).toEqual([...ids(plain)].sort())
  })

  test('understanding reorders the page, never the facet counts', () => {
    const options = { facets: ['place', 'combatant', 'date', 'kind'] } as const
    const understood = fixtureIndex.search('sieges of vienna 1683', options)
    const plain = fixtureIndex.search('sieges of vienna 1683', { ...options, understand: false })
    expect(understood.facets).toEqual(plain.facets)
    expect(understood.totalUnfiltered).toBe(plain.totalUnfiltered)
  })
})

describe('applySuggested', () => {
  test.each(named())('filters by what the query names: %j', (query) => {
    const plain = fixtureIndex.search(query, everything(fixtureIndex, { understand: false }))
    const applied = fixtureIndex.search(query, everything(fixtureIndex, { applySuggested: true }))
    const passes = appliedFilter(fixtureIndex, applied.suggestedFilters)
    expect(applied.total).toBeLessThanOrEqual(plain.total)
    expect(applied.totalUnfiltered).toBe(plain.totalUnfiltered)
    expect(ids(applied)).toEqual(ids(plain).filter(passes))
    expect(applied.total).toBe(applied.hits.length)
  })

  test.each([
    ['battles in maryland 1862', ['battle-of-antietam']],
    ['sieges of vienna 1683', ['siege-of-vienna-1683']],
    ['roman republic 216 BC', ['battle-of-cannae']],
    // one word, two readings (a kind and the town of Battle; a side and a country): either passes
    ['battle 1862', ['battle-of-antietam']],
    ['greece 480 bc', ['battle-of-thermopylae']],
    ['france 1916', ['battle-of-the-somme']],
  ])('fixtures: %j finds %j', (query, expected) => {
    expect(ids(fixtureIndex.search(query, { applySuggested: true }))).toEqual(expected)
  })

  test('never filters a facet the caller filters: the caller’s filter stands', () => {
    const result = fixtureIndex.search('battles 1862', {
      applySuggested: true,
      filters: { date: { from: 1805, to: 1805 } },
    })
    expect(ids(result)).toEqual(['battle-of-austerlitz'])
    expect(result.suggestedFilters.map(asCase)).toContainEqual(['date', '1862', '1862', 1862, 1862])
  })

  test.each(['10000 BC', '10th millennium BC', 'AD 10000', '490 BC', 'the 1940s'])(
    'a suggested time is a filter a caller may pass back (chips): %j',
    (query) => {
      const [time] = fixtureIndex.search(query).suggestedFilters
      if (time === undefined || !('from' in time)) throw new Error(`no time in ${query}`)
      const filters = { date: { from: time.from, to: time.to } }
      expect(fixtureIndex.search(query, { filters }).total).toBe(
        fixtureIndex.search(query, { applySuggested: true }).total,
      )
    },
  )

  test.skipIf(!hasCorpus).each(ISSUE_EXAMPLES)('corpus + fixtures: %j keeps %s', (query, target) => {
    expect(ids((corpusIndex as SearchIndex).search(query, { applySuggested: true }))).toContain(target)
  })
})

describe.skipIf(!hasCorpus)('the issue’s examples, on the corpus with the fixtures', () => {
  const index = corpusIndex as SearchIndex

  test.each(ISSUE_EXAMPLES)('%j ranks %s first', (query, target) => {
    const understood = index.search(query, { limit: 3 })
    const plain = index.search(query, { limit: 3, understand: false })
    console.log(`${query}: ${ids(understood).join(', ')} (without understanding: ${ids(plain).join(', ')})`)
    expect(ids(understood)[0]).toBe(target)
  })

  test('"world war 2": 2 is no date and matches only itself; World War II first, articles with every word next', () => {
    const result = index.search('world war 2', everything(index))
    expect(result.suggestedFilters.map((suggestion) => suggestion.facet)).toEqual(['kind'])
    expect(ids(result)[0]).toBe('world-war-ii')
    for (const hit of result.hits) expect(hit.terms.filter((term) => /^\d+$/.test(term) && term !== '2')).toEqual([])
    // Without the number rule, "2" matched every article with a number starting with 2.
    const withTwo = (hit: SearchResult['hits'][number]) => hit.terms.includes('2')
    const numbersFrom2 = union(
      [...index.data.terms.entries()]
        .map(([term]) => term)
        .filter((term) => /^2\d*$/.test(term))
        .map((term) => new Set(ids(index.search(term, everything(index, { fuzzy: false, understand: false }))))),
    )
    expect(result.hits.filter(withTwo).length).toBeLessThan(numbersFrom2.size)
    console.log(
      `world war 2: ${result.total} of ${index.documentCount} articles match a word (${result.hits.filter(withTwo).length} by "2"; with the numbers starting with 2: ${numbersFrom2.size})`,
    )
  })

  test('suggest("world war 2") completes words, not digit strings', () => {
    const suggestions = index.suggest('world war 2')
    expect(suggestions.length).toBeGreaterThan(0)
    for (const { suggestion, terms } of suggestions) {
      expect(terms.filter((term) => /^\d+$/.test(term))).toEqual(['2'])
      expect(suggestion.split(' ').filter((word) => /\d/.test(word))).toEqual(['2'])
    }
    for (const { terms } of index.suggest('world war')) expect(terms.some((term) => /\d/.test(term))).toBe(false)
  })
})

describe('the chunked index understands as the single-file index', () => {
  const variants: readonly SearchOptions[] = [{}, { applySuggested: true }, { understand: false }]

  async function expectSameAnswers(index: SearchIndex, queries: readonly string[]) {
    const chunked = await chunkInMemory(index).load()
    for (const query of queries) {
      for (const options of variants) {
        const expected = index.search(query, { ...options, limit: 10 })
        const actual = await chunked.search(query, { ...options, limit: 10 })
        expect(actual.suggestedFilters).toEqual(expected.suggestedFilters)
        expect([ids(actual), actual.total]).toEqual([ids(expected), expected.total])
      }
    }
  }

  test('fixtures', () =>
    expectSameAnswers(
      fixtureIndex,
      FIXTURE_CASES.map(([query]) => query),
    ))

  test.skipIf(!hasCorpus)('corpus + fixtures', () =>
    expectSameAnswers(corpusIndex as SearchIndex, [
      ...CORPUS_CASES.map(([query]) => query),
      ...ISSUE_EXAMPLES.map(([query]) => query),
    ]),
  )
})

/** Queries of the index's words, date phrases, facet values' names, kind words and stop words. */
function queryArbitrary(index: SearchIndex): fc.Arbitrary<string> {
  const words = [...index.data.terms.entries()].map(([term]) => term)
  const names = Object.entries(index.data.facets.tables)
    .filter(([facet]) => !facet.includes('@'))
    .flatMap(([, table]) => [
      ...table.values,
      ...Object.values(table.labels ?? {}),
      ...Object.values(table.aliases ?? {}).flatMap((aliases) => aliases.map(([alias]) => alias)),
    ])
  const dates = DATE_SPAN_CASES.map(([query]) => query)
  const piece = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...names),
    fc.constantFrom(...dates),
    fc.constantFrom('battle', 'battles', 'siege', 'wars', 'people', 'towns', 'films', 'the', 'of', 'in', 'US', 'us'),
  )
  return fc.array(piece, { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join(' '))
}

function softSignalsProperty(index: SearchIndex, runs: number) {
  return () =>
    fc.assert(
      fc.property(queryArbitrary(index), (query) => {
        const plain = index.search(query, everything(index, { understand: false }))
        const understood = index.search(query, everything(index, { understand: true }))
        const applied = index.search(query, everything(index, { applySuggested: true }))
        // Soft signals only reorder: the same articles, the same total.
        expect(understood.total).toBe(plain.total)
        expect([...ids(understood)].sort()).toEqual([...ids(plain)].sort())
        expect(ids(understood)).toEqual(signalOrder(index, ids(plain), understood.suggestedFilters))
        expectWellFormed(query, understood.suggestedFilters)
        // Applied, they filter: a subset, in relevance order, of articles that pass.
        expect(applied.suggestedFilters).toEqual(understood.suggestedFilters)
        expect(applied.total).toBeLessThanOrEqual(plain.total)
        expect(ids(applied)).toEqual(ids(plain).filter(appliedFilter(index, applied.suggestedFilters)))
      }),
      fcParameters(runs),
    )
}

describe('property: understanding reorders, applying filters', () => {
  test('fixtures', softSignalsProperty(fixtureIndex, 200))
  test.skipIf(!hasCorpus)('corpus + fixtures', softSignalsProperty(corpusIndex as SearchIndex, 100))
})
