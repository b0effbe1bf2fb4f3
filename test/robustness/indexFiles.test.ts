import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, serializeIndex, type Article, type Infobox } from '../../src/build.js'
import { IndexFormatError, OptionsError, loadIndex, loadIndexAsync, type SearchIndex } from '../../src/index.js'
import { fcParameters, goodArticle } from './helpers.js'

// Every bad index file is refused with a typed IndexFormatError and a stable
// code; a file that loads never makes `search` throw anything else (a term's
// postings are checked when a query first reads them: ERR_INDEX_CORRUPT then).
// serialize.test.ts pins the messages of the basic refusals; this file adds
// payload corruption, golden files of other versions, and fuzzing.

const compat = (file: string) => readFileSync(new URL(`../compat/${file}`, import.meta.url), 'utf8')

const small = buildIndex(
  ['Alpha', 'Bravo', 'Charlie'].map((marker, i) =>
    parseArticle(goodArticle(marker).replace('1 May 1900', `${i + 1} May 190${i}`), { id: marker.toLowerCase() }),
  ),
  { facets: ['partof'] },
)
const json = serializeIndex(small)
/** Parsed index JSON, mutated freely by the tests. */
type Json = Record<string, any>
const envelope = (): Json => JSON.parse(json) as Json
/** The envelope after `change` (which may mutate it or return a replacement), as text. */
const corrupt = (change: (envelope: Json) => unknown) => {
  const copy = envelope()
  const replaced = change(copy)
  return JSON.stringify(replaced === undefined ? copy : replaced)
}

/** Load, then do what a search page does; return the error thrown, if any. */
function tryLoadAndSearch(input: string | object): unknown {
  let index: SearchIndex
  try {
    index = loadIndex(input)
  } catch (error) {
    return error
  }
  const facets = ['place', 'combatant', 'date'].filter((name) => index.facetNames.includes(name))
  try {
    index.search('battle', { facets })
    index.search('', { facets, filters: { date: { from: 1900 } }, sort: 'date' })
    index.search('alpha brav', { facets: ['kind'].filter((name) => index.facetNames.includes(name)) })
    index.suggest('bat')
  } catch (error) {
    // Postings are checked when a query first reads them: the one error a search may throw for a file.
    if (error instanceof IndexFormatError && error.code === 'ERR_INDEX_CORRUPT') return error
    throw error
  }
  return undefined
}

function expectRefused(input: string | object, code: string, message?: string | RegExp): IndexFormatError {
  const error = tryLoadAndSearch(input)
  expect(error).toBeInstanceOf(IndexFormatError)
  expect((error as IndexFormatError).code).toBe(code)
  if (typeof message === 'string') expect((error as Error).message).toBe(message)
  else if (message !== undefined) expect((error as Error).message).toMatch(message)
  return error as IndexFormatError
}

