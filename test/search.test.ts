import { describe, expect, expectTypeOf, test } from 'vitest'
import { buildIndex, parseArticle } from '../src/build.js'
import {
  escapeHtml,
  highlight,
  OptionsError,
  type DateBucket,
  type FacetCount,
  type FacetResults,
  type SearchOptions,
} from '../src/index.js'
import { article, fixtureSlugs, readFixture } from './helpers.js'

const index = buildIndex(fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })))
const ids = (query: string, options = {}) => index.search(query, options).hits.map((hit) => hit.id)

describe('the default body profile', () => {
  test('indexes the whole body: a Markdown file that starts with "# Title" is found by its text', () => {
    const page = parseArticle(
      [
        '---',
        'title: Siege of Candia',
        '---',
        '# Siege of Candia',
        '',
        'Venetian defenders held the fortress for twenty-one years.',
        '',
        '## Aftermath',
        '',
        'The garrison sailed to Zakynthos.',
      ].join('\n'),
      { id: 'candia' },
    )
    const built = buildIndex([page])
    expect(built.options.body).toBe('full')
    expect(built.search('venetian').hits.map((hit) => hit.id)).toEqual(['candia'])
    expect(built.search('zakynthos').hits.map((hit) => hit.id)).toEqual(['candia'])
  })
})

describe('relevance defaults', () => {
  test('a number is matched as written: "world war 2" does not expand 2 to 24 or 2000', () => {
    for (const hit of index.search('world war 2', { limit: 100 }).hits) {
      expect(hit.terms.filter((term) => /^\d+$/.test(term) && term !== '2')).toEqual([])
    }
    expect(
      index.search('1', { prefix: true, fuzzy: 1 }).hits.every((hit) => hit.terms.every((term) => term === '1')),
    ).toBe(true)
  })

  test('a term of one or two letters is not a prefix', () => {
    const hits = index.search('ba', { prefix: true, fuzzy: false, limit: 100 }).hits
    expect(hits.flatMap((hit) => hit.terms).every((term) => term === 'ba')).toBe(true)
  })

  test('a repeated term counts once', () => {
    expect(index.search('hannibal hannibal hannibal')).toEqual(index.search('hannibal'))
  })

  test('documents matching every term come before those matching some, and none is lost', () => {
    const result = index.search('hannibal varro legions', { limit: 100 })
    const matchedAll = result.hits.map((hit) =>
      ['hannibal', 'varro', 'legion'].every((stem) => hit.terms.some((term) => term.startsWith(stem))),
    )
    expect(matchedAll[0]).toBe(true)
    expect(matchedAll.indexOf(false)).toBeGreaterThan(0)
    expect(matchedAll.slice(matchedAll.indexOf(false)).includes(true)).toBe(false)
    expect(result.total).toBe(index.search('hannibal varro legions', { combineWith: 'OR', limit: 100 }).total)
  })

  test('an article whose title is the query stays first, above what the query names (a kind, a place)', () => {
    const { hits, suggestedFilters } = index.search('siege warfare')
    expect(suggestedFilters).toEqual([expect.objectContaining({ facet: 'kind', text: 'siege' })])
    expect(hits[0]?.id).toBe('siege-warfare')
    // Without the exact title, what the query names ranks first.
    expect(index.search('siege warfare tactics').hits[0]?.id).not.toBe('siege-warfare')
    expect(index.search('siege', { limit: 3 }).hits.map((hit) => hit.id)).not.toContain('siege-warfare')
  })

  test('a kind word is offered as the kind only, not as a place of the same name', () => {
    const named = index.search('battle of hastings').suggestedFilters.filter((filter) => filter.text === 'battle')
    expect(named.map((filter) => filter.facet)).toEqual(['kind'])
  })

  test('suggest completes words, not digits', () => {
    for (const { terms } of index.suggest('world war')) expect(terms.some((term) => /^\d+$/.test(term))).toBe(false)
    expect(
      index
        .suggest('world war 2')
        .every(({ terms }) => terms.filter((term) => /^\d+$/.test(term)).every((term) => term === '2')),
    ).toBe(true)
  })
})

