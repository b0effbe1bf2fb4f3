import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import { ChunkLoadError, IndexFormatError, type ChunkedIndex, type ChunkedSearchOptions } from '../../src/index.js'
import { fixtureSlugs, readFixture } from '../helpers.js'
import { chunkInMemory } from './helpers.js'

const index = buildIndex(
  fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
  { body: 'full' },
)
/** Small chunks, so that a query reads a few of many. */
const chunkOptions = { chunkSize: 4000, dictionaryChunkSize: 1500, blockSize: 4 }

const kindOf = (path: string) => path.split('/')[0]

describe('a chunked index fetches only what a search needs', () => {
  test('a first search: the manifest, the chunks of its terms, the fragments of its hits; no facet file', async () => {
    const memory = chunkInMemory(index, chunkOptions)
    const chunked = await memory.load()
    expect(memory.requests).toEqual(['index.json'])
    const result = await chunked.search('gettysburg', { limit: 3, understand: false })
    const fetched = memory.requests.slice(1)
    expect(new Set(fetched.map(kindOf))).toEqual(new Set(['terms', 'dictionary', 'documents']))
    const termChunks = [...memory.files.keys()].filter((path) => path.startsWith('terms/'))
    expect(fetched.filter((path) => path.startsWith('terms/')).length).toBeLessThan(termChunks.length / 4)
    expect(fetched.filter((path) => path.startsWith('documents/'))).toHaveLength(result.hits.length)
    // A typo lookup with the default edits reads one typo file.
    expect(fetched.filter((path) => path.startsWith('dictionary/'))).toHaveLength(1)
    expect(new Set(fetched).size).toBe(fetched.length) // nothing twice
  })

  test('a faceted search fetches the files of the facets it counts or filters, and only those', async () => {
    const memory = chunkInMemory(index, chunkOptions)
    const chunked = await memory.load()
    await chunked.search('battle', {
      facets: { place: { level: 0 } },
      filters: { combatant: ['Roman Republic'] },
      limit: 0,
      understand: false,
    })
    const facetFiles = memory.requests
      .filter((path) => path.startsWith('facets/'))
      .map((path) => path.replace(/-[0-9a-f]{12}\.json$/, ''))
    // Roman Republic is a side in one article: its value is in the combatant file of values of one document.
    expect(facetFiles.sort()).toEqual([
      'facets/combatant',
      'facets/combatant.singles',
      'facets/place',
      'facets/place.level0',
    ])
  })

  test("a facet's values of one document are fetched only when its counts reach count 1 or a filter names one", async () => {
    const singlesOf = (requests: readonly string[]) =>
      requests
        .filter((path) => path.includes('.singles-'))
        .map((path) => path.replace(/-[0-9a-f]{12}\.json$/, ''))
        .sort()
    const fetchedBy = async (options: ChunkedSearchOptions, query = '') => {
      const memory = chunkInMemory(index, chunkOptions)
      const result = await (await memory.load()).search(query, { limit: 0, ...options })
      expect(result).toEqual(index.search(query, { limit: 0, ...options }))
      return singlesOf(memory.requests)
    }
    // Syria is the place of several articles; counted first, it is all a list of one shows.
    expect(await fetchedBy({ facets: { place: { limit: 1 } } })).toEqual([])
    expect(await fetchedBy({ facets: { place: { limit: 1 } }, filters: { place: ['Syria'] } })).toEqual([])
    // A longer list reaches values counted once, single values among them (in value order).
    expect(await fetchedBy({ facets: { place: { limit: 5 } } })).toEqual(['facets/place.singles'])
    // A filter naming a value of one article, or a label, needs them too.
    expect(await fetchedBy({ filters: { combatant: ['Roman Republic'] } })).toEqual(['facets/combatant.singles'])
    expect(await fetchedBy({ filters: { place: ['syria'] } })).toEqual(['facets/place.singles'])
    // A value the query's words name (Cannae, one article's place) is ranked by the documents its name carries.
    const named = index.search('cannae', { limit: 0 }).suggestedFilters
    expect(named).toContainEqual(expect.objectContaining({ facet: 'place', values: ['Cannae'] }))
    expect(await fetchedBy({ facets: { place: { limit: 0 } } }, 'cannae')).toEqual([])
  })

  test('understanding a query reads names in the chunks of its words; the values it names need no facet file', async () => {
    const query = 'battles in the 19th century'
    const plain = chunkInMemory(index, chunkOptions)
    await (await plain.load()).search(query, { limit: 1, understand: false })
    const memory = chunkInMemory(index, chunkOptions)
    const chunked = await memory.load()
    const result = await chunked.search(query, { limit: 1 })
    expect(result.suggestedFilters.map(({ facet, text }) => [facet, text])).toEqual([
      ['kind', 'battles'],
      ['date', 'the 19th century'],
    ])
    const facetFiles = memory.requests
      .filter((path) => path.startsWith('facets/'))
      .map((path) => path.replace(/-[0-9a-f]{12}\.json$/, ''))
    // The time named needs the dates; "battles" (the kind) comes with its documents.
    expect(facetFiles).toEqual(['facets/date'])
    const termChunks = (requests: readonly string[]) => requests.filter((path) => path.startsWith('terms/')).sort()
    expect(termChunks(memory.requests)).toEqual(termChunks(plain.requests))
  })

  test('a second search reuses what the first fetched, and concurrent searches share requests', async () => {
    const memory = chunkInMemory(index, chunkOptions)
    const chunked = await memory.load()
    await Promise.all([chunked.search('hannibal'), chunked.search('hannibal'), chunked.search('hannibal cannae')])
    const first = memory.requests.length
    expect(new Set(memory.requests).size).toBe(first)
    await chunked.search('hannibal')
    expect(memory.requests).toHaveLength(first)
  })
})

