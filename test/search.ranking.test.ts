import fc from 'fast-check'
import { describe, expect, test, vi } from 'vitest'
import { buildIndex, parseArticle } from '../src/build.js'
import { makeSnippet, pendingSnippet, snippetWhenRead, type Snippet } from '../src/search/snippet.js'
import { topRanked } from '../src/search/topRanked.js'
import { fixtureSlugs, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

// A search ranks only the page it returns and those before it (a heap, not a sort of every
// match), and makes each hit's snippet when it is read. Both must be invisible: the pages are
// the cuts of the whole ranking, ties in the order documents were met, and a snippet read is
// the snippet made.

describe('topRanked', () => {
  test('gives the first items of the sorted list, ties kept in order, whatever the count', () => {
    // Few distinct keys: many ties, broken by position as the search breaks them.
    const items = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 })
    fc.assert(
      fc.property(items, fc.integer({ min: -1, max: 70 }), (keys, count) => {
        const positions = keys.map((_, at) => at)
        const compare = (a: number, b: number) => (keys[b] as number) - (keys[a] as number) || a - b
        const sorted = [...positions].sort(compare)
        expect(topRanked(positions, count, compare)).toEqual(sorted.slice(0, Math.max(0, count)))
      }),
      fcParameters(500),
    )
  })
})

describe('a page of results', () => {
  const slugs = fixtureSlugs()
  // Copies of a few articles under other ids: equal scores, ranked in the order they were met.
  const copies = slugs
    .slice(0, 3)
    .flatMap((slug) => [1, 2].map((n) => parseArticle(readFixture(slug), { id: `${slug}-copy-${n}` })))
  const index = buildIndex([...slugs.map((slug) => parseArticle(readFixture(slug), { id: slug })), ...copies])
  const words = [
    'battle',
    'siege',
    'war',
    'river',
    'king',
    'army',
    'french',
    'british',
    'roman',
    'bat',
    'siedge',
    '1066',
    'in france',
    '18th century',
  ]
  const query = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '))
  const options = fc.record(
    {
      prefix: fc.boolean(),
      fuzzy: fc.constantFrom(0, 1, 0.2),
      combineWith: fc.constantFrom('AND' as const, 'OR' as const),
      understand: fc.boolean(),
      applySuggested: fc.boolean(),
      sort: fc.constantFrom('relevance' as const, 'date' as const, '-date' as const),
    },
    { requiredKeys: [] },
  )

  test('is the cut of the whole ranking at its offset, with the same total and scores', () => {
    fc.assert(
      fc.property(query, options, fc.nat(40), fc.integer({ min: 1, max: 30 }), (text, given, offset, limit) => {
        const all = index.search(text, { ...given, limit: 10_000 })
        const page = index.search(text, { ...given, offset, limit })
        expect(page.total).toBe(all.total)
        expect(page.hits.map((hit) => [hit.id, hit.score])).toEqual(
          all.hits.slice(offset, offset + limit).map((hit) => [hit.id, hit.score]),
        )
      }),
      fcParameters(300),
    )
  })

  test('ranks articles of equal score in the order they were met', () => {
    const { hits } = index.search(readFixture(slugs[0] as string).match(/^title: (.*)$/m)?.[1] ?? '', { limit: 100 })
    const tied = hits.filter((hit) => hit.id.startsWith(slugs[0] as string))
    expect(tied.map((hit) => hit.id)).toEqual([slugs[0], `${slugs[0]}-copy-1`, `${slugs[0]}-copy-2`])
    expect(new Set(tied.map((hit) => hit.score)).size).toBe(1)
  })
})

describe('snippets made when read', () => {
  test('are made once, on first read, and are what makeSnippet makes', () => {
    const make = vi.fn(() => makeSnippet('The army crossed the river at dawn.', new Set(['river'])))
    const hit = snippetWhenRead({ id: 'a', snippet: pendingSnippet, score: 1 }, make)
    expect(make).not.toHaveBeenCalled()
    expect(hit.snippet).toEqual({ text: 'The army crossed the river at dawn.', ranges: [[21, 26]] })
    expect(hit.snippet).toBe(hit.snippet)
    expect(make).toHaveBeenCalledTimes(1)
    expect(Object.getOwnPropertyDescriptor(hit, 'snippet')).toMatchObject({ writable: true, enumerable: true })
  })

  test('may be replaced before or after they are read, as any key of a plain object', () => {
    const make = vi.fn(() => makeSnippet('Cavalry at the ford.', new Set(['ford'])))
    const unread: { snippet: Snippet } = snippetWhenRead({ snippet: pendingSnippet }, make)
    unread.snippet = { text: 'mine', ranges: [] }
    expect(unread.snippet.text).toBe('mine')
    expect(make).not.toHaveBeenCalled()
    const read: { snippet: Snippet } = snippetWhenRead({ snippet: pendingSnippet }, make)
    expect(read.snippet.text).toBe('Cavalry at the ford.')
    read.snippet = { text: 'mine', ranges: [] }
    expect(read.snippet.text).toBe('mine')
  })

  test('keep their place among the keys, and serialise, spread and clone with the hit', () => {
    const index = buildIndex(fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })))
    const [hit] = index.search('cannae').hits
    if (hit === undefined) throw new Error('no hit for cannae')
    const keys = Object.keys(hit)
    expect(keys.indexOf('snippet')).toBe(keys.indexOf('terms') + 1)
    const read = JSON.parse(JSON.stringify(hit)) as typeof hit
    expect(read.snippet.ranges.length).toBeGreaterThan(0)
    expect({ ...hit }.snippet).toEqual(read.snippet)
    expect(structuredClone(hit).snippet).toEqual(read.snippet)
  })
})
