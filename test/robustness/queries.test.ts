import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, serializeIndex } from '../../src/build.js'
import { OptionsError, loadIndex, type SearchOptions, type SearchResult } from '../../src/index.js'
import { dateKey, parseDateBound } from '../../src/core/dateKey.js'
import { fcParameters, goodArticle, measure } from './helpers.js'

// Any query string and any options object give a result or a typed
// OptionsError, never an exception from inside MiniSearch. search.test.ts
// covers the first hostile strings and the option messages; this file adds
// the rest, and fuzzes both.

const index = loadIndex(
  serializeIndex(
    buildIndex(
      ['Alpha', 'Bravo', 'Höchstädt', 'Qamishli'].map((marker, i) =>
        parseArticle(
          goodArticle(marker).replace(
            '1 May 1900',
            ['490 BC', '1 July 1863', '13 August 1704', '2011–present'][i] ?? '',
          ),
          { id: marker.toLowerCase() },
        ),
      ),
      { facets: ['partof'] },
    ),
  ),
)

const startKey = (bound: number | string) => dateKey(parseDateBound(bound) ?? { year: 0 }, 'start')
const endKey = (bound: number | string) => dateKey(parseDateBound(bound) ?? { year: 0 }, 'end')

/** A result of the documented shape, or an OptionsError; anything else is rethrown. */
function resultOrOptionsError(run: () => SearchResult): SearchResult | OptionsError {
  try {
    const result = run()
    expect(result.total).toBeGreaterThanOrEqual(0)
    expect(result.totalUnfiltered).toBeGreaterThanOrEqual(result.total)
    expect(result.hits.length).toBeLessThanOrEqual(result.total)
    return result
  } catch (error) {
    if (error instanceof OptionsError && error.code === 'ERR_INVALID_QUERY') return error
    throw error
  }
}

describe('hostile query strings', () => {
  test.each([
    ['an emoji', '🏰⚔️'],
    ['a ZWJ sequence and a flag', '👩‍👩‍👧 🇸🇾'],
    ['a lone low surrogate', '\uDC00battle'],
    ['a surrogate pair cut at the 500-character limit', `${'x'.repeat(499)}\uD83C\uDFF0`],
    ['combining marks only', '\u0301\u0301\u0308'],
    ['right-to-left text', 'معركة القامشلي'],
    ['every regex metacharacter', '.*+?^${}()|[]\\/ battle'],
    ['only stop words', 'the of and in on at to a an'],
    ['unusual white space', '\u00A0\u2003\u3000\t\n\v\f'],
    ['10,000 characters of words', 'battle river king '.repeat(556)],
    [
      '500 characters of distinct fuzzy words',
      Array.from({ length: 83 }, (_, i) => `w${i.toString(36).padStart(4, 'q')}`).join(' '),
    ],
    ['HTML', '<script>alert(1)</script>'],
    ['a facet-looking query', 'place:Syria date:1900..2000'],
    ['__proto__ and constructor', '__proto__ constructor prototype toString'],
  ])('%s gives a result', (name, query) => {
    const result = measure(`query: ${name}`, () => index.search(query, { facets: ['place', 'combatant', 'date'] }))
    expect(result.total).toBeGreaterThanOrEqual(0)
    expect(() => index.suggest(query)).not.toThrow()
  })

  test('non-string queries are no query: they browse', () => {
    for (const query of [null, undefined, 5, {}, ['battle']]) {
      expect(index.search(query as unknown as string).total).toBe(index.documentCount)
      expect(index.suggest(query as unknown as string)).toEqual([])
    }
  })
})

describe('suggest options', () => {
  test('null or no options are the defaults (null threw a TypeError)', () => {
    expect(index.suggest('bat', null as unknown as undefined)).toEqual(index.suggest('bat'))
    expect(index.suggest('bat', {}).length).toBeGreaterThan(0)
  })

  test('limit caps the suggestions; 0 gives none', () => {
    expect(index.suggest('bat', { limit: 1 })).toHaveLength(1)
    expect(index.suggest('bat', { limit: 0 })).toEqual([])
  })

  test.each([
    [
      'a negative limit (it returned all but the last)',
      { limit: -1 },
      'infobox-search: search option "limit" must be a whole number ≥ 0, received -1.',
    ],
    [
      'a fractional limit',
      { limit: 1.5 },
      'infobox-search: search option "limit" must be a whole number ≥ 0, received 1.5.',
    ],
    [
      'a string limit',
      { limit: '3' },
      'infobox-search: search option "limit" must be a whole number ≥ 0, received "3".',
    ],
    ['options that are a number', 5, 'infobox-search: search option "options" must be an object, received 5.'],
  ])('%s is a typed OptionsError', (_name, options, message) => {
    expect(() => index.suggest('bat', options as never)).toThrow(
      expect.objectContaining({ name: 'OptionsError', code: 'ERR_INVALID_QUERY', message }),
    )
  })
})