describe('search', () => {
  test.each([
    ['a title', 'grunwald', 'battle-of-grunwald'],
    ['diacritics folded (ł, ę)', 'wladyslaw jagiello', 'battle-of-grunwald'],
    ['diacritics folded (á)', 'mohacs', 'battle-of-mohacs'],
    ['a commander', 'sobieski', 'siege-of-vienna-1683'],
    ['a misspelling', 'hanibal cannae', 'battle-of-cannae'],
    ['a prefix while typing', 'thermopy', 'battle-of-thermopylae'],
    ['a place', 'qamishli', 'battle-of-qamishli-2021'],
    ['a combatant', 'muwatalli', 'battle-of-kadesh'],
    ['case and NFD input', 'MOHA\u0301CS', 'battle-of-mohacs'],
  ])('%s: "%s" finds %s first', (_name, query, id) => {
    expect(ids(query)[0]).toBe(id)
  })

  test('a hit carries id, score, stored fields, matched terms and a snippet', () => {
    const [hit] = index.search('sobieski').hits
    expect(hit).toMatchObject({
      id: 'siege-of-vienna-1683',
      title: 'Siege of Vienna (1683)',
      date: '14 July – 12 September 1683',
    })
    expect(hit?.score).toBeGreaterThan(0)
    expect(hit?.terms).toEqual(['sobieski'])
    const [range] = hit?.snippet.ranges ?? []
    expect(range).toBeDefined()
    expect(hit?.snippet.text.slice(...(range as [number, number]))).toBe('Sobieski')
  })

  test('limit and offset page through the same ranking', () => {
    const all = ids('battle', { limit: 100 })
    expect(all.length).toBeGreaterThan(5)
    expect(ids('battle', { limit: 3, offset: 2 })).toEqual(all.slice(2, 5))
    expect(index.search('battle', { limit: 3 }).total).toBe(all.length)
  })

  test('the default prefix applies to the last term only', () => {
    expect(ids('thermopy')).toContain('battle-of-thermopylae')
    expect(ids('thermopy', { prefix: false })).toEqual([])
  })

  test('fuzziness only for words of five letters or more', () => {
    expect(ids('sobieksi', { prefix: false })[0]).toBe('siege-of-vienna-1683')
    expect(ids('rme', { prefix: false })).toEqual([])
  })

  test('boost changes the ranking', () => {
    const plain = index.search('syria', { limit: 50 }).hits
    const bodyOnly = index.search('syria', {
      limit: 50,
      boost: { title: 0, shortDescription: 0, description: 0, infobox: 0 },
    }).hits
    expect(plain.map((h) => h.score)).not.toEqual(bodyOnly.map((h) => h.score))
  })

  test.each(['', '   ', '\uD800', '(*+?[', 'a'.repeat(10_000), 'the of and', '\0'])(
    'query %j gives a result, never an exception',
    (query) => {
      const result = index.search(query)
      expect(result.total).toBeGreaterThanOrEqual(0)
    },
  )

  test('suggest completes a prefix', () => {
    expect(index.suggest('sobie')[0]?.suggestion).toBe('sobieski')
    expect(index.suggest('')).toEqual([])
  })

  test('bad options are typed errors with the option named', () => {
    expect(() => index.search('x', { limit: -1 })).toThrow(OptionsError)
    expect(() => index.search('x', { limit: -1 })).toThrow(
      'infobox-search: search option "limit" must be a whole number ≥ 0, received -1.',
    )
    expect(() => index.search('x', { filters: { planet: ['Mars'] } })).toThrow(
      'infobox-search: search option "facet name" must be one of this index\'s facets, date, coordinates, combatant, continent, country, kind, place (extra facets are chosen at build time with the "facets" option), received "planet".',
    )
    expect(() => index.search('x', { filters: { date: { from: 'yesterday' } } })).toThrow(
      /"filters.date.from" must be a year number/,
    )
    expect(() => index.search('x', { sort: 'random' as 'date' })).toThrow(/"sort"/)
  })

  test('fuzzyMaxDocuments is a whole number ≥ 0 or Infinity', () => {
    expect(() => index.search('x', { fuzzyMaxDocuments: -1 })).toThrow(
      /"fuzzyMaxDocuments" must be a whole number ≥ 0 or Infinity/,
    )
    expect(() => index.search('x', { fuzzyMaxDocuments: 1.5 })).toThrow(OptionsError)
    expect(index.search('x', { fuzzyMaxDocuments: Infinity }).total).toBeGreaterThanOrEqual(0)
  })
})

