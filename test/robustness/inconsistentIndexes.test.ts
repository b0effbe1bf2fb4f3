import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, serializeIndex } from '../../src/build.js'
import { IndexFormatError, loadIndex, type SearchIndex } from '../../src/index.js'
import { fixtureSlugs, readFixture } from '../helpers.js'
import { fcParameters } from './helpers.js'

// Index files whose JSON is well formed but whose parts disagree: what a
// buggy writer, a hand edit or a hostile server could serve. Each is refused
// with a typed IndexFormatError (at load, or ERR_INDEX_CORRUPT from the
// search that reads a corrupt term), or it loads and every answer keeps the
// promises a search page relies on: counts within totals, a filter on a
// counted value finds that many articles, finite scores, a bounded histogram.
// indexFiles.test.ts names each refusal; this file generates them.

const json = serializeIndex(
  buildIndex(
    fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
    { body: 'lead' },
  ),
)
type Json = Record<string, any>
const size = (JSON.parse(json) as Json)['documents'].length as number

/** A value that is wrong for whatever it replaces. */
const junk = fc.oneof(
  fc.integer({ min: -3, max: size + 3 }),
  fc.constantFrom(-1, size, 1.5, -0.5, 1e13, -1e13, 1e308, 0),
  fc.constantFrom(null, '1', '', 'x', true, [], {}),
)

/** One edit that breaks a promise between parts of the file, picked and placed by `at` and `value`. */
type Edit = (envelope: Json, at: number, value: unknown) => void
const pick = <T>(list: readonly T[], at: number): T | undefined => list[at % Math.max(1, list.length)]
const tables = (e: Json): Json[] => Object.values(e['facets'].tables as Record<string, Json>)
const postings = (e: Json): Record<string, Record<string, unknown>>[] =>
  (e['minisearch'].index as [string, Record<string, Record<string, unknown>>][]).map(([, fields]) => fields)

const edits: Readonly<Record<string, Edit>> = {
  'a document listed twice under a value': (e, at) => {
    const docs = pick(pick(tables(e), at)?.['docs'] ?? [], at >> 3) as number[] | undefined
    if (docs !== undefined && docs.length > 0) docs.splice(at % docs.length, 0, docs[at % docs.length] as number)
  },
  "a value's documents swapped": (e, at) => {
    const docs = pick(pick(tables(e), at)?.['docs'] ?? [], at >> 3) as number[] | undefined
    if (docs !== undefined && docs.length > 1) docs.reverse()
  },
  "a value's document replaced": (e, at, value) => {
    const docs = pick(pick(tables(e), at)?.['docs'] ?? [], at >> 3) as unknown[] | undefined
    if (docs !== undefined && docs.length > 0) docs[at % docs.length] = value
  },
  'two values swapped': (e, at) => {
    const table = pick(tables(e), at)
    const values = table?.['values'] as unknown[] | undefined
    if (values === undefined || values.length < 2) return
    const i = at % (values.length - 1)
    ;[values[i], values[i + 1]] = [values[i + 1], values[i]]
  },
  'a value replaced': (e, at, value) => {
    const values = pick(tables(e), at)?.['values'] as unknown[] | undefined
    if (values !== undefined && values.length > 0) values[at % values.length] = value
  },
  'a value repeated': (e, at) => {
    const table = pick(tables(e), at)
    const values = table?.['values'] as unknown[] | undefined
    if (values === undefined || values.length === 0) return
    values.splice(at % values.length, 0, values[at % values.length])
    ;(table?.['docs'] as unknown[]).splice(at % values.length, 0, [0])
  },
  'a label replaced': (e, at, value) => {
    const table = pick(tables(e), at)
    if (table !== undefined) table['labels'] = { [String(pick(table['values'] as unknown[], at))]: value }
  },
  'a date key replaced': (e, at, value) => {
    const side = at % 2 === 0 ? 'start' : 'end'
    ;(e['facets'].date[side] as unknown[])[(at >> 1) % size] = typeof value === 'number' ? value * 1e4 : value
  },
  'a date key a million years away': (e, at) => {
    ;(e['facets'].date.start as unknown[])[at % size] = -1e10 - at
  },
  'the date lists one short': (e, at) => {
    ;(e['facets'].date[at % 2 === 0 ? 'start' : 'end'] as unknown[]).pop()
  },
  'a field length replaced': (e, at, value) => {
    ;(e['minisearch'].fieldLength[String(at % size)] as unknown[])[(at >> 4) % 5] = value
  },
  'an average field length replaced': (e, at, value) => {
    ;(e['minisearch'].averageFieldLength as unknown[])[at % 5] = value
  },
  'field ids permuted': (e, at) => {
    const ids = e['minisearch'].fieldIds as Record<string, number>
    const names = Object.keys(ids)
    const a = pick(names, at) as string
    const b = pick(names, at >> 3) as string
    ;[ids[a], ids[b]] = [ids[b] as number, ids[a] as number]
  },
  'a posting added': (e, at, value) => {
    const fields = pick(postings(e), at)
    const counts = fields === undefined ? undefined : pick(Object.values(fields), at >> 5)
    if (counts !== undefined)
      counts[String(typeof value === 'number' ? value : at % (size + 2))] = at % 3 === 0 ? value : 1
  },
  'a posting count replaced': (e, at, value) => {
    const fields = pick(postings(e), at)
    const counts = fields === undefined ? undefined : pick(Object.values(fields), at >> 5)
    const doc = counts === undefined ? undefined : pick(Object.keys(counts), at >> 7)
    if (counts !== undefined && doc !== undefined) counts[doc] = value
  },
  'a posting under another field': (e, at) => {
    const fields = pick(postings(e), at)
    if (fields !== undefined) fields[String(5 + (at % 3))] = { 0: 1 }
  },
  'the document count off': (e, at) => {
    e['minisearch'].documentCount = size + (at % 2 === 0 ? 1 : -1)
  },
  'a text dropped': (e) => {
    ;(e['texts'] as unknown[]).pop()
  },
  'a stored field replaced': (e, at, value) => {
    const document = pick(e['documents'] as Json[], at) as Json
    document[pick(['id', 'title', 'date', 'place'], at >> 4) as string] = value
  },
  'a facet renamed': (e, at) => {
    const all = e['facets'].tables as Record<string, unknown>
    const name = pick(Object.keys(all), at) as string
    all[pick(['__proto__', 'place@x', 'a b', 'constructor', `${name}@99`], at >> 3) as string] = all[name]
    if (at % 2 === 0) delete all[name]
  },
}
const editNames = Object.keys(edits)
const edit = fc.tuple(fc.constantFrom(...editNames), fc.nat(1 << 20), junk)