describe('facet filters and options', () => {
  test('an unknown facet is a typed error naming it and the known ones', () => {
    expect(() => index.search('', { filters: { planet: ['Mars'] } })).toThrow(OptionsError)
    expect(() => index.search('', { facets: ['planet'] })).toThrow(
      /"facet name" must be one of this index's facets, date, coordinates, combatant, continent, country, kind, partof, place .*received "planet"/,
    )
  })

  test('unknown values match nothing; known facets without values match nothing either', () => {
    expect(index.search('', { filters: { place: ['Atlantis'] } }).total).toBe(0)
    expect(index.search('', { filters: { place: [] } }).total).toBe(0)
    expect(
      index.search('battle', { filters: { combatant: ['Nobody'] }, facets: ['combatant'] }).facets.combatant,
    ).toEqual([
      { value: 'Rome', count: 4 },
      { value: 'Nobody', count: 0 },
    ])
  })

  test.each([
    [
      'a date range that ends before it starts (it matched nothing, silently)',
      { filters: { date: { from: 1945, to: 1939 } } },
      'infobox-search: search option "filters.date" must be a range whose "from" is not after its "to", received {"from":1945,"to":1939}.',
    ],
    [
      'a date range that ends the month before it starts',
      { filters: { date: { from: '1863-07', to: '1863-06-30' } } },
      /"filters\.date" must be a range whose "from" is not after its "to"/,
    ],
    [
      'prefix as a string',
      { prefix: 'yes' },
      `infobox-search: search option "prefix" must be 'true' or 'false', received "yes".`,
    ],
    ['prefix as a number', { prefix: 1 }, /"prefix" must be 'true' or 'false', received 1\./],
    [
      'a place filter that is a string',
      { filters: { place: 'Syria' } },
      'infobox-search: search option "filters.place" must be a list of values, received "Syria".',
    ],
    [
      'a date filter that is a list',
      { filters: { date: [1, 2] } },
      'infobox-search: search option "filters.date" must be an object { from, to }, received [1,2].',
    ],
    [
      'a date bound that is an object',
      { filters: { date: { from: {} } } },
      /"filters\.date\.from" must be a year number/,
    ],
    [
      'a date bound that is NaN',
      { filters: { date: { to: Number.NaN } } },
      /"filters\.date\.to" must be a year number/,
    ],
    [
      'a date bound that is Infinity',
      { filters: { date: { from: Number.POSITIVE_INFINITY } } },
      /"filters\.date\.from" must be a year number/,
    ],
    ['filters that are null', { filters: null }, /"filters" must be an object of facet → values, received null/],
    ['a NaN limit', { limit: Number.NaN }, /"limit" must be a whole number ≥ 0/],
    ['an infinite limit', { limit: Number.POSITIVE_INFINITY }, /"limit" must be a whole number ≥ 0/],
    ['a fractional offset', { offset: 1.5 }, /"offset" must be a whole number ≥ 0, received 1\.5/],
    ['a negative snippet length', { snippetLength: -1 }, /"snippetLength" must be a whole number ≥ 0, received -1/],
    ['a string limit', { limit: '10' }, /"limit" must be a whole number ≥ 0, received "10"/],
    ['an unknown sort', { sort: 'random' }, /"sort" must be 'relevance', 'date', '-date' or 'distance'/],
    [
      'a NaN limit, shown as NaN',
      { limit: Number.NaN },
      'infobox-search: search option "limit" must be a whole number ≥ 0, received NaN.',
    ],
    ['a bigint limit', { limit: 10n }, /"limit" must be a whole number ≥ 0, received 10\./],
    ['a symbol offset', { offset: Symbol('x') }, /"offset" must be a whole number ≥ 0, received Symbol\(x\)\./],
    [
      'combineWith in lower case',
      { combineWith: 'and' },
      'infobox-search: search option "combineWith" must be \'AND\' or \'OR\', received "and".',
    ],
    [
      'fuzzy as a string',
      { fuzzy: 'x' },
      'infobox-search: search option "fuzzy" must be a boolean or a number from 0 to 2 (below 1 a fraction of the term length, else edits), received "x".',
    ],
    [
      'fuzzy negative',
      { fuzzy: -1 },
      /"fuzzy" must be a boolean or a number from 0 to 2 \(below 1 a fraction of the term length, else edits\), received -1\./,
    ],
    ['fuzzy NaN', { fuzzy: Number.NaN }, /"fuzzy" must be .*, received NaN\./],
    ['fuzzy above 2 edits', { fuzzy: 3 }, /"fuzzy" must be .*, received 3\./],
    [
      'fuzzy 6 edits (a 500-character query of one-letter terms took gigabytes)',
      { fuzzy: 6 },
      /"fuzzy" must be .*, received 6\./,
    ],
    ['fuzzy just above 2 edits', { fuzzy: 2.0001 }, /"fuzzy" must be .*, received 2\.0001\./],
    [
      'boost as a string',
      { boost: 'title' },
      'infobox-search: search option "boost" must be an object of field weights, received "title".',
    ],
    [
      'a boost for an unknown field',
      { boost: { planet: 3 } },
      'infobox-search: search option "boost field" must be one of title, shortDescription, description, infobox, body, custom, received "planet".',
    ],
    [
      'a NaN boost',
      { boost: { title: Number.NaN } },
      'infobox-search: search option "boost.title" must be a finite number ≥ 0, received NaN.',
    ],
    ['a negative boost', { boost: { body: -1 } }, /"boost\.body" must be a finite number ≥ 0, received -1\./],
    [
      'an infinite boost',
      { boost: { infobox: Number.POSITIVE_INFINITY } },
      /"boost\.infobox" must be a finite number ≥ 0, received Infinity\./,
    ],
    [
      'a boost given as a string',
      { boost: { title: '3' } },
      /"boost\.title" must be a finite number ≥ 0, received "3"\./,
    ],
    [
      'facets as a number',
      { facets: 5 },
      'infobox-search: search option "facets" must be a list of facet names or an object, received 5.',
    ],
    [
      'facets as a string',
      { facets: 'place' },
      /"facets" must be a list of facet names or an object, received "place"/,
    ],
    [
      'a facet request that is false',
      { facets: { place: false } },
      'infobox-search: search option "facets.place" must be true or an object, received false.',
    ],
    [
      'a negative facet limit',
      { facets: { place: { limit: -1 } } },
      'infobox-search: search option "facets.place.limit" must be a whole number ≥ 0, received -1.',
    ],
    [
      'a NaN facet limit',
      { facets: { place: { limit: Number.NaN } } },
      /"facets\.place\.limit" must be a whole number ≥ 0, received NaN\./,
    ],
    [
      'a fractional place level',
      { facets: { place: { level: 0.5 } } },
      /"facets\.place\.level" must be a whole number ≥ 0, received 0\.5\./,
    ],
    [
      'a date interval that is a number',
      { facets: { date: { interval: 10 } } },
      /"facets\.date\.interval" must be 'year', 'decade' or 'century', received 10\./,
    ],
  ])('%s is a typed OptionsError', (_name, options, message) => {
    const error = resultOrOptionsError(() => index.search('battle', options as unknown as SearchOptions))
    expect(error).toBeInstanceOf(OptionsError)
    if (typeof message === 'string') expect((error as Error).message).toBe(message)
    else expect((error as Error).message).toMatch(message)
  })

  test.each([
    ['a huge limit', { limit: 1e300 }],
    ['a huge offset', { offset: Number.MAX_SAFE_INTEGER }],
    ['a huge snippet length', { snippetLength: 1e9 }],
    ['a zero snippet length', { snippetLength: 0 }],
    ['a place level that does not exist', { facets: { place: { level: 99 } } }],
    ['filter values that are not strings', { filters: { place: [1, null, {}] } }],
    ['fuzzy as a fraction of term length', { fuzzy: 0.2 }],
    ['fuzzy as two edits', { fuzzy: 2 }],
    ['fuzzy at its largest, 2 edits', { fuzzy: 2 }],
    ['fuzzy 1.5 (read as 1 edit)', { fuzzy: 1.5 }],
    ['fuzzy 0', { fuzzy: 0 }],
    ['fuzzy false', { fuzzy: false }],
    ['fuzzy true', { fuzzy: true }],
    ['a boost for one field', { boost: { title: 3 } }],
    ['a zero boost for every field', { boost: { title: 0, shortDescription: 0, description: 0, infobox: 0, body: 0 } }],
    ['an empty boost', { boost: {} }],
    ['combineWith AND', { combineWith: 'AND' }],
    ['combineWith OR', { combineWith: 'OR' }],
    [
      'facet requests: true, empty, limit and level, interval',
      {
        facets: { place: true, combatant: {}, kind: { limit: 0 }, partof: { level: 0 }, date: { interval: 'decade' } },
      },
    ],
    ['a facet request that is undefined (counted with the defaults)', { facets: { place: undefined } }],
    ['a filter that is undefined (ignored)', { filters: { place: undefined } }],
  ])('%s gives a result', (_name, options) => {
    expect(resultOrOptionsError(() => index.search('battle', options as unknown as SearchOptions))).not.toBeInstanceOf(
      OptionsError,
    )
  })
})

