import { IndexFormatError, type InfoboxSearchErrorCode } from '../core/errors.js'
import { isRecord } from '../core/guards.js'
import { isBodyProfile, type IndexOptions } from '../core/options.js'
import type { FacetData, FacetTable, StoredDocument, StoredFields } from '../core/indexData.js'
import { dateTableProblem, facetTableProblem, geoTableProblem } from './checkFacetData.js'
import { isStoredDocument } from './checkStoredDocument.js'
import { readTermPayload } from './readTermPayload.js'
import { SearchIndex } from './searchIndex.js'
import { indexFormat, indexFormatVersion } from '../core/envelope.js'

/** What `loadIndex` reads: the file's text (a byte-order mark is dropped), its bytes (UTF-8: a `Uint8Array`, a Node `Buffer`, an `ArrayBuffer`) or the parsed JSON. */
export type IndexSource = string | ArrayBuffer | ArrayBufferView | object

type Envelope = Record<string, unknown>

/**
 * Load an index written by `serializeIndex`. No options are needed: they
 * travel in the file. `format` and `version` are checked before anything
 * else; a file from another version is refused, never half-loaded.
 *
 * Given a `Response` (`loadIndex(await fetch(url))`) it returns a promise and
 * reads the body without blocking the page (see `loadIndexAsync`).
 *
 * @example
 * const index = loadIndex(await readFile('search-index.json', 'utf8'))
 * const index = await loadIndex(await fetch('/search-index.json'))
 * @throws {IndexFormatError} `ERR_INDEX_FORMAT` (not an index), `ERR_INDEX_VERSION`
 * (another format version) or `ERR_INDEX_CORRUPT` (truncated or inconsistent).
 */
export function loadIndex<Fields extends StoredFields = StoredFields>(source: Response): Promise<SearchIndex<Fields>>
export function loadIndex<Fields extends StoredFields = StoredFields>(source: IndexSource): SearchIndex<Fields>
export function loadIndex<Fields extends StoredFields = StoredFields>(
  source: IndexSource | Response,
): SearchIndex<Fields> | Promise<SearchIndex<Fields>> {
  if (isResponse(source)) return loadIndexAsync<Fields>(source)
  const [envelope, options] = open(source)
  // The fields' types are the app's word: the index holds what its build was told to store.
  return assemble(envelope, options) as SearchIndex<Fields>
}

/**
 * Like `loadIndex`, for a `Response` or a promise of one: the body is read
 * without blocking the page. (Loading itself only parses the JSON and checks
 * it: nothing is rebuilt.)
 */
export async function loadIndexAsync<Fields extends StoredFields = StoredFields>(
  source: IndexSource | Response | Promise<Response>,
): Promise<SearchIndex<Fields>> {
  let input: unknown = await source
  if (isResponse(input)) {
    if (!input.ok)
      fail(
        'FORMAT',
        `the server answered ${input.status} ${input.statusText} for ${input.url || 'the index URL'}; check the URL`,
      )
    input = await input.text()
  }
  const [envelope, options] = open(input)
  return assemble(envelope, options) as SearchIndex<Fields>
}

function isResponse(value: unknown): value is Response {
  return typeof (value as Response | null)?.text === 'function' && 'ok' in (value as object)
}

/** The file's bytes as text (UTF-8; a byte-order mark is dropped), for `loadIndex(await readFile(path))`. */
function decodeBytes(bytes: ArrayBuffer | ArrayBufferView): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (cause) {
    return fail('CORRUPT', 'the bytes are not UTF-8 text; rebuild the index or download it again', cause)
  }
}