describe('index files that are not ours', () => {
  test.each([
    ['truncated after the envelope opens', json.slice(0, 40), 'ERR_INDEX_CORRUPT'],
    ['truncated one character short', json.slice(0, -1), 'ERR_INDEX_CORRUPT'],
    ['empty', '', 'ERR_INDEX_CORRUPT'],
    [
      'an HTML error page with leading blank lines',
      '\n\n  <html><body>404 Not Found</body></html>',
      'ERR_INDEX_FORMAT',
    ],
    ['an HTML page with a byte-order mark', '\uFEFF<!DOCTYPE html><title>Error</title>', 'ERR_INDEX_FORMAT'],
    ['a JSON list', '[1, 2, 3]', 'ERR_INDEX_FORMAT'],
    ['a JSON string', '"infobox-search"', 'ERR_INDEX_FORMAT'],
    ['a JSON number', '42', 'ERR_INDEX_FORMAT'],
    ['another format', '{"format":"minisearch","version":1}', 'ERR_INDEX_FORMAT'],
    ['our envelope inside a list', `[${json}]`, 'ERR_INDEX_FORMAT'],
    ['our envelope wrapped in an object', `{"index":${json}}`, 'ERR_INDEX_FORMAT'],
  ])('%s → %s', (_name, input, code) => {
    expectRefused(input, code)
  })

  test('a byte-order mark before the JSON is dropped (it was reported as truncated)', () => {
    expect(loadIndex(`\uFEFF${json}`).search('alpha').total).toBe(1)
  })

  test('the bytes of a file are read as UTF-8: a Buffer, a Uint8Array, an ArrayBuffer (a Buffer was "not an index")', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${json}`)
    expect(loadIndex(Buffer.from(json)).search('alpha').total).toBe(1)
    expect(loadIndex(bytes).documentCount).toBe(3)
    expect(loadIndex(bytes.buffer).documentCount).toBe(3)
    expectRefused(new Uint8Array([0x7b, 0xff, 0x7d]), 'ERR_INDEX_CORRUPT', /the bytes are not UTF-8 text/)
    expectRefused(new TextEncoder().encode('<html>'), 'ERR_INDEX_FORMAT')
  })

  test('a parsed object that is not an envelope', () => {
    expectRefused({ hello: 'world' }, 'ERR_INDEX_FORMAT')
    expectRefused([], 'ERR_INDEX_FORMAT')
  })
})

describe('another format version', () => {
  test.each([
    ['older', 1, 'infobox-search@0.1.0'],
    ['newer', 3, 'infobox-search@1.0.0'],
    ['much newer', 99, 'infobox-search@9.0.0'],
  ])('an %s version is refused, naming both versions and how to rebuild', (_name, version, generator) => {
    const error = expectRefused(
      corrupt((e) => ({ ...e, version, generator })),
      'ERR_INDEX_VERSION',
      `Cannot load index: format version ${version} is not supported (this library reads version 2); rebuild it with "infobox-search build" from this version, or use the version of infobox-search that wrote it (${generator}).`,
    )
    expect(error).toMatchObject({ version, expected: 2, received: version })
  })

  test.each([
    ['a string', '1', /format version "1" is not supported/],
    ['a fraction', 1.5, /format version 1\.5 is not supported/],
    ['null', null, /format version null is not supported/],
    ['missing', undefined, /format version undefined is not supported/],
  ])('a version that is %s is refused', (_name, version, message) => {
    expectRefused(
      corrupt((e) => ({ ...e, version })),
      'ERR_INDEX_VERSION',
      message,
    )
  })
})

describe('a corrupted MiniSearch payload, or parts that disagree', () => {
  const count = small.documentCount
  const unreadable = 'Cannot load index: its MiniSearch payload could not be read; rebuild the index.'
  test.each([
    [
      'documentCount off by one',
      (e: Json) => void (e['minisearch'].documentCount = count + 1),
      `Cannot load index: it stores ${count} documents but its MiniSearch payload has ${count + 1}.`,
    ],
    [
      'documentCount as a string',
      (e: Json) => void (e['minisearch'].documentCount = String(count)),
      /but its MiniSearch payload has 3\.$/,
    ],
    ['index is an object', (e: Json) => void (e['minisearch'].index = {}), unreadable],
    ['an index entry whose term is a number', (e: Json) => void (e['minisearch'].index[0][0] = 42), unreadable],
    ['an index entry whose fields are null', (e: Json) => void (e['minisearch'].index[0][1] = null), unreadable],
    [
      'an index entry whose postings are null',
      (e: Json) => void (e['minisearch'].index[0][1] = { 0: null }),
      unreadable,
    ],
    ['fieldIds empty (every query found nothing)', (e: Json) => void (e['minisearch'].fieldIds = {}), unreadable],
    [
      'fieldIds swapped',
      (e: Json) => void (e['minisearch'].fieldIds = { ...e['minisearch'].fieldIds, title: 4, body: 0 }),
      unreadable,
    ],
    [
      'a field length that is text (NaN scores)',
      (e: Json) => void (e['minisearch'].fieldLength['0'][0] = '5'),
      unreadable,
    ],
    ['a field length that is negative', (e: Json) => void (e['minisearch'].fieldLength['1'][4] = -1), unreadable],
    ['postings under field "1.5"', (e: Json) => void (e['minisearch'].index[0][1] = { '1.5': { 0: 1 } }), unreadable],
    ['postings under field "-1"', (e: Json) => void (e['minisearch'].index[0][1] = { '-1': { 0: 1 } }), unreadable],
    ['fieldIds missing', (e: Json) => void delete e['minisearch'].fieldIds, unreadable],
    ['fieldIds null', (e: Json) => void (e['minisearch'].fieldIds = null), unreadable],
    ['documentIds missing', (e: Json) => void delete e['minisearch'].documentIds, unreadable],
    ['documentIds shifted', (e: Json) => void (e['minisearch'].documentIds = { 0: 1, 1: 2, 2: 0 }), unreadable],
    [
      'documentIds as strings',
      (e: Json) => void (e['minisearch'].documentIds = { 0: 'alpha', 1: 'bravo', 2: 'charlie' }),
      unreadable,
    ],
    ['documentIds one short', (e: Json) => void delete e['minisearch'].documentIds['2'], unreadable],
    ['documentIds one too many', (e: Json) => void (e['minisearch'].documentIds['3'] = 3), unreadable],
    ['averageFieldLength null', (e: Json) => void (e['minisearch'].averageFieldLength = null), unreadable],
    ['averageFieldLength a string', (e: Json) => void (e['minisearch'].averageFieldLength = '5'), unreadable],
    ['fieldLength missing a document', (e: Json) => void delete e['minisearch'].fieldLength['1'], unreadable],
    ['fieldLength of a document null', (e: Json) => void (e['minisearch'].fieldLength['0'] = null), unreadable],
    [
      'storedFields that would overwrite result ids',
      (e: Json) => void (e['minisearch'].storedFields = { 0: { id: 'x' } }),
      unreadable,
    ],
    ['serializationVersion 1', (e: Json) => void (e['minisearch'].serializationVersion = 1), unreadable],
    ['serializationVersion 3', (e: Json) => void (e['minisearch'].serializationVersion = 3), unreadable],
    ['minisearch missing', (e: Json) => void delete e['minisearch'], unreadable],
    ['minisearch a list', (e: Json) => void (e['minisearch'] = []), unreadable],
    [
      'a stored document without a title',
      (e: Json) => void delete e['documents'][1].title,
      'Cannot load index: "documents" must be a list of { id, title, … } (texts, and the app\'s own "fields").',
    ],
    [
      'a stored description that is a number',
      (e: Json) => void (e['documents'][0].description = 5),
      'Cannot load index: "documents" must be a list of { id, title, … } (texts, and the app\'s own "fields").',
    ],
    [
      'stored fields that are not an object',
      (e: Json) => void (e['documents'][0].fields = ['url']),
      'Cannot load index: "documents" must be a list of { id, title, … } (texts, and the app\'s own "fields").',
    ],
    [
      'a stored field that is a mapping',
      (e: Json) => void (e['documents'][0].fields = { url: { href: '/x' } }),
      'Cannot load index: "documents" must be a list of { id, title, … } (texts, and the app\'s own "fields").',
    ],
    [
      'a stored document that is a string',
      (e: Json) => void (e['documents'][2] = 'charlie'),
      'Cannot load index: "documents" must be a list of { id, title, … } (texts, and the app\'s own "fields").',
    ],
    [
      'one stored document more than MiniSearch has',
      (e: Json) => void e['documents'].push({ id: 'delta', title: 'Delta' }),
      `Cannot load index: it stores ${count + 1} documents but its MiniSearch payload has ${count}.`,
    ],
    [
      'a text that is not a string',
      (e: Json) => void (e['texts'][0] = null),
      `Cannot load index: "texts" must be ${count} strings, one per document.`,
    ],
    [
      'facets missing',
      (e: Json) => void delete e['facets'],
      'Cannot load index: "facets" must be { tables, date, geo }.',
    ],
    [
      'one latitude too few',
      (e: Json) => void e['facets'].geo.lat.pop(),
      'Cannot load index: "facets.geo" must hold 3 latitudes and longitudes in degrees (null for none).',
    ],
    [
      'a latitude past the pole',
      (e: Json) => void ((e['facets'].geo.lat[0] = 91), (e['facets'].geo.lon[0] = 0)),
      'Cannot load index: "facets.geo" must hold 3 latitudes and longitudes in degrees (null for none).',
    ],
    [
      'a latitude without its longitude',
      (e: Json) => void (e['facets'].geo.lat[0] = 10),
      'Cannot load index: "facets.geo" must hold 3 latitudes and longitudes in degrees (null for none).',
    ],
    [
      'a facet table of the wrong shape',
      (e: Json) => void (e['facets'].tables.place = { values: ['Rome'] }),
      'Cannot load index: facet "place" must be { values, docs } of equal length.',
    ],
    [
      'a facet pointing at document -1',
      (e: Json) => void (e['facets'].tables.place.docs[0] = [-1]),
      'Cannot load index: facet "place" refers to documents that are not in the index.',
    ],
    [
      'a date key that is not a number',
      (e: Json) => void (e['facets'].date.start[0] = '1900'),
      'Cannot load index: "facets.date" holds a date key that is not a date within 10,000 years.',
    ],
    [
      'a date key 100 million years ago (a histogram of millions of buckets, or RangeError: Map maximum size exceeded)',
      (e: Json) => void (e['facets'].date.start[0] = -999_999_999_999),
      'Cannot load index: "facets.date" holds a date key that is not a date within 10,000 years.',
    ],
    [
      'a date key in AD 10,001',
      (e: Json) => void (e['facets'].date.end[0] = 100_010_101),
      'Cannot load index: "facets.date" holds a date key that is not a date within 10,000 years.',
    ],
    [
      'a fractional date key',
      (e: Json) => void (e['facets'].date.start[0] = 19_000_101.5),
      'Cannot load index: "facets.date" holds a date key that is not a date within 10,000 years.',
    ],
    [
      'a document listed twice under one value (counts above the total)',
      (e: Json) => void (e['facets'].tables.place.docs[0] = [0, 0, 0]),
      'Cannot load index: facet "place" lists a value\'s documents out of order or twice.',
    ],
    [
      "a value's documents out of order",
      (e: Json) => void (e['facets'].tables.kind.docs[0] = [2, 1, 0]),
      'Cannot load index: facet "kind" lists a value\'s documents out of order or twice.',
    ],
    [
      'facet values out of order (filters matched nothing)',
      (e: Json) => {
        const table = e['facets'].tables.place
        table.values.reverse()
        table.docs.reverse()
      },
      'Cannot load index: facet "place" has values out of order or repeated.',
    ],
    [
      'a facet value repeated',
      (e: Json) => {
        const table = e['facets'].tables.place
        table.values.push(table.values.at(-1))
        table.docs.push([0])
      },
      'Cannot load index: facet "place" has values out of order or repeated.',
    ],
    [
      'a facet value that is not text',
      (e: Json) => void (e['facets'].tables.place.values[0] = 5),
      'Cannot load index: facet "place" has a value that is not text.',
    ],
    [
      'a label that is not text',
      (e: Json) => void (e['facets'].tables.place.labels = { Rome: 5 }),
      'Cannot load index: facet "place" has labels that are not text.',
    ],
    [
      'a hierarchy level pointing past the documents',
      (e: Json) => void (e['facets'].tables['place@0'].docs[0] = [count]),
      'Cannot load index: facet "place@0" refers to documents that are not in the index.',
    ],
    [
      'a boost that is text (NaN scores)',
      (e: Json) => void (e['options'].boost.title = '5'),
      'Cannot load index: its "options" are invalid.',
    ],
    [
      'an extra facet name that is not text',
      (e: Json) => void (e['options'].facets = [5]),
      'Cannot load index: its "options" are invalid.',
    ],
    [
      'options that are not an object',
      (e: Json) => void (e['options'] = 'sections'),
      'Cannot load index: its "options" are invalid.',
    ],
  ])('%s', (_name, change, message) => {
    expectRefused(corrupt(change), 'ERR_INDEX_CORRUPT', message)
  })

  /** The envelope with the postings of `term` in its first field replaced. */
  const withPostings = (term: string, counts: Record<string, unknown>) => (e: Json) => {
    const entry = (e['minisearch'].index as [string, Record<string, unknown>][]).find(([t]) => t === term)
    if (entry === undefined) throw new Error(`no term ${term}`)
    entry[1] = { [Object.keys(entry[1])[0] ?? '0']: counts }
  }
  test.each([
    ['a posting of a document that is not in the index', { 0: 1, [count]: 1 }, `document "${count}", count 1`],
    ['a posting of document -1', { '-1': 1 }, 'document "-1", count 1'],
    ['a posting of document "01" after document 1', { 1: 1, '01': 1 }, 'document "01", count 1'],
    ['a count of 0', { 0: 0 }, 'document "0", count 0'],
    ['a negative count', { 0: -5 }, 'document "0", count -5'],
    ['a fractional count', { 0: 1.5 }, 'document "0", count 1.5'],
    ['a count that is text', { 0: '2' }, 'document "0", count "2"'],
  ])('%s: the query that reads it throws ERR_INDEX_CORRUPT, never a wrong score', (_name, counts, detail) => {
    expectRefused(
      corrupt(withPostings('battle', counts)),
      'ERR_INDEX_CORRUPT',
      `Cannot search: the index's postings of "battle" are corrupt (${detail}); rebuild the index.`,
    )
  })

  test('loadIndexAsync refuses the same files with the same errors', async () => {
    for (const [input, code] of [
      [json.slice(0, 100), 'ERR_INDEX_CORRUPT'],
      [corrupt((e) => void (e['minisearch'].averageFieldLength = null)), 'ERR_INDEX_CORRUPT'],
      [corrupt((e) => ({ ...e, version: 3 })), 'ERR_INDEX_VERSION'],
      ['<html></html>', 'ERR_INDEX_FORMAT'],
    ] as const) {
      await expect(loadIndexAsync(input)).rejects.toMatchObject({ name: 'IndexFormatError', code })
      await expect(loadIndexAsync(new Response(input))).rejects.toMatchObject({ name: 'IndexFormatError', code })
    }
  })
})

