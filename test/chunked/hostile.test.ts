import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import { contentHash } from '../../src/core/contentHash.js'
import { ChunkLoadError, IndexFormatError, OptionsError, type ChunkedIndex } from '../../src/index.js'
import { fixtureSlugs, readFixture } from '../helpers.js'
import { fcParameters } from '../robustness/helpers.js'
import { chunkInMemory, type MemoryChunkedIndex } from './helpers.js'

// A chunked index's files come from a server: a file whose content hash
// matches its name (as a forged or buggily written folder has) but whose
// shape is wrong is an IndexFormatError (ERR_INDEX_CORRUPT) naming it, never
// a TypeError from inside search.

const index = buildIndex(
  fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
  { body: 'full' },
)
const chunkOptions = { chunkSize: 4000, dictionaryChunkSize: 1500, blockSize: 4 }
type Json = Record<string, any>

/**
 * Replace the content of the file at `path` by `change(parsed)`, under the name of
 * its new hash, and point the manifest at it: a folder whose every name matches its content.
 */
function forge(memory: MemoryChunkedIndex, path: string, change: (file: Json) => unknown): string {
  const manifest = JSON.parse(memory.files.get('index.json') as string) as Json
  const parsed = JSON.parse(memory.files.get(path) as string) as Json
  const replaced = change(parsed)
  const content = JSON.stringify(replaced === undefined ? parsed : replaced)
  const hash = contentHash(content)
  const oldHash = /([0-9a-f]{12})\.json$/.exec(path)?.[1] ?? ''
  const renamed = path.startsWith('documents/') ? path : path.replace(oldHash, hash)
  memory.files.delete(path)
  memory.files.set(renamed, content)
  memory.files.set(
    'index.json',
    JSON.stringify(manifest)
      .split(oldHash)
      .join(path.startsWith('documents/') ? oldHash : hash),
  )
  return renamed
}

/** What a search page does; the error, if any. */
async function searches(chunked: ChunkedIndex): Promise<unknown> {
  try {
    for (const query of ['battle', 'hannibal cannae', 'gettysbrug', 'siege of vien', ''])
      await chunked.search(query, {
        facets: { place: { level: 0 }, combatant: {}, kind: {}, date: { interval: 'year' } },
        limit: 50,
      })
    // Counts that reach values of one document (count 1) read the files of those values.
    await chunked.search('battle', { facets: ['place', 'combatant'] })
    await chunked.search('', { filters: { place: ['Syria'], date: { from: -500 } }, sort: 'date' })
    await chunked.suggest('bat')
  } catch (error) {
    return error
  }
  return undefined
}

