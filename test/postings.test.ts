import fc from 'fast-check'
import MiniSearch from 'minisearch'
import { describe, expect, test } from 'vitest'
import { createIndexBuilder, parseArticle, serializeIndex, serializeIndexChunks, toEnvelope } from '../src/build.js'
import { countTerms } from '../src/extract/countTerms.js'
import { resolveIndexOptions, searchFields } from '../src/core/options.js'
import { packTerms, type TermIds } from '../src/builder/packedTerms.js'
import { createPostings } from '../src/builder/postings.js'
import { miniSearchOptions, type IndexedDocument } from '../src/core/miniSearchConfig.js'
import { loadIndex } from '../src/index.js'
import { fixtureSlugs, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

type Fields = Omit<IndexedDocument, 'i'>

/** What MiniSearch itself writes for these documents, terms sorted (as `serializeIndex` sorts them). */
function miniSearchJSON(documents: readonly Fields[]) {
  const miniSearch = new MiniSearch<IndexedDocument>(miniSearchOptions(resolveIndexOptions()))
  documents.forEach((fields, i) => miniSearch.add({ i, ...fields }))
  const json = miniSearch.toJSON()
  return { ...json, index: json.index.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) }
}

/** The same documents through `countTerms` + `createPostings`. */
function postingsJSON(documents: readonly Fields[]) {
  const postings = createPostings()
  for (const fields of documents) postings.add(countTerms(fields))
  const { head, entries, entriesJSON } = postings.toJSON()
  const index = [...entries()]
  // The fast writer gives what JSON.stringify gives.
  expect([...(entriesJSON?.() ?? [])]).toEqual(index.map((entry) => JSON.stringify(entry)))
  return { ...head, index, serializationVersion: 2 }
}

/**
 * The same documents counted in "workers" and packed, as `extractInWorkers`
 * hands them on: document `i` goes to worker `workerOf[i]`, each worker with
 * its own dictionary (a replaced worker is a new number: a fresh dictionary).
 */
function packedPostingsJSON(documents: readonly Fields[], workerOf: readonly number[]) {
  const postings = createPostings()
  const workers = new Map<number, { ids: TermIds; dictionary: { terms: string[] } }>()
  documents.forEach((fields, i) => {
    const slot = workerOf[i] ?? 0
    let worker = workers.get(slot)
    if (worker === undefined) workers.set(slot, (worker = { ids: new Map(), dictionary: { terms: [] } }))
    // What crosses the thread boundary is a structured clone.
    const { codes, newTerms } = structuredClone(packTerms(countTerms(fields), worker.ids))
    worker.dictionary.terms.push(...newTerms)
    postings.add({ codes, dictionary: worker.dictionary })
  })
  const { head, entries } = postings.toJSON()
  return { ...head, index: [...entries()], serializationVersion: 2 }
}

const articles = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))