/** Parse and check `format`, `version` and `options`, in that order. */
function open(input: unknown): [Envelope, IndexOptions] {
  const bytes = input instanceof ArrayBuffer || ArrayBuffer.isView(input)
  let source = bytes ? decodeBytes(input) : input
  // A byte-order mark (an editor's, or a server's) is no part of the JSON.
  if (typeof source === 'string' && source.charCodeAt(0) === 0xfeff) source = source.slice(1)
  let envelope = source
  if (typeof source === 'string') {
    try {
      envelope = JSON.parse(source)
    } catch (cause) {
      if (/^\s*</.test(source))
        fail(
          'FORMAT',
          'the input is HTML, not JSON (an error page served instead of the index?); check the URL or path',
          cause,
        )
      fail('CORRUPT', 'the JSON is truncated or malformed; rebuild the index or download it again', cause)
    }
  }
  if (!isRecord(envelope) || envelope['format'] !== indexFormat) {
    fail(
      'FORMAT',
      `the input is not an ${indexFormat} index (no "format": "${indexFormat}"); build one with "infobox-search build"`,
    )
  }
  const version = envelope['version']
  if (version !== indexFormatVersion) {
    throw new IndexFormatError(
      'ERR_INDEX_VERSION',
      `Cannot load index: format version ${JSON.stringify(version)} is not supported (this library reads version ${indexFormatVersion}); rebuild it with "infobox-search build" from this version, or use the version of infobox-search that wrote it (${String(envelope['generator'])}).`,
      { expected: indexFormatVersion, received: version, version },
    )
  }
  // A shape check, not `resolveIndexOptions`: the file was written by a build
  // that validated them, and the runtime stays small.
  const options = envelope['options'] as IndexOptions
  ensure(
    isRecord(options) &&
      isBodyProfile(options.body) &&
      isRecord(options.boost) &&
      Object.values(options.boost).every((weight) => typeof weight === 'number' && weight >= 0 && weight < Infinity) &&
      Array.isArray(options.facets) &&
      options.facets.every((name) => typeof name === 'string'),
    'its "options" are invalid',
  )
  return [envelope, options]
}

/** Check that every part agrees with every other, then make the index. */
function assemble(envelope: Envelope, options: IndexOptions): SearchIndex {
  const { documents, texts, facets, generator } = envelope
  ensure(
    Array.isArray(documents) && documents.every(isStoredDocument),
    '"documents" must be a list of { id, title, … } (texts, and the app\'s own "fields")',
  )
  const size = documents.length
  const terms = readTermPayload(envelope['minisearch'], size)
  ensure(
    Array.isArray(texts) && texts.length === size && texts.every((t) => typeof t === 'string'),
    `"texts" must be ${size} strings, one per document`,
  )
  return new SearchIndex({
    options,
    documents: documents as StoredDocument[],
    texts: texts,
    facets: checkFacets(facets, size),
    terms,
    ...(typeof generator === 'string' ? { generator } : {}),
  })
}

/** Facet tables, dates and coordinates, checked for what the runtime relies on (see `facetTableProblem`, …). */
function checkFacets(facets: unknown, size: number): FacetData {
  ensure(
    isRecord(facets) && isRecord(facets['tables']) && isRecord(facets['date']) && isRecord(facets['geo']),
    '"facets" must be { tables, date, geo }',
  )
  const { tables: input, date, geo } = facets as { tables: Envelope; date: Envelope; geo: Envelope }
  const dateProblem = dateTableProblem(date, size)
  ensure(dateProblem === undefined, `"facets.date" ${dateProblem ?? ''}`)
  const geoProblem = geoTableProblem(geo, size)
  ensure(geoProblem === undefined, `"facets.geo" ${geoProblem ?? ''}`)
  const tables = Object.create(null) as Record<string, FacetTable>
  for (const [name, table] of Object.entries(input)) {
    ensure(
      /^[\w-]+(@\d+)?$/.test(name) && !['__proto__', 'constructor', 'prototype'].includes(name),
      `facet name ${JSON.stringify(name).slice(0, 40)} is not allowed`,
    )
    const problem = facetTableProblem(table, size)
    ensure(problem === undefined, `facet "${name}" ${problem ?? ''}`)
    tables[name] = table as FacetTable
  }
  return { tables, date, geo } as unknown as FacetData
}

function ensure(condition: boolean, reason: string): asserts condition {
  if (!condition) fail('CORRUPT', reason)
}

function fail(code: 'FORMAT' | 'CORRUPT', reason: string, cause?: unknown): never {
  throw new IndexFormatError(`ERR_INDEX_${code}` as InfoboxSearchErrorCode, `Cannot load index: ${reason}.`, { cause })
}