describe('date histograms are bounded by the dates an article can have', () => {
  test('an article from 10,000 BC to the present gives one bar per year, and a "9999th millennium BC" one no date', () => {
    const longest = buildIndex([
      parseArticle(goodArticle('Longwar').replace('1 May 1900', '10th millennium BC – present'), { id: 'longwar' }),
      parseArticle(goodArticle('Deeptime').replace('1 May 1900', '9999th millennium BC – present'), { id: 'deeptime' }),
    ])
    const bars = measure(
      'year histogram, 10,000 BC – present',
      () => longest.search('', { facets: { date: { interval: 'year' } } }).facets.date ?? [],
    )
    expect(bars[0]).toMatchObject({ value: '10000 BC', count: 1 })
    expect(bars).toHaveLength(10_000 + new Date().getUTCFullYear())
    expect(longest.search('', { filters: { date: { to: -9999 } } }).hits.map((hit) => hit.id)).toEqual(['longwar'])
  })
})

// Former bugs: options that reached MiniSearch (or our facet code) unchecked
// and threw an untyped error. resolveSearchOptions (src/search/searchOptions.ts)
// now refuses them; their values are in `optionValues` below.
describe('options that used to throw untyped errors', () => {
  test.each([
    [
      'combineWith "XOR" (MiniSearch: Invalid combination operator)',
      { combineWith: 'XOR' },
      /"combineWith" must be 'AND' or 'OR', received "XOR"/,
    ],
    [
      'combineWith null (MiniSearch: cannot read toLowerCase)',
      { combineWith: null },
      /"combineWith" must be 'AND' or 'OR', received null/,
    ],
    [
      'fuzzy Infinity (MiniSearch: invalid typed array length)',
      { fuzzy: Number.POSITIVE_INFINITY },
      /"fuzzy" must be a boolean or a number from 0 to 2 \(below 1 a fraction of the term length, else edits\), received Infinity/,
    ],
    [
      'fuzzy 1e9 (MiniSearch: invalid typed array length)',
      { fuzzy: 1e9 },
      /"fuzzy" must be a boolean or a number from 0 to 2 \(below 1 a fraction of the term length, else edits\), received 1000000000/,
    ],
    [
      'boost null (MiniSearch: cannot convert null to object)',
      { boost: null },
      /"boost" must be an object of field weights, received null/,
    ],
    [
      'a facet request that is null (reading "level" of null)',
      { facets: { place: null } },
      /"facets\.place" must be true or an object, received null/,
    ],
    [
      'a date interval that does not exist (countDates: undefined is not iterable)',
      { facets: { date: { interval: 'week' } } },
      /"facets\.date\.interval" must be 'year', 'decade' or 'century', received "week"/,
    ],
    [
      'a date interval named like an Object method',
      { facets: { date: { interval: 'toString' } } },
      /"facets\.date\.interval" must be/,
    ],
  ])('%s is a typed OptionsError', (_name, options, message) => {
    const error = resultOrOptionsError(() => index.search('battle', options as unknown as SearchOptions))
    expect(error).toBeInstanceOf(OptionsError)
    expect((error as OptionsError).code).toBe('ERR_INVALID_QUERY')
    expect((error as Error).message).toMatch(message)
  })

  // The message used to quote JSON.stringify(NaN), which is "null".
  test('a NaN limit is reported as "received NaN"', () => {
    expect(() => index.search('x', { limit: Number.NaN })).toThrow(/received NaN\./)
  })

  // A refused value that JSON.stringify cannot write (a cycle, a bigint inside
  // an object) is named by its type tag; writing the message never throws.
  test.each([
    [
      'a cyclic list',
      () => {
        const cycle: unknown[] = []
        cycle.push(cycle)
        return cycle
      },
      '[object Array]',
    ],
    ['an object holding a bigint', () => ({ from: 10n }), '[object Object]'],
    [
      'a cyclic object without a prototype',
      () => {
        const cycle = Object.create(null) as Record<string, unknown>
        cycle['self'] = cycle
        return cycle
      },
      '[object Object]',
    ],
  ])('%s as a refused option value gives an OptionsError naming it by type', (_name, make, shown) => {
    expect(() => index.search('battle', { sort: make() } as unknown as SearchOptions)).toThrow(
      expect.objectContaining({
        name: 'OptionsError',
        code: 'ERR_INVALID_QUERY',
        message: expect.stringContaining(`received ${shown}.`),
      }),
    )
  })

  test('a cyclic value in a refused option gives an OptionsError', () => {
    const cycle: unknown[] = []
    cycle.push(cycle)
    expect(() => index.search('battle', { filters: { date: cycle } } as unknown as SearchOptions)).toThrow(OptionsError)
  })
})