const postingsFile = 'terms/'
describe('chunks of the wrong shape', () => {
  test.each([
    ['a postings chunk that is a list', postingsFile, () => [], 'is not { terms, postings }'],
    [
      'terms that are numbers',
      postingsFile,
      (c: Json) => void (c['terms'] = c['terms'].map(() => 5)),
      'has terms that are not text in ascending order',
    ],
    [
      'terms out of order',
      postingsFile,
      (c: Json) => void c['terms'].reverse(),
      'has terms that are not text in ascending order',
    ],
    ['one posting list short', postingsFile, (c: Json) => void c['postings'].pop(), 'has as many terms as postings'],
    [
      'a term of another chunk',
      postingsFile,
      (c: Json) => void (c['terms'][c['terms'].length - 1] = '\uffff'),
      'holds terms of another chunk',
    ],
    [
      'postings under field 9',
      postingsFile,
      (c: Json) =>
        void (c['postings'] = c['postings'].map((rows: unknown[][]) => rows.map(([, ...rest]) => [9, ...rest]))),
      'has a postings row that is not [field, deltas, counts, lengths]',
    ],
    [
      'a document past the last',
      postingsFile,
      (c: Json) =>
        void (c['postings'] = c['postings'].map((rows: number[][][]) =>
          rows.map(([f, d, n, l]) => [f, [...(d as number[]).slice(0, -1), 1000], n, l]),
        )),
      'has postings of documents that are not in the index, or out of order',
    ],
    [
      'a negative delta',
      postingsFile,
      (c: Json) =>
        void (c['postings'] = c['postings'].map((rows: number[][][]) =>
          rows.map(([f, d, n, l]) => [f, (d as number[]).map(() => -1), n, l]),
        )),
      'has postings of documents that are not in the index, or out of order',
    ],
    [
      'a count of 0',
      postingsFile,
      (c: Json) =>
        void (c['postings'] = c['postings'].map((rows: number[][][]) =>
          rows.map(([f, d, n, l]) => [f, d, (n as number[]).map(() => 0), l]),
        )),
      'has a term count that is not a whole number ≥ 1',
    ],
    [
      'a field length of text',
      postingsFile,
      (c: Json) =>
        void (c['postings'] = c['postings'].map((rows: number[][][]) =>
          rows.map(([f, d, n, l]) => [f, d, n, (l as number[]).map(() => 'x')]),
        )),
      'has a field length that is not a finite number ≥ 0',
    ],
    ['a typo file of numbers', 'dictionary/', (c: Json) => void (c['terms'] = [1, 2]), 'is not { terms } of text'],
    [
      'a typo file with a term of another letter',
      'dictionary/',
      (c: Json) => void c['terms'].push('\u00e6thelstan'),
      'has terms of another first letter or length than the manifest gives it',
    ],
    [
      'a typo file with a term too long for its range',
      'dictionary/',
      (c: Json) => void c['terms'].push(`${(c['terms'][0] as string).slice(0, 1)}${'x'.repeat(60)}`),
      'has terms of another first letter or length than the manifest gives it',
    ],
    [
      'names of a postings chunk that are not a list',
      postingsFile,
      (c: Json) => void (c['names'] = { battle: [] }),
      'has names that are not a list',
    ],
    [
      'names of a postings chunk out of order',
      postingsFile,
      (c: Json) =>
        void (c['names'] = [
          ['bb', []],
          ['ba', []],
        ]),
      'has names whose keys are not text in ascending order',
    ],
    [
      // A name starting with a stop word is the manifest's: no query reads a chunk for it.
      'a name that belongs in the manifest',
      postingsFile,
      (c: Json) => void (c['names'] = [['the somme', [['place', ['Somme'], 'Somme', [[0]]]]]]),
      'has a name that belongs in another file',
    ],
    [
      'a named value whose document is past the last',
      postingsFile,
      (c: Json) =>
        void (c['names'] = (c['names'] ?? []).map(([key, entries]: [string, unknown[][]]) => [
          key,
          entries.map(([facet, values, label]) => [facet, values, label, (values as string[]).map(() => [1000])]),
        ])),
      'has a name without [facet, values, label, documents] of a values facet',
    ],
    [
      'a named value of a facet the index lacks',
      postingsFile,
      (c: Json) =>
        void (c['names'] = (c['names'] ?? []).map(([key, entries]: [string, unknown[][]]) => [
          key,
          entries.map(([, ...rest]) => ['nope', ...rest]),
        ])),
      'has a name without [facet, values, label, documents] of a values facet',
    ],
    [
      'a named value without its documents',
      postingsFile,
      (c: Json) =>
        void (c['names'] = (c['names'] ?? []).map(([key, entries]: [string, unknown[][]]) => [
          key,
          entries.map((entry) => entry.slice(0, 3)),
        ])),
      'has a name without [facet, values, label, documents] of a values facet',
    ],
    [
      'a place value repeated',
      'facets/place-',
      (c: Json) => {
        c['values'].push(c['values'][0])
        c['deltas'].push([0])
      },
      'has values out of order or repeated',
    ],
    [
      'place values of one document out of order',
      'facets/place.singles-',
      (c: Json) => {
        c['values'].reverse()
        c['docs'].reverse()
      },
      'has values out of order or repeated',
    ],
    [
      'a place value of one document without its document',
      'facets/place.singles-',
      (c: Json) => void c['docs'].pop(),
      'is not { values, docs } with a document per value',
    ],
    [
      'a place value of one document past the last document',
      'facets/place.singles-',
      (c: Json) => void (c['docs'][0] = 1000),
      'refers to documents that are not in the index',
    ],
    [
      'a combatant value of one document that is a list',
      'facets/combatant.singles-',
      (c: Json) => void (c['docs'][0] = [0, 1]),
      'refers to documents that are not in the index',
    ],
    [
      'a place value in both files',
      'facets/place.singles-',
      (c: Json) => {
        const at = (c['values'] as string[]).findIndex((value) => value > 'Syria')
        c['values'].splice(at, 0, 'Syria')
        c['docs'].splice(at, 0, 0)
      },
      "has values that the facet's other file has too",
    ],
    [
      'a label of a value of one document that is a number',
      'facets/combatant.singles-',
      (c: Json) => void (c['labels'] = { x: 1 }),
      'has labels that are not text',
    ],
    [
      'a place document listed twice',
      'facets/place-',
      (c: Json) => void (c['deltas'][0] = [0, 0]),
      "lists a value's documents out of order or twice",
    ],
    [
      'a combatant label that is a number',
      'facets/combatant-',
      (c: Json) => void (c['labels'] = { x: 1 }),
      'has labels that are not text',
    ],
    ['a values file without deltas', 'facets/kind-', (c: Json) => void delete c['deltas'], 'is not { values, deltas }'],
    [
      'a date a million years ago',
      'facets/date-',
      (c: Json) => void (c['start'][0] = -1e10),
      'holds a date key that is not a date within 10,000 years',
    ],
    [
      'a date span that is text',
      'facets/date-',
      (c: Json) => void (c['span'] = c['span'].map((s: unknown) => (s === null ? null : 'x'))),
      'holds a date key that is not a date within 10,000 years',
    ],
    [
      'a fragment without a title',
      'documents/',
      (c: Json) => void delete c['document'].title,
      'is not { document: { id, title, … }, text }',
    ],
    [
      'a fragment whose text is a number',
      'documents/',
      (c: Json) => void (c['text'] = 5),
      'is not { document: { id, title, … }, text }',
    ],
  ])('%s: ERR_INDEX_CORRUPT naming the file', async (_name, prefix, change, problem) => {
    const memory = chunkInMemory(index, chunkOptions)
    const paths = [...memory.files.keys()].filter((file) => file.startsWith(prefix))
    // Every file of its kind forged, so whichever a search reads is one.
    for (const path of paths) forge(memory, path, change)
    const error = await searches(await memory.load())
    expect(error).toBeInstanceOf(IndexFormatError)
    expect(error).toMatchObject({ code: 'ERR_INDEX_CORRUPT' })
    expect((error as Error).message).toMatch(
      new RegExp(`^Cannot search: ${prefix}\\S* of this chunked index ${escape(problem)}; rebuild the index\\.$`),
    )
  })
})