describe('facets', () => {
  test('empty query with filters browses, newest first by default', () => {
    const result = index.search('', { filters: { place: ['Syria'] } })
    expect(result.hits.map((h) => h.id)).toEqual(['battle-of-qamishli-2021', 'syrian-civil-war', 'battle-of-kadesh'])
    expect(ids('', { filters: { place: ['Syria'] }, sort: 'date' })).toEqual([
      'battle-of-kadesh',
      'syrian-civil-war',
      'battle-of-qamishli-2021',
    ])
  })

  test('values of one facet are OR-ed, facets AND-ed', () => {
    const either = ids('', { filters: { place: ['Syria', 'Italy'] }, limit: 50 })
    expect(either).toEqual(expect.arrayContaining(['battle-of-cannae', 'battle-of-kadesh', 'syrian-civil-war']))
    const both = ids('', { filters: { place: ['Syria', 'Italy'], combatant: ['Ancient Carthage'] }, limit: 50 })
    expect(both).toEqual(['battle-of-cannae'])
  })

  test('counts are disjunctive: a facet ignores its own filter', () => {
    const unfiltered = index.search('', { facets: ['place'], limit: 0 }).facets.place
    const filtered = index.search('', { filters: { place: ['Syria'] }, facets: ['place', 'kind'], limit: 0 })
    expect(filtered.facets.place).toEqual(unfiltered)
    expect(filtered.facets.kind).toEqual([{ value: 'military conflict', count: 3 }])
  })

  test('a selected value is always listed, even beyond the limit or at zero', () => {
    const result = index.search('cannae', { filters: { place: ['Syria'] }, facets: { place: { limit: 1 } } })
    expect(result.facets.place.map((c) => c.value)).toContain('Syria')
  })

  test('date filter: overlap, open ends, BC, ongoing', () => {
    expect(ids('', { filters: { date: { from: 1942, to: 1942 } }, limit: 50 }).sort()).toEqual([
      'guadalcanal-campaign',
      'world-war-ii',
    ])
    expect(ids('', { filters: { date: { from: '-300', to: '-200' } } })).toEqual(['battle-of-cannae'])
    expect(ids('', { filters: { date: { from: '2030' } } })).toEqual(['syrian-civil-war'])
    expect(ids('', { filters: { date: { to: '-1000' } } })).toEqual(['battle-of-kadesh'])
    expect(ids('', { filters: { date: { from: '1862-09-17', to: '1862-09-17' } } })).toEqual(['battle-of-antietam'])
    expect(ids('', { filters: { date: { from: '1862-09-18', to: '1862-12' } } })).toEqual([])
  })

  test('date histogram counts every bucket an interval touches, BC included', () => {
    const result = index.search('', { filters: { place: ['Syria'] }, facets: { date: { interval: 'century' } } })
    const buckets = result.facets.date ?? []
    expect(buckets.map((b) => b.value)).toEqual(['13th century BC', '21st century'])
    const decades = index.search('world war', {
      filters: { combatant: ['Empire of Japan'] },
      facets: { date: { interval: 'decade' } },
    }).facets.date
    expect(decades).toEqual([
      { value: '1930s', from: 1930, to: 1939, count: 1 },
      { value: '1940s', from: 1940, to: 1949, count: 2 },
    ])
  })

  test.each([
    ['year', ['3 BC', '2 BC', '1 BC', '1', '2'], [-3, -3]],
    ['decade', ['0s BC', '0s'], [-9, -1]],
    ['century', ['1st century BC', '1st century'], [-100, -1]],
  ] as const)('%s buckets cross the BC/AD boundary without a year 0', (interval, labels, firstRange) => {
    const span = buildIndex([
      parseArticle('---\ntitle: Span\ninfoboxes:\n  - date: { text: "3 BC – AD 2" }\n---\n', { id: 'span' }),
    ])
    const buckets = span.search('', { facets: { date: { interval } } }).facets.date
    expect(buckets.map((b) => b.value)).toEqual(labels)
    expect([buckets[0]?.from, buckets[0]?.to]).toEqual(firstRange)
  })

  test('place counts per hierarchy level', () => {
    const countries = index.search('', { facets: { place: { level: 0, limit: 100 } } }).facets.place
    expect(countries.map((c) => c.value)).toContain('Syria')
    expect(countries.map((c) => c.value)).not.toContain('Qamishli')
  })

  test('combatant counts carry display labels', () => {
    const counts = index.search('', { facets: { combatant: { limit: 200 } } }).facets.combatant
    expect(counts.find((c) => c.value === 'Duchy of Pomerania')?.label).toBe('Duchy of Pomerania (Stettin)')
  })

  test('unknown facet values simply match nothing, and stay listed as selected', () => {
    const result = index.search('', { filters: { place: ['Atlantis'] }, facets: ['place'] })
    expect(result.total).toBe(0)
    expect(result.facets.place).toContainEqual({ value: 'Atlantis', count: 0 })
  })

  test('a label that differs only in case is not kept', () => {
    const counts = index.search('', { facets: { combatant: { limit: 200 } } }).facets.combatant
    expect(counts.find((c) => c.value === 'United States')).toEqual({ value: 'United States', count: 4 })
  })
})