describe('golden files (test/compat)', () => {
  test('v2.json, written by this format version, loads and answers as it did', () => {
    const index = loadIndex<{ url: string; tags: readonly string[] }>(compat('v2.json'))
    expect(index.documentCount).toBe(4)
    expect(index.facetNames).toEqual([
      'date',
      'coordinates',
      'combatant',
      'continent',
      'country',
      'kind',
      'partof',
      'place',
      'tags',
    ])
    const first = (query: string) => index.search(query).hits[0]
    expect(first('hannibal')).toMatchObject({
      id: 'battle-of-zama',
      title: 'Battle of Zama',
      date: 'October 202 BC',
      image: 'https://upload.wikimedia.org/example/zama.png',
    })
    expect(first('hochstadt')?.id).toBe('battle-of-hochstadt')
    expect(first('helepolis')?.snippet).toEqual({
      text: 'Demetrius brought the Helepolis, a siege tower nine storeys high, against the walls of Rhodes. The city held out for a year.',
      ranges: [[22, 31]],
    })
    expect(index.search('', { filters: { date: { from: -400, to: -200 } } }).hits.map((hit) => hit.id)).toEqual([
      'battle-of-zama',
      'siege-of-rhodes',
    ])
    expect(index.search('', { filters: { date: { from: 2030 } } }).hits.map((hit) => hit.id)).toEqual([
      'qamishli-clashes',
    ])
    const { facets } = index.search('', { facets: { place: { level: 0 }, date: { interval: 'century' }, partof: {} } })
    expect(facets.place).toEqual([
      { value: 'Germany', count: 1 },
      { value: 'Greece', count: 1 },
      { value: 'Syria', count: 1 },
      { value: 'Tunisia', count: 1 },
    ])
    expect(facets.date?.map((bucket) => bucket.value)).toEqual([
      '4th century BC',
      '3rd century BC',
      '18th century',
      '21st century',
    ])
    expect(facets.partof).toEqual([{ value: 'Second Punic War', count: 1 }])
    const zama = index.search('zama').hits[0]
    expect(zama?.fields).toEqual({ url: '/battles/zama', tags: ['punic wars', 'antiquity'] })
    expect(zama?.fields.url?.startsWith('/battles/')).toBe(true)
    expect(index.search('rhodes').hits[0]?.fields).toEqual({})
    // Coordinates in the converter's form (the sign is the truth): Zama is in Tunisia, east of Greenwich.
    expect(zama?.coordinates).toEqual({ lat: 36.27, lon: 9.45 })
    const near = index.search('', { near: { lat: 36.8, lon: 10.18 }, sort: 'distance' }).hits
    expect(near.map((hit) => [hit.id, hit.distance])).toEqual([
      ['battle-of-zama', 87.9],
      ['siege-of-rhodes', undefined],
      ['battle-of-hochstadt', undefined],
      ['qamishli-clashes', undefined],
    ])
    expect(index.search('', { facets: ['country', 'continent'] }).facets).toEqual({
      country: [
        { value: 'DE', label: 'Germany', count: 1 },
        { value: 'GR', label: 'Greece', count: 1 },
        { value: 'SY', label: 'Syria', count: 1 },
        { value: 'TN', label: 'Tunisia', count: 1 },
      ],
      continent: [
        { value: 'Europe', count: 2 },
        { value: 'Africa', count: 1 },
        { value: 'Asia', count: 1 },
      ],
    })
    expect(index.search('', { filters: { tags: ['antiquity'] } }).hits.map((hit) => hit.id)).toEqual(['battle-of-zama'])
  })

  test.each([
    ['v0.json', 0, 'infobox-search@0.0.1'],
    ['v1.json', 1, 'infobox-search@0.1.0'],
    ['v3.json', 3, 'infobox-search@1.0.0'],
  ])('%s is refused with ERR_INDEX_VERSION, naming both versions', async (file, version, generator) => {
    const message = `Cannot load index: format version ${version} is not supported (this library reads version 2); rebuild it with "infobox-search build" from this version, or use the version of infobox-search that wrote it (${generator}).`
    expectRefused(compat(file), 'ERR_INDEX_VERSION', message)
    await expect(loadIndexAsync(new Response(compat(file)))).rejects.toThrow(message)
  })
})

