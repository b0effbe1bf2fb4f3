import {
  chunkedFormat,
  chunkedFormatVersion,
  isManifestName,
  type ChunkedFacet,
  type ChunkedManifest,
} from '../../core/chunkedFormat.js'
import { IndexFormatError } from '../../core/errors.js'
import type { StoredFields } from '../../core/indexData.js'
import { isCount, isRecord, ownEntry } from '../../core/guards.js'
import { isBodyProfile, searchFields } from '../../core/options.js'
import { ChunkedIndex } from './chunkedIndex.js'
import { namesProblem } from './chunkedNames.js'
import { createChunkStore, type FetchLike } from './chunkStore.js'

/** Options of `loadChunkedIndex`. */
export interface LoadChunkedIndexOptions {
  /**
   * What fetches the manifest and the chunks: `globalThis.fetch` by default;
   * any function of its shape in Node, tests or a service worker.
   */
  readonly fetch?: FetchLike
  /** Gives up loading the manifest. */
  readonly signal?: AbortSignal
}

/** A chunk path as the builder writes them: no way out of the index folder. */
const chunkPath = /^facets\/[\w.@-]+\.json$/
/** A content hash, as the other files are named by. */
const hash = /^[0-9a-f]{12}$/

/**
 * Load a chunked index (`infobox-search build --chunked <dir>`) from the URL
 * of its manifest (`…/index.json`, or the folder's URL ending in `/`). Only
 * the manifest is fetched now; each search fetches the chunks it needs.
 *
 * @example
 * const index = await loadChunkedIndex('/search/index.json')
 * const { hits } = await index.search('gettysburg', { facets: ['place'] })
 * @throws {IndexFormatError} `ERR_INDEX_FORMAT` (not a chunked index), `ERR_INDEX_VERSION` (another
 * layout version) or `ERR_INDEX_CORRUPT`; {ChunkLoadError} `ERR_CHUNK_FETCH` when the manifest cannot be fetched.
 */
export async function loadChunkedIndex<Fields extends StoredFields = StoredFields>(
  manifestUrl: string,
  options: LoadChunkedIndexOptions = {},
): Promise<ChunkedIndex<Fields>> {
  // Typed as always there, but a runtime may have none.
  const fetcher: FetchLike | undefined = options.fetch ?? globalThis.fetch
  if (fetcher === undefined)
    throw new IndexFormatError('ERR_INDEX_FORMAT', 'Cannot load index: there is no fetch here; pass options.fetch.')
  const url = manifestUrl.endsWith('/') ? `${manifestUrl}index.json` : manifestUrl
  const base = url.slice(0, url.lastIndexOf('/') + 1)
  const store = createChunkStore(base, fetcher)
  const name = url.slice(base.length)
  await store.load([name], options.signal)
  return new ChunkedIndex<Fields>(readManifest(store.get(name)), store)
}

