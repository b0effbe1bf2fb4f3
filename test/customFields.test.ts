import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, resolveIndexOptions, serializeIndex } from '../src/build.js'
import { extractRecord } from '../src/extract/extractRecord.js'
import { loadIndex, OptionsError } from '../src/index.js'
import { chunkInMemory } from './chunked/helpers.js'

/** An article with the app's own front-matter fields besides the infobox. */
function article(id: string, ownFields: string, conflict = 'Battle of Lepanto') {
  return parseArticle(
    `---
title: ${conflict}
${ownFields}
infoboxes:
  - conflict: { text: ${conflict} }
    date: { text: 7 October 1571 }
    place: { text: "Gulf of Patras, Greece" }
    combatant1: { text: Holy League }
    combatant2: { text: Ottoman Empire }
---

Galleys of the Holy League met the Ottoman fleet off western Greece.
`,
    { id },
  )
}

const lepanto = article(
  'lepanto',
  `url: /sea/lepanto-quinquireme
tags: [naval, galleys]
category: Sea battles of the sixteenth century
rank: 3
featured: true
published: 2024-05-01`,
)
const preveza = article(
  'preveza',
  `url: /battles/preveza
tags: naval
category: Sea battles of the Ottoman wars`,
  'Battle of Preveza',
)
const mohacs = article('mohacs', 'tags: [land]', 'Battle of Mohács')

describe('parsing keeps the front matter that is not the article', () => {
  test.each([
    ['a text', 'url: /battles/x', { url: '/battles/x' }],
    ['a number', 'rank: 3', { rank: 3 }],
    ['a boolean', 'featured: false', { featured: false }],
    ['a list of texts', 'tags: [naval, galleys]', { tags: ['naval', 'galleys'] }],
    ['a list with numbers, as texts', 'years: [1571, 1572]', { years: ['1571', '1572'] }],
    ['a date, as written (YAML 1.2 core schema: no timestamps)', 'published: 2024-05-01', { published: '2024-05-01' }],
    ['a mapping, marked as such', 'meta: { a: 1 }', { meta: null }],
    ['a list of mappings, marked as such', 'links: [{ a: 1 }]', { links: null }],
    ['blank and null values, left out', 'note: "  "\nempty: null', {}],
    ['keys that could reach a prototype, never kept', '__proto__: { polluted: yes }\nconstructor: x', {}],
  ])('%s', (_name, yaml, fields) => {
    const parsed = parseArticle(`---\ntitle: T\n${yaml}\n---\nBody.`)
    expect({ ...parsed.fields }).toEqual(fields)
    expect(Object.getPrototypeOf(parsed.fields)).toBeNull()
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  test('the article keys stay the article', () => {
    expect(Object.keys(lepanto.fields ?? {}).sort()).toEqual([
      'category',
      'featured',
      'published',
      'rank',
      'tags',
      'url',
    ])
  })
})

describe('extractRecord reads the fields the options name', () => {
  const options = resolveIndexOptions({ store: ['url', 'tags', 'rank'], fields: ['category'], facets: ['tags'] })

  test('stored as written, searched as text, faceted by value', () => {
    const record = extractRecord(lepanto, options)
    expect(record.fields).toEqual({ url: '/sea/lepanto-quinquireme', tags: ['naval', 'galleys'], rank: 3 })
    expect(record.custom).toBe('Sea battles of the sixteenth century')
    expect(record.facets.extra['tags']).toEqual(['naval', 'galleys'])
    expect(record.diagnostics).toEqual([])
  })

  test('a field an article lacks, or holds as a mapping, is a warning naming it', () => {
    const record = extractRecord(mohacs, options)
    expect(record.fields).toEqual({ tags: ['land'] })
    expect(record.diagnostics.map(({ code, message }) => [code, message])).toEqual([
      ['field-missing', 'no "rank" in front matter (named by --store or --field)'],
      ['field-missing', 'no "url" in front matter (named by --store or --field)'],
      ['field-missing', 'no "category" in front matter (named by --store or --field)'],
    ])
    const odd = parseArticle('---\ntitle: Odd\nurl: { href: /x }\ntags: [naval]\nrank: 1\ncategory: c\n---\n')
    expect(extractRecord(odd, options).diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'field-type',
        message:
          'front-matter field "url" should be a text, a number, a boolean or a list of texts, not a mapping; it was ignored',
      },
    ])
  })

  test('a facet found in the infobox only is not a missing field', () => {
    expect(extractRecord(mohacs, resolveIndexOptions({ facets: ['commander'] })).diagnostics).toEqual([])
  })
})

describe('options name fields clearly', () => {
  test.each([
    ['store', ['title']],
    ['store', ['__proto__']],
    ['fields', 'category'],
    ['fields', ['two words']],
    ['store', [3]],
  ])('%s: %j is refused', (option, value) => {
    expect(() => resolveIndexOptions({ [option]: value })).toThrow(OptionsError)
    expect(() => resolveIndexOptions({ [option]: value })).toThrow(
      new RegExp(`option "${option}".*front-matter field names`),
    )
  })

  test('names are kept unique and sorted (one cache fingerprint per set)', () => {
    expect(resolveIndexOptions({ store: ['url', 'tags', 'url'] }).store).toEqual(['tags', 'url'])
  })
})

describe('an index with the app’s fields', () => {
  const options = { store: ['url', 'tags', 'rank'], fields: ['category'], facets: ['tags'] }
  const built = buildIndex([lepanto, preveza, mohacs], options)
  const loaded = loadIndex<{ url: string; tags: readonly string[]; rank: number }>(serializeIndex(built))

  test('hits carry the stored fields, typed by the app', () => {
    const [hit] = loaded.search('lepanto').hits
    expect(hit?.fields).toEqual({ url: '/sea/lepanto-quinquireme', tags: ['naval', 'galleys'], rank: 3 })
    const url: string | undefined = hit?.fields.url
    expect(url).toBe('/sea/lepanto-quinquireme')
    expect(loaded.search('mohacs').hits[0]?.fields).toEqual({ tags: ['land'] })
  })

  test('the searched fields find articles by words only they hold', () => {
    expect(loaded.search('sixteenth').hits.map((hit) => hit.id)).toEqual(['lepanto'])
    expect(loaded.search('ottoman wars').hits[0]?.id).toBe('preveza')
    // Stored but not searched: the URL's words are not terms.
    expect(built.search('quinquireme').total).toBe(0)
  })

  test('a front-matter facet counts and filters like an infobox facet', () => {
    const { facets, hits } = loaded.search('', { facets: ['tags'], filters: { tags: ['naval'] } })
    expect(hits.map((hit) => hit.id).sort()).toEqual(['lepanto', 'preveza'])
    expect(loaded.search('', { facets: ['tags'] }).facets.tags).toEqual([
      { value: 'naval', count: 2 },
      { value: 'galleys', count: 1 },
      { value: 'land', count: 1 },
    ])
    expect(facets.tags.find((count) => count.value === 'naval')?.count).toBe(2)
  })

  test('a chunked copy gives the same hits, fields included', async () => {
    const chunked = await chunkInMemory(built).load()
    for (const query of ['lepanto', 'sixteenth', 'naval']) {
      const expected = loaded.search(query, { facets: ['tags'] })
      const actual = await chunked.search(query, { facets: ['tags'] })
      expect(actual.hits).toEqual(expected.hits)
      expect(actual.facets).toEqual(expected.facets)
    }
  })
})