describe('properties', () => {
  /** Loading returns an index whose searches never throw, or throws an IndexFormatError. */
  const loadsSafely = (input: string) => {
    const error = tryLoadAndSearch(input)
    if (error !== undefined && !(error instanceof IndexFormatError)) throw error
  }

  test('byte flips, cuts and deletions of a valid file', () => {
    const pieces = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      '"',
      ',',
      ':',
      '0',
      '9',
      '-',
      '.',
      'e',
      'x',
      ' ',
      'null',
      'true',
      '\\',
      '\uD800',
    )
    const edit = fc.tuple(
      fc.nat(json.length),
      fc.constantFrom('replace', 'insert', 'delete', 'cut'),
      pieces,
      fc.nat(20),
    )
    const mutated = fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
      let text = json
      for (const [at, kind, piece, length] of edits) {
        const i = at % (text.length + 1)
        if (kind === 'cut') text = text.slice(0, i)
        else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + length + 1)
        else text = text.slice(0, i) + piece + text.slice(kind === 'replace' ? i + 1 : i)
      }
      return text
    })
    fc.assert(fc.property(mutated, loadsSafely), fcParameters(400))
  })

  /** Every [parent, key] in a JSON tree, root first. */
  function places(root: Json): [Json, string][] {
    const found: [Json, string][] = []
    const stack: unknown[] = [root]
    while (stack.length > 0) {
      const node = stack.pop()
      if (typeof node !== 'object' || node === null) continue
      for (const key of Object.keys(node)) {
        found.push([node as Json, key])
        stack.push((node as Json)[key])
      }
    }
    return found
  }
  const replacements: readonly ((value: unknown) => unknown)[] = [
    () => undefined, // delete the key
    (value) => (typeof value === 'number' ? value + 1 : 1),
    (value) => (typeof value === 'number' ? -value : -1),
    (value) => (typeof value === 'number' ? value * 1e9 : 1e9),
    (value) => [value], // wrap in a list
    (value) => ({ value }), // wrap in an object
    () => null,
    (value) => String(value),
    () => ({}),
    () => [],
    () => '__proto__',
    (value) => (Array.isArray(value) ? value.slice(1) : value),
    (value) => (Array.isArray(value) ? [...value, ...value] : value),
    (value) => (Array.isArray(value) ? [...value].reverse() : value),
  ]

  test('JSON-level mutations: delete a key, change a number, wrap, swap types', () => {
    const mutation = fc.tuple(fc.nat(), fc.nat(replacements.length - 1))
    const mutated = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((list) => {
      const root = envelope()
      for (const [at, which] of list) {
        const all = places(root)
        const [parent, key] = all[at % all.length] ?? [root, 'format']
        const next = replacements[which]?.(parent[key])
        // Deleting from a list would leave a hole; put the new value there instead.
        if (next === undefined && !Array.isArray(parent)) Reflect.deleteProperty(parent, key)
        else Reflect.set(parent, key, next)
      }
      return JSON.stringify(root)
    })
    fc.assert(fc.property(mutated, loadsSafely), fcParameters(1500))
  })

  test('a facet missing from a loaded index is a typed OptionsError, never a crash', () => {
    const text = corrupt((e) => void delete e['facets'].tables.combatant)
    const index = loadIndex(text)
    expect(index.facetNames).not.toContain('combatant')
    expect(() => index.search('battle', { facets: ['place', 'combatant', 'date'] })).toThrow(OptionsError)
  })

  test('serialize → load → serialize is byte-identical for articles with hostile strings', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 })
    const articleSpec = fc.record({
      title: text,
      body: text,
      place: text,
      combatant: text,
      date: fc.oneof(fc.constantFrom('1 May 1900', '490 BC', '2011–present', ''), text),
    })
    fc.assert(
      fc.property(fc.array(articleSpec, { minLength: 1, maxLength: 6 }), (specs) => {
        const articles: Article[] = specs.map((spec, i) => ({
          id: `a${i}`,
          title: spec.title,
          body: spec.body,
          infoboxes: [
            Object.assign(Object.create(null) as Infobox, {
              place: { text: spec.place, links: [] },
              combatant1: { text: spec.combatant, links: [] },
              date: { text: spec.date, links: [] },
            }),
          ],
          diagnostics: [],
        }))
        const first = serializeIndex(buildIndex(articles, { facets: ['partof'] }))
        const loaded = loadIndex(first)
        expect(serializeIndex(loaded)).toBe(first)
        expect(tryLoadAndSearch(first)).toBeUndefined()
      }),
      fcParameters(150),
    )
  })
})