describe('createPostings gives exactly the JSON MiniSearch would', () => {
  test('for the fixtures, byte for byte', () => {
    const builder = createIndexBuilder({ body: 'full' })
    const documents = articles.map((article) => {
      const record = builder.extract(article)
      return {
        title: record.title,
        shortDescription: record.shortDescription ?? '',
        description: record.description ?? '',
        infobox: record.infobox,
        body: record.body,
        custom: record.custom,
      }
    })
    expect(JSON.stringify(postingsJSON(documents))).toBe(JSON.stringify(miniSearchJSON(documents)))
  })

  test('for no documents', () => {
    expect(JSON.stringify(postingsJSON([]))).toBe(JSON.stringify(miniSearchJSON([])))
  })

  test('for arbitrary text: stop words, repeats, punctuation, combining marks, astral and lone surrogates', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'the',
        'The',
        'of',
        'Łódź',
        'Lodz',
        'Höchstädt',
        'Ho\u0308chsta\u0308dt',
        'ﬁnal',
        "d'Arc",
        '__proto__',
        'constructor',
        '1914–1918',
        '𝔄',
        '\uD800',
        '…',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
    )
    const text = fc.array(word, { maxLength: 12 }).map((words) => words.join(' '))
    const fields = fc.record(
      Object.fromEntries(searchFields.map((field) => [field, text])) as Record<keyof Fields, typeof text>,
    )
    fc.assert(
      fc.property(fc.array(fields, { maxLength: 6 }), (documents) => {
        expect(JSON.stringify(postingsJSON(documents))).toBe(JSON.stringify(miniSearchJSON(documents)))
      }),
      fcParameters(300),
    )
  })

  test('for counts packed by several workers, some of them replaced midway', () => {
    const word = fc.constantFrom(
      'the',
      'Cannae',
      'cannae',
      'Hannibal',
      'Łódź',
      'Lodz',
      '__proto__',
      'constructor',
      '1914–1918',
      '𝔄',
      '\uD800',
      'x',
      'y',
      'z',
    )
    const text = fc.array(word, { maxLength: 10 }).map((words) => words.join(' '))
    const fields = fc.record(
      Object.fromEntries(searchFields.map((field) => [field, text])) as Record<keyof Fields, typeof text>,
    )
    const documents = fc.array(fc.tuple(fields, fc.nat(4)), { maxLength: 12 })
    fc.assert(
      fc.property(documents, (pairs) => {
        const fieldsOnly = pairs.map(([fields]) => fields)
        expect(
          JSON.stringify(
            packedPostingsJSON(
              fieldsOnly,
              pairs.map(([, worker]) => worker),
            ),
          ),
        ).toBe(JSON.stringify(miniSearchJSON(fieldsOnly)))
      }),
      fcParameters(300),
    )
  })

  test('for the fixtures packed by two workers, byte for byte', () => {
    const builder = createIndexBuilder({ body: 'full' })
    const documents = articles.map((article) => {
      const record = builder.extract(article)
      return {
        title: record.title,
        shortDescription: record.shortDescription ?? '',
        description: record.description ?? '',
        infobox: record.infobox,
        body: record.body,
        custom: record.custom,
      }
    })
    expect(
      JSON.stringify(
        packedPostingsJSON(
          documents,
          documents.map((_, i) => Math.floor(i / 3) % 2),
        ),
      ),
    ).toBe(JSON.stringify(miniSearchJSON(documents)))
  })
})

describe('a built index', () => {
  const build = () => {
    const builder = createIndexBuilder({ facets: ['partof'] })
    for (const article of articles) builder.add(builder.extract(article))
    return builder.finish()
  }

  test('records from extractRecord (no terms) give the same index as records from builder.extract', () => {
    const builder = createIndexBuilder({ facets: ['partof'] })
    for (const article of articles) {
      const { terms: _, ...record } = builder.extract(article)
      builder.add(record)
    }
    expect(serializeIndex(builder.finish())).toBe(serializeIndex(build()))
  })

  test('serializeIndexChunks joins to serializeIndex, for a built and a loaded index, whatever the chunk size', () => {
    const index = build()
    const json = serializeIndex(index)
    expect(JSON.stringify(toEnvelope(index))).toBe(json)
    for (const chunkSize of [1, 100, 10_000]) {
      const chunks = [...serializeIndexChunks(index, { chunkSize })]
      expect(chunks.length).toBeGreaterThan(chunkSize === 1 ? 1000 : 3)
      expect(chunks.join('')).toBe(json)
      expect([...serializeIndexChunks(loadIndex(json), { chunkSize })].join('')).toBe(json)
    }
  })

  test('searches like the same index loaded from its file', () => {
    const index = build()
    const loaded = loadIndex(serializeIndex(index))
    for (const query of ['battle', 'ottoman empire', 'sobiesk', 'syria', 'zama']) {
      expect(index.search(query, { facets: ['place', 'date'] })).toEqual(
        loaded.search(query, { facets: ['place', 'date'] }),
      )
    }
  })

  test('the builder refuses records after finish', () => {
    const builder = createIndexBuilder()
    builder.finish()
    expect(() => builder.add(builder.extract(articles[0]!))).toThrow(
      expect.objectContaining({ code: 'ERR_BUILDER_FINISHED' }),
    )
  })
})