describe('result types', () => {
  test('facets written in the call are typed by name: a list of values, or date buckets', () => {
    const { facets } = index.search('', { facets: ['place', 'date'] })
    expectTypeOf(facets.place).toEqualTypeOf<readonly FacetCount[]>()
    expectTypeOf(facets.date).toEqualTypeOf<readonly DateBucket[]>()
    expectTypeOf(facets).not.toHaveProperty('combatant')
    const byRequest = index.search('', { facets: { combatant: { limit: 3 }, date: { interval: 'decade' } } }).facets
    expectTypeOf(byRequest.combatant).toEqualTypeOf<readonly FacetCount[]>()
    expectTypeOf(byRequest.date).toEqualTypeOf<readonly DateBucket[]>()
    expect(byRequest.date[0]).toMatchObject({
      value: expect.any(String),
      from: expect.any(Number),
      to: expect.any(Number),
    })
  })

  test('options not known from the types give facets by any name, each a list of counts', () => {
    const options: SearchOptions = { facets: ['place'] }
    const { facets } = index.search('', options)
    expectTypeOf(facets).toEqualTypeOf<{ readonly [name: string]: readonly FacetCount[] }>()
    expectTypeOf(index.search('').facets).toEqualTypeOf<FacetResults>()
    expect(facets['place']?.length).toBeGreaterThan(0)
  })
})

describe('snippets are HTML-safe', () => {
  const hostile = buildIndex([
    parseArticle(
      article({
        title: '<b>Bold</b> battle',
        body: 'Before `<img src=x onerror=alert(1)>` <img src=y onerror=alert(2)> the &lt;script&gt; battle & "quotes" \'here\'.',
      }),
      { id: 'hostile' },
    ),
  ])

  test('highlight escapes everything outside and inside the marks', () => {
    const [hit] = hostile.search('battle', { snippetLength: 400 }).hits
    const html = highlight(hit?.snippet ?? { text: '', ranges: [] })
    // Inline code keeps its characters as text; raw HTML in Markdown is dropped.
    expect(html).toBe(
      'Before &lt;img src=x onerror=alert(1)&gt; the &lt;script&gt; <mark>battle</mark> &amp; &quot;quotes&quot; &#39;here&#39;.',
    )
    expect(escapeHtml(hit?.title ?? '')).toBe('&lt;b&gt;Bold&lt;/b&gt; battle')
  })

  test.each([
    [{ text: '<script>x</script>', ranges: [[8, 9]] as const }, {}, '&lt;script&gt;<mark>x</mark>&lt;/script&gt;'],
    [
      { text: 'a"b', ranges: [[0, 1]] as const },
      { tag: 'em', className: 'x" onclick="y' },
      '<em class="x&quot; onclick=&quot;y">a</em>&quot;b',
    ],
    [
      {
        text: 'abc',
        ranges: [
          [2, 1],
          [5, 9],
        ] as const,
      },
      {},
      'abc',
    ],
  ])('highlight(%j, %j)', (snippet, options, html) => {
    expect(highlight(snippet, options)).toBe(html)
  })
})

describe('typo matches of common words (fuzzyMaxDocuments)', () => {
  // "states" is in two articles, "stated" in one: a typo apart, but both words are real.
  const built = buildIndex([
    parseArticle(article({ title: 'Battle of Alpha', body: 'The states signed a treaty.' }), { id: 'alpha' }),
    parseArticle(article({ title: 'Battle of Beta', body: 'Both states sent armies.' }), { id: 'beta' }),
    parseArticle(article({ title: 'Battle of Gamma', body: 'The chronicle stated the losses.' }), { id: 'gamma' }),
  ])
  const found = (query: string, options: SearchOptions = {}) =>
    built
      .search(query, { understand: false, ...options })
      .hits.map((hit) => hit.id)
      .sort()

  test('a word in at most fuzzyMaxDocuments articles gets typo matches, a commoner one is taken as typed', () => {
    expect(found('states sent', { fuzzyMaxDocuments: 2 })).toEqual(['alpha', 'beta', 'gamma'])
    expect(found('states sent', { fuzzyMaxDocuments: 1 })).toEqual(['alpha', 'beta'])
    expect(found('states sent', { fuzzyMaxDocuments: Infinity })).toEqual(['alpha', 'beta', 'gamma'])
  })

  test('a word no article holds always gets them, and the default (100) keeps small indexes as they were', () => {
    expect(found('statez sent', { fuzzyMaxDocuments: 0 })).toEqual(['alpha', 'beta', 'gamma'])
    expect(found('states sent')).toEqual(['alpha', 'beta', 'gamma'])
  })
})