describe('failures are typed, and the index stays usable', () => {
  async function failure(run: () => Promise<unknown>): Promise<unknown> {
    return run().then(
      () => undefined,
      (error: unknown) => error,
    )
  }

  test('a missing chunk: ERR_CHUNK_FETCH naming its URL; once it is back, the next search succeeds', async () => {
    const memory = chunkInMemory(index, chunkOptions)
    const chunked = await memory.load()
    const saved = new Map(memory.files)
    for (const path of memory.files.keys()) if (path.startsWith('terms/')) memory.files.delete(path)
    const error = await failure(() => chunked.search('gettysburg'))
    expect(error).toBeInstanceOf(ChunkLoadError)
    expect(error).toMatchObject({
      code: 'ERR_CHUNK_FETCH',
      url: expect.stringMatching(/^mem:\/terms\/[0-9a-f]{12}\.json$/),
    })
    expect((error as Error).message).toMatch(
      /^infobox-search: cannot fetch mem:\/terms\/[0-9a-f]{12}\.json \(the server answered 404 Not Found\); check the connection, or reload the index if it was rebuilt\.$/,
    )
    for (const [path, content] of saved) memory.files.set(path, content)
    expect((await chunked.search('gettysburg')).total).toBeGreaterThan(0)
  })

  test('a chunk of another build (its content does not match its name): ERR_CHUNK_MISMATCH', async () => {
    const memory = chunkInMemory(index, chunkOptions)
    const chunked = await memory.load()
    const [one = '', other = ''] = [...memory.files.keys()].filter((path) => path.startsWith('terms/'))
    for (const path of memory.files.keys())
      if (path.startsWith('terms/')) memory.files.set(path, memory.files.get(path === one ? other : one) ?? '')
    const error = await failure(() => chunked.search('gettysburg'))
    expect(error).toBeInstanceOf(ChunkLoadError)
    expect(error).toMatchObject({ code: 'ERR_CHUNK_MISMATCH' })
    expect((error as Error).message).toMatch(
      /is not the file this index names \(its content hash differs\): it belongs to another build; reload the index\.$/,
    )
  })

  test.each([
    [
      'another layout version',
      (manifest: Record<string, unknown>) => ({ ...manifest, version: 3 }),
      'ERR_INDEX_VERSION',
      /chunked layout version 3 is not supported \(this library reads version 2\)/,
    ],
    [
      'the layout before facet values of one document had a file of their own',
      (manifest: Record<string, unknown>) => ({ ...manifest, version: 1 }),
      'ERR_INDEX_VERSION',
      /chunked layout version 1 is not supported \(this library reads version 2\)/,
    ],
    [
      'a single-file index',
      () => JSON.parse('{"format":"infobox-search","version":1}'),
      'ERR_INDEX_FORMAT',
      /is not an infobox-search-chunked manifest/,
    ],
    [
      'a chunk path that leaves the folder',
      (manifest: Record<string, unknown>) => ({
        ...manifest,
        facets: { place: { kind: 'values', file: '../secret.json' } },
      }),
      'ERR_INDEX_CORRUPT',
      /"facets" must name a file per facet/,
    ],
    [
      'typo files out of order',
      (manifest: Record<string, unknown>) => {
        const dictionary = manifest['dictionary'] as { ranges: unknown[]; hashes: unknown[] }
        return { ...manifest, dictionary: { ...dictionary, ranges: [...dictionary.ranges].reverse() } }
      },
      'ERR_INDEX_CORRUPT',
      /"dictionary" must list each typo file with its unit and lengths, in order/,
    ],
    [
      'blocks that do not start at the first document',
      (manifest: Record<string, unknown>) => ({
        ...manifest,
        documents: { ...(manifest['documents'] as object), starts: [1] },
      }),
      'ERR_INDEX_CORRUPT',
      /"documents" must name a folder per block/,
    ],
  ])('a manifest that is %s is refused: %s', async (_name, change, code, message) => {
    const memory = chunkInMemory(index, chunkOptions)
    memory.files.set(
      'index.json',
      JSON.stringify(change(JSON.parse(memory.files.get('index.json') ?? '{}') as Record<string, unknown>)),
    )
    const error = await failure(() => memory.load())
    expect(error).toBeInstanceOf(IndexFormatError)
    expect(error).toMatchObject({ code })
    expect((error as Error).message).toMatch(message)
  })

  test('an aborted search rejects with the abort reason; what it fetched is kept for the next', async () => {
    const memory = chunkInMemory(index, chunkOptions)
    const chunked: ChunkedIndex = await memory.load()
    const controller = new AbortController()
    const searching = chunked.search('thermopylae', { signal: controller.signal })
    controller.abort()
    const error = await failure(() => searching)
    expect(error).toMatchObject({ name: 'AbortError' })
    const before = memory.requests.length
    await new Promise((resolve) => setTimeout(resolve, 10))
    const result = await chunked.search('thermopylae')
    expect(result.total).toBeGreaterThan(0)
    const again = memory.requests.slice(before)
    expect(again.filter((path) => memory.requests.slice(0, before).includes(path))).toEqual([])
    const aborted = new AbortController()
    aborted.abort()
    expect(await failure(() => chunked.search('thermopylae', { signal: aborted.signal }))).toMatchObject({
      name: 'AbortError',
    })
  })
})