describe('manifests that disagree with themselves', () => {
  const manifestOf = () => JSON.parse(chunkInMemory(index, chunkOptions).files.get('index.json') as string) as Json
  test.each([
    [
      'first terms out of order (lookups missed terms)',
      (m: Json) => void (m['terms'].first = ['', ...m['terms'].first.slice(1).reverse()]),
      '"terms" must list each postings chunk with its first term, in order',
    ],
    [
      'typo ranges out of order (lookups missed files)',
      (m: Json) => void m['dictionary'].ranges.reverse(),
      '"dictionary" must list each typo file with its unit and lengths, in order',
    ],
    [
      'a typo range longest before shortest',
      (m: Json) => void (m['dictionary'].ranges[0] = [m['dictionary'].ranges[0][0], 9, 5]),
      '"dictionary" must list each typo file with its unit and lengths, in order',
    ],
    [
      'names in the manifest that a postings chunk holds',
      (m: Json) => void (m['names'] = [['somme', [['place', ['Somme'], 'Somme', [[0]]]]]]),
      'the manifest\'s "names" has a name that belongs in another file',
    ],
    [
      'a manifest name whose documents are past the last',
      (m: Json) => void (m['names'] = [['the somme', [['place', ['Somme'], 'Somme', [[0, 1000]]]]]]),
      'the manifest\'s "names" has a name without [facet, values, label, documents] of a values facet',
    ],
    [
      'manifest names that are not a list',
      (m: Json) => void delete m['names'],
      'the manifest\'s "names" has names that are not a list',
    ],
    [
      'an average field length of Infinity',
      // Written as 1e309 below: JSON reads it as Infinity.
      (m: Json) => void (m['averageFieldLength'][0] = 'INFINITY'),
      '"averageFieldLength" must hold one number per field',
    ],
    [
      'a facet named __proto__',
      (m: Json) => void (m['facets'] = JSON.parse(`{"__proto__":${JSON.stringify(m['facets'].place)}}`)),
      '"facets" must name a file per facet',
    ],
    [
      'a file of single values outside the facets folder',
      (m: Json) => void (m['facets'].place.singles = '../secrets.json'),
      '"facets" must name a file per facet',
    ],
    [
      'a file of single values for the dates',
      (m: Json) => void (m['facets'].date.singles = m['facets'].place.singles),
      '"facets" must name a file per facet',
    ],
    ['a boost that is text', (m: Json) => void (m['options'].boost.title = '5'), 'its "options" are invalid'],
  ])('%s: ERR_INDEX_CORRUPT', async (_name, change, reason) => {
    const memory = chunkInMemory(index, chunkOptions)
    const manifest = manifestOf()
    change(manifest)
    memory.files.set('index.json', JSON.stringify(manifest).replace('"INFINITY"', '1e309'))
    await expect(memory.load()).rejects.toMatchObject({
      name: 'IndexFormatError',
      code: 'ERR_INDEX_CORRUPT',
      message: `Cannot load index: ${reason}.`,
    })
  })
})