describe('properties', () => {
  const anyString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 600 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.constantFrom('battle', 'bat', 'hochstadt', 'HÖCHSTÄDT', 'qamishli syria', '"quoted"', 'a* [b](c)'),
  )

  test('any query string gives a result, with and without the fuzzy and prefix defaults', () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (query, exact) => {
        resultOrOptionsError(() =>
          index.search(
            query,
            exact ? { prefix: false, fuzzy: false, combineWith: 'AND' } : { facets: ['place', 'combatant', 'date'] },
          ),
        )
        expect(Array.isArray(index.suggest(query))).toBe(true)
      }),
      fcParameters(1000),
    )
  })

  // Values each option may take in the property below: valid ones, wrong
  // types, NaN, infinities, huge and negative numbers, and the former bugs above.
  const anyNumber = fc.oneof(
    fc.integer({ min: -5, max: 50 }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5, 1e300),
    fc.double(),
  )
  const junk = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 8 }),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.constantFrom('__proto__', 'constructor'),
  )
  const facetName = fc.constantFrom(
    'place',
    'combatant',
    'date',
    'kind',
    'partof',
    'planet',
    '__proto__',
    'toString',
    'place@0',
  )
  const dateBound = fc.oneof(
    anyNumber,
    fc.constantFrom('1900', '-490', '2021-04', '2021-04-20', '2021-02-31', 'yesterday', ''),
    junk,
  )
  const optionValues = {
    limit: fc.oneof(anyNumber, junk),
    offset: fc.oneof(anyNumber, junk),
    snippetLength: fc.oneof(anyNumber, junk),
    prefix: fc.oneof(fc.boolean(), junk),
    fuzzy: fc.oneof(
      fc.boolean(),
      fc.double({ min: -1, max: 2, noNaN: false }),
      fc.integer({ min: 0, max: 3 }),
      fc.string({ maxLength: 3 }),
      anyNumber,
      junk,
    ),
    combineWith: fc.oneof(fc.constantFrom('AND', 'OR', 'and', 'or', 'XOR', 'and_not'), junk),
    boost: fc.oneof(
      fc.dictionary(fc.constantFrom('title', 'body', 'planet', 'infobox', '__proto__'), fc.oneof(anyNumber, junk)),
      junk,
    ),
    sort: fc.oneof(fc.constantFrom('relevance', 'date', '-date'), junk),
    facets: fc.oneof(
      fc.array(facetName, { maxLength: 4 }),
      fc.dictionary(
        facetName,
        fc.oneof(
          fc.constant(true as const),
          fc.record({ limit: anyNumber, level: fc.oneof(anyNumber, junk) }, { requiredKeys: [] }),
          fc.record({ interval: fc.oneof(fc.constantFrom('year', 'decade', 'century', 'week', 'toString'), junk) }),
          junk,
        ),
      ),
      junk,
    ),
    filters: fc.oneof(
      fc.dictionary(
        facetName,
        fc.oneof(
          fc.array(fc.oneof(fc.constantFrom('Rome', 'Italy', 'Atlantis', '__proto__'), junk), { maxLength: 3 }),
          fc.record({ from: dateBound, to: dateBound }, { requiredKeys: [] }),
          junk,
        ),
      ),
      junk,
    ),
  }

  test('any options object gives a result or a typed OptionsError', () => {
    fc.assert(
      fc.property(anyString, fc.record(optionValues, { requiredKeys: [] }), (query, options) => {
        resultOrOptionsError(() => index.search(query, options as unknown as SearchOptions))
      }),
      fcParameters(2000),
    )
  })

  // Well-typed options with edge values: these must always give a result.
  const knownFacet = fc.constantFrom('place', 'combatant', 'date', 'kind', 'partof')
  const year = fc.integer({ min: -3000, max: 3000 }).filter((y) => y !== 0)
  const wellTyped = {
    limit: fc.oneof(fc.nat(30), fc.constant(Number.MAX_SAFE_INTEGER)),
    offset: fc.oneof(fc.nat(10), fc.constant(1e15)),
    snippetLength: fc.oneof(fc.nat(400), fc.constant(1e9)),
    prefix: fc.boolean(),
    fuzzy: fc.oneof(fc.boolean(), fc.double({ min: 0, max: 0.99, noNaN: true }), fc.integer({ min: 1, max: 2 })),
    combineWith: fc.constantFrom('AND' as const, 'OR' as const),
    boost: fc.dictionary(
      fc.constantFrom('title', 'shortDescription', 'description', 'infobox', 'body'),
      fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(0)),
    ),
    sort: fc.constantFrom('relevance' as const, 'date' as const, '-date' as const),
    facets: fc.oneof(
      fc.uniqueArray(knownFacet, { maxLength: 5 }),
      fc.dictionary(
        knownFacet,
        fc.oneof(
          fc.constant(true as const),
          fc.record(
            {
              limit: fc.nat(20),
              level: fc.nat(4),
              interval: fc.constantFrom('year' as const, 'decade' as const, 'century' as const),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    ),
    filters: fc.record(
      {
        place: fc.array(fc.constantFrom('Rome', 'Italy', 'Atlantis', '__proto__', ''), { maxLength: 3 }),
        combatant: fc.array(fc.constantFrom('Rome', 'Carthage'), { maxLength: 2 }),
        date: fc
          .record(
            {
              from: fc.oneof(year, year.map(String), fc.constantFrom('1863-07', '1863-07-02')),
              to: fc.oneof(year, fc.constantFrom('2030', '-0490')),
            },
            { requiredKeys: [] },
          )
          // A range that ends before it starts is refused (see 'a date range that ends before it starts').
          .filter(({ from, to }) => from === undefined || to === undefined || startKey(from) <= endKey(to)),
      },
      { requiredKeys: [] },
    ),
  }

  test('well-typed options with edge values always give a result', () => {
    fc.assert(
      fc.property(anyString, fc.record(wellTyped, { requiredKeys: [] }), (query, options) => {
        expect(resultOrOptionsError(() => index.search(query, options as SearchOptions))).not.toBeInstanceOf(
          OptionsError,
        )
      }),
      fcParameters(1000),
    )
  })

  test('results are the same after the index is saved and loaded again', () => {
    fc.assert(
      fc.property(anyString, (query) => {
        const again = loadIndex(serializeIndex(index))
        expect(again.search(query, { facets: ['place', 'date'] })).toEqual(
          index.search(query, { facets: ['place', 'date'] }),
        )
      }),
      fcParameters(50),
    )
  })
})