/** Searches a page makes, checked for the promises an answer keeps; throws the first broken one. */
function answersKeepTheirPromises(index: SearchIndex): void {
  // Values facets: a counted value filters to its count (the coordinates' grid cells are not filter values).
  const facets = index.facetNames.filter((name) => name !== 'date' && name !== 'coordinates')
  for (const query of ['', 'battle', 'siege of vien', 'hanibal']) {
    const result = index.search(query, { facets: [...facets, 'date'], limit: size })
    expect(result.total).toBeLessThanOrEqual(size)
    expect(result.totalUnfiltered).toBeLessThanOrEqual(size)
    for (const hit of result.hits) {
      expect(Number.isFinite(hit.score)).toBe(true)
      expect(typeof hit.id).toBe('string')
      expect(typeof hit.title).toBe('string')
    }
    const counts = result.facets as Record<string, readonly { value: string; count: number; from?: number }[]>
    for (const name of facets) {
      for (const { value, count } of counts[name] ?? []) {
        expect(count).toBeLessThanOrEqual(result.total)
        // A value counted is a value a filter finds, as many times.
        expect(index.search(query, { filters: { [name]: [value] } }).total).toBe(count)
      }
    }
    // Centuries from 10,000 BC to AD 10,000: never the millions a key far away made.
    const buckets = counts['date'] ?? []
    expect(buckets.length).toBeLessThanOrEqual(201)
    for (const bucket of buckets) expect(bucket.count).toBeLessThanOrEqual(result.total)
  }
  index.search('battle', { facets: { date: { interval: 'year' } }, sort: 'date', filters: { date: { from: -500 } } })
  index.suggest('bat')
}

describe('internally inconsistent index files', () => {
  test('every edit is refused with a typed error, or loads and answers consistently', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (chosen) => {
        const envelope = JSON.parse(json) as Json
        for (const [name, at, value] of chosen) edits[name]?.(envelope, at, value)
        let index: SearchIndex
        try {
          index = loadIndex(JSON.stringify(envelope))
        } catch (error) {
          expect(error).toBeInstanceOf(IndexFormatError)
          return
        }
        try {
          answersKeepTheirPromises(index)
        } catch (error) {
          if (error instanceof IndexFormatError && error.code === 'ERR_INDEX_CORRUPT') return
          throw error
        }
      }),
      fcParameters(400),
    )
  })

  test('the edits each reach the part they name (none is always a no-op on this index)', () => {
    for (const name of editNames) {
      const changed = Array.from({ length: 16 }, (_, at) => {
        const envelope = JSON.parse(json) as Json
        edits[name]?.(envelope, at * 7919, 'x')
        return JSON.stringify(envelope) !== json
      })
      expect(changed.some(Boolean), name).toBe(true)
    }
  })
})
