import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, serializeIndex } from '../src/build.js'
import { IndexFormatError, indexFormatVersion, loadIndex, loadIndexAsync, type SearchIndex } from '../src/index.js'
import { fixtureSlugs, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

const articles = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const index = buildIndex(articles, { facets: ['partof'] })
const json = serializeIndex(index)

/** What a user sees of a search: ids, scores, snippets and facet counts. */
function observe(target: SearchIndex, query: string, options = {}) {
  return target.search(query, { facets: ['place', 'combatant', 'date', 'kind'], ...options })
}

describe('serializeIndex', () => {
  test('writes the versioned envelope, keys in order', () => {
    const envelope = JSON.parse(json) as Record<string, unknown>
    expect(Object.keys(envelope)).toEqual([
      'format',
      'version',
      'generator',
      'options',
      'documents',
      'texts',
      'facets',
      'minisearch',
    ])
    expect(envelope['format']).toBe('infobox-search')
    expect(envelope['version']).toBe(indexFormatVersion)
    expect(envelope['generator']).toMatch(/^infobox-search@\d+\.\d+\.\d+/)
    expect(envelope['options']).toEqual({
      body: 'full',
      boost: { title: 5, shortDescription: 2, description: 1.5, infobox: 1.5, body: 1, custom: 1.5 },
      facets: ['partof'],
      store: [],
      fields: [],
      maxBodyLength: 2_000_000,
    })
  })

  test('is deterministic: same input, byte-identical output', () => {
    expect(serializeIndex(buildIndex(articles, { facets: ['partof'] }))).toBe(json)
  })

  test('serialize → load → serialize is byte-identical', () => {
    expect(serializeIndex(loadIndex(json))).toBe(json)
  })

  test('a loaded index answers exactly like the built one', () => {
    const loaded = loadIndex(json)
    for (const query of ['battle', 'syria', 'wladyslaw', 'sobiesk', '']) {
      expect(observe(loaded, query, { filters: { date: { from: 1000 } } })).toEqual(
        observe(index, query, { filters: { date: { from: 1000 } } }),
      )
    }
  })
})

describe('loadIndex', () => {
  test('accepts a string, a parsed object and a Response', async () => {
    expect(loadIndex(json).documentCount).toBe(articles.length)
    expect(loadIndex(JSON.parse(json) as object).documentCount).toBe(articles.length)
    expect((await loadIndex(new Response(json))).documentCount).toBe(articles.length)
    expect((await loadIndexAsync(Promise.resolve(new Response(json)))).search('cannae').hits[0]?.id).toBe(
      'battle-of-cannae',
    )
  })

  test('a failed response is a clear error', async () => {
    await expect(loadIndex(new Response('Not found', { status: 404, statusText: 'Not Found' }))).rejects.toThrow(
      /server answered 404 Not Found/,
    )
  })

  const envelope = () => JSON.parse(json) as Record<string, any>
  test.each([
    [
      'truncated JSON',
      json.slice(0, json.length / 2),
      'ERR_INDEX_CORRUPT',
      'Cannot load index: the JSON is truncated or malformed; rebuild the index or download it again.',
    ],
    [
      'an HTML error page',
      '<!doctype html><h1>502 Bad Gateway</h1>',
      'ERR_INDEX_FORMAT',
      'Cannot load index: the input is HTML, not JSON (an error page served instead of the index?); check the URL or path.',
    ],
    [
      'JSON that is not our envelope',
      '{"hello":"world"}',
      'ERR_INDEX_FORMAT',
      'Cannot load index: the input is not an infobox-search index (no "format": "infobox-search"); build one with "infobox-search build".',
    ],
    ['a plain MiniSearch index', JSON.stringify(envelope()['minisearch']), 'ERR_INDEX_FORMAT', undefined],
    ['null', 'null', 'ERR_INDEX_FORMAT', undefined],
    [
      'an older version',
      JSON.stringify({ ...envelope(), version: 0, generator: 'infobox-search@0.0.1' }),
      'ERR_INDEX_VERSION',
      'Cannot load index: format version 0 is not supported (this library reads version 2); rebuild it with "infobox-search build" from this version, or use the version of infobox-search that wrote it (infobox-search@0.0.1).',
    ],
    [
      'a newer version',
      JSON.stringify({ ...envelope(), version: 3, minisearch: 'whatever' }),
      'ERR_INDEX_VERSION',
      /format version 3 is not supported \(this library reads version 2\)/,
    ],
    [
      'a version as a string',
      JSON.stringify({ ...envelope(), version: '1' }),
      'ERR_INDEX_VERSION',
      /format version "1" is not supported/,
    ],
    [
      'invalid options',
      JSON.stringify({ ...envelope(), options: { body: 'everything' } }),
      'ERR_INDEX_CORRUPT',
      'Cannot load index: its "options" are invalid.',
    ],
    [
      'a corrupted MiniSearch payload',
      JSON.stringify({ ...envelope(), minisearch: { ...envelope()['minisearch'], index: 42 } }),
      'ERR_INDEX_CORRUPT',
      'Cannot load index: its MiniSearch payload could not be read; rebuild the index.',
    ],
    [
      'another MiniSearch serialization version',
      JSON.stringify({ ...envelope(), minisearch: { ...envelope()['minisearch'], serializationVersion: 99 } }),
      'ERR_INDEX_CORRUPT',
      undefined,
    ],
    [
      'documents that disagree with MiniSearch',
      JSON.stringify({ ...envelope(), documents: envelope()['documents'].slice(1) }),
      'ERR_INDEX_CORRUPT',
      `Cannot load index: it stores ${articles.length - 1} documents but its MiniSearch payload has ${articles.length}.`,
    ],
    [
      'texts missing',
      JSON.stringify({ ...envelope(), texts: [] }),
      'ERR_INDEX_CORRUPT',
      `Cannot load index: "texts" must be ${articles.length} strings, one per document.`,
    ],
    [
      'a facet pointing past the documents',
      JSON.stringify({
        ...envelope(),
        facets: { ...envelope()['facets'], tables: { place: { values: ['X'], docs: [[999]] } } },
      }),
      'ERR_INDEX_CORRUPT',
      'Cannot load index: facet "place" refers to documents that are not in the index.',
    ],
    [
      'a __proto__ facet',
      json.replace('"tables":{', '"tables":{"__proto__":{"values":[],"docs":[]},'),
      'ERR_INDEX_CORRUPT',
      'Cannot load index: facet name "__proto__" is not allowed.',
    ],
    [
      'date keys of the wrong length',
      JSON.stringify({ ...envelope(), facets: { ...envelope()['facets'], date: { start: [], end: [] } } }),
      'ERR_INDEX_CORRUPT',
      `Cannot load index: "facets.date" must hold ${articles.length} start and end keys.`,
    ],
  ])('refuses %s with %s', (_name, input, code, message) => {
    let error: unknown
    try {
      loadIndex(input)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(IndexFormatError)
    expect((error as IndexFormatError).code).toBe(code)
    if (typeof message === 'string') expect((error as Error).message).toBe(message)
    else if (message !== undefined) expect((error as Error).message).toMatch(message)
  })
})

describe('properties', () => {
  const words = ['battle', 'siege', 'river', 'king', 'Świecino', 'Höchstädt', 'Łódź', 'fort', 'hill', 'war', 'Kraków']
  const articleArbitrary = fc.record({
    title: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
    body: fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((w) => w.join(' ')),
    place: fc
      .subarray(['Poland', 'Syria', 'Italy', 'Bavaria, Germany'], { minLength: 0, maxLength: 2 })
      .map((p) => p.join(', ')),
    year: fc.integer({ min: -500, max: 2020 }).filter((y) => y !== 0),
  })

  test('save → load gives the same results as the in-memory index', () => {
    fc.assert(
      fc.property(
        fc.array(articleArbitrary, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('', ...words, 'bat', 'swiecino', 'hochstadt'),
        (specs, query) => {
          const built = buildIndex(
            specs.map((spec, i) =>
              parseArticle(
                `---\ntitle: ${JSON.stringify(spec.title)}\ninfoboxes:\n  - date: { text: "${Math.abs(spec.year)}${spec.year < 0 ? ' BC' : ''}" }\n    place: { text: ${JSON.stringify(spec.place)} }\n---\n${spec.body}\n`,
                { id: `a${i}` },
              ),
            ),
          )
          const text = serializeIndex(built)
          const loaded = loadIndex(text)
          expect(observe(loaded, query)).toEqual(observe(built, query))
          expect(serializeIndex(loaded)).toBe(text)
        },
      ),
      fcParameters(60),
    )
  })
})