describe('properties', () => {
  test('any JSON-level edit of any chunk (re-hashed): a typed error, or a search that answers', async () => {
    const memory = chunkInMemory(index, chunkOptions)
    const paths = [...memory.files.keys()].filter((path) => path !== 'index.json')
    const replacements: readonly ((value: unknown) => unknown)[] = [
      () => undefined,
      () => null,
      (value) => (typeof value === 'number' ? -value - 1 : 7),
      (value) => (typeof value === 'number' ? value * 1e9 : 1e9),
      (value) => String(value),
      (value) => [value],
      (value) => (Array.isArray(value) ? [...value].reverse() : value),
      (value) => (Array.isArray(value) ? [...value, ...value] : value),
      () => ({}),
    ]
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.nat(), fc.nat(replacements.length - 1), async (which, at, how) => {
        const copy = chunkInMemory(index, chunkOptions)
        forge(copy, paths[which] as string, (file) => {
          const spots: [Json, string][] = []
          const stack: unknown[] = [file]
          while (stack.length > 0) {
            const node = stack.pop()
            if (typeof node !== 'object' || node === null) continue
            for (const key of Object.keys(node)) {
              spots.push([node as Json, key])
              stack.push((node as Json)[key])
            }
          }
          const [parent, key] = spots[at % Math.max(1, spots.length)] ?? [file, 'x']
          const value = (replacements[how] as (value: unknown) => unknown)(parent[key])
          if (value === undefined) delete parent[key]
          else parent[key] = value
        })
        const error = await searches(await copy.load())
        if (error !== undefined && !(error instanceof IndexFormatError) && !(error instanceof ChunkLoadError))
          throw error
      }),
      fcParameters(150),
    )
  })
})

test('suggest on a chunked index checks its limit as the single-file index does', async () => {
  const chunked = await chunkInMemory(index, chunkOptions).load()
  await expect(chunked.suggest('bat', { limit: -1 })).rejects.toBeInstanceOf(OptionsError)
  expect(await chunked.suggest('bat', null as unknown as undefined)).toEqual(index.suggest('bat'))
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