/** Check a manifest: format and version first, then every part against the others. */
function readManifest(value: unknown): ChunkedManifest {
  if (!isRecord(value) || value['format'] !== chunkedFormat) {
    fail(
      'ERR_INDEX_FORMAT',
      `the file is not an ${chunkedFormat} manifest (no "format": "${chunkedFormat}"); build one with "infobox-search build --chunked <dir>"`,
    )
  }
  const version = value['version']
  if (version !== chunkedFormatVersion) {
    throw new IndexFormatError(
      'ERR_INDEX_VERSION',
      `Cannot load index: chunked layout version ${JSON.stringify(version)} is not supported (this library reads version ${chunkedFormatVersion}); rebuild it with "infobox-search build --chunked" from this version, or use the version of infobox-search that wrote it (${String(value['generator'])}).`,
      { expected: chunkedFormatVersion, received: version, version },
    )
  }
  const { options, documentCount, averageFieldLength, terms, dictionary, facets, documents, names } = value
  const isPaths = (list: unknown, pattern: RegExp) =>
    Array.isArray(list) && list.every((path) => typeof path === 'string' && pattern.test(path))
  ensure(
    isRecord(options) &&
      isBodyProfile(options['body']) &&
      isRecord(options['boost']) &&
      Object.values(options['boost']).every(
        (weight) => typeof weight === 'number' && weight >= 0 && weight < Infinity,
      ) &&
      Array.isArray(options['facets']) &&
      options['facets'].every((name) => typeof name === 'string'),
    'its "options" are invalid',
  )
  ensure(isCount(documentCount), '"documentCount" must be a whole number')
  ensure(
    Array.isArray(averageFieldLength) &&
      averageFieldLength.length === searchFields.length &&
      averageFieldLength.every((n) => typeof n === 'number' && n >= 0 && n < Infinity),
    '"averageFieldLength" must hold one number per field',
  )
  // Chunks are found by binary search over their first terms: those must be text in ascending order.
  ensure(
    isRecord(terms) &&
      Array.isArray(terms['first']) &&
      terms['first'][0] === '' &&
      isPaths(terms['hashes'], hash) &&
      terms['first'].length === (terms['hashes'] as unknown[]).length &&
      terms['first'].every(
        (term, at, first) => typeof term === 'string' && (at === 0 || term > (first[at - 1] as string)),
      ),
    '"terms" must list each postings chunk with its first term, in order',
  )
  ensure(
    isRecord(dictionary) &&
      isTypoRanges(dictionary['ranges']) &&
      isPaths(dictionary['hashes'], hash) &&
      dictionary['ranges'].length === (dictionary['hashes'] as unknown[]).length,
    '"dictionary" must list each typo file with its unit and lengths, in order',
  )
  ensure(
    isRecord(facets) &&
      Object.entries(facets).every(
        ([name, facet]) =>
          /^[\w-]+$/.test(name) &&
          !['__proto__', 'constructor', 'prototype'].includes(name) &&
          isRecord(facet) &&
          (facet['kind'] === 'values' || facet['kind'] === 'dates' || facet['kind'] === 'geo') &&
          isPaths([facet['file']], chunkPath) &&
          (facet['singles'] === undefined || (facet['kind'] === 'values' && isPaths([facet['singles']], chunkPath))) &&
          (facet['levels'] === undefined || isPaths(facet['levels'], chunkPath)),
      ),
    '"facets" must name a file per facet',
  )
  ensure(
    isRecord(documents) &&
      isPaths(documents['hashes'], hash) &&
      isBlockStarts(documents['starts'], documentCount) &&
      documents['starts'].length === (documents['hashes'] as unknown[]).length,
    '"documents" must name a folder per block of documents',
  )
  // Names that start with a stop word: every other name is in a postings chunk (checked when read).
  const isValuesFacet = (facet: string) => ownEntry(facets as Record<string, ChunkedFacet>, facet)?.kind === 'values'
  const namesProblemFound = namesProblem(names, documentCount, isValuesFacet, isManifestName)
  if (namesProblemFound !== undefined) fail('ERR_INDEX_CORRUPT', `the manifest's "names" ${namesProblemFound}`)
  return value as unknown as ChunkedManifest
}

function ensure(condition: boolean, reason: string): asserts condition {
  if (!condition) fail('ERR_INDEX_CORRUPT', reason)
}

function fail(code: 'ERR_INDEX_FORMAT' | 'ERR_INDEX_CORRUPT', reason: string): never {
  throw new IndexFormatError(code, `Cannot load index: ${reason}.`)
}

/** Ascending whole numbers from 0, each below `documentCount` (none for no documents). */
function isBlockStarts(starts: unknown, documentCount: number): starts is number[] {
  return (
    Array.isArray(starts) &&
    (documentCount === 0 ? starts.length === 0 : starts[0] === 0) &&
    starts.every(
      (start, at) => isCount(start) && start < documentCount && (at === 0 || start > (starts[at - 1] as number)),
    )
  )
}

/** `[unit, shortest, longest]` triples, sorted by unit (then shortest): a lookup finds a unit's files by binary search. */
function isTypoRanges(ranges: unknown): ranges is [string, number, number][] {
  return (
    Array.isArray(ranges) &&
    ranges.every(
      (range, at) =>
        Array.isArray(range) &&
        range.length === 3 &&
        typeof range[0] === 'string' &&
        isCount(range[1]) &&
        isCount(range[2]) &&
        range[1] <= range[2] &&
        (at === 0 || isNotBefore(range as [string, number, number], ranges[at - 1] as [string, number, number])),
    )
  )
}

function isNotBefore(
  [unit, shortest]: [string, number, number],
  [previousUnit, previousShortest]: [string, number, number],
) {
  return unit > previousUnit || (unit === previousUnit && shortest >= previousShortest)
}
