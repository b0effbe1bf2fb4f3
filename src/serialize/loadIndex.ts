import MiniSearch from 'minisearch'
import { IndexFormatError, InfoboxSearchError } from '../errors.js'
import { resolveIndexOptions, type IndexOptions } from '../index/options.js'
import { miniSearchOptions, type IndexedDocument } from '../index/schema.js'
import type { DateTable, FacetData, FacetTable, StoredDocument } from '../search/indexData.js'
import { SearchIndex } from '../search/searchIndex.js'
import { indexFormat, indexFormatVersion } from './envelope.js'

/** What `loadIndex` reads: the file's text, the parsed JSON, or a `fetch` response. */
export type IndexSource = string | object

/**
 * Load an index written by `serializeIndex`. No options are needed: they
 * travel in the file. `format` and `version` are checked before anything
 * else; a file from another version is refused, never half-loaded.
 *
 * Given a `Response` (e.g. `loadIndex(await fetch(url))`) it returns a
 * promise and reads the body without blocking the page.
 *
 * @example
 * const index = loadIndex(await readFile('search-index.json', 'utf8'))
 * const index = await loadIndex(await fetch('/search-index.json'))
 * @throws {IndexFormatError} `ERR_INDEX_FORMAT` (not an index), `ERR_INDEX_VERSION`
 * (another format version) or `ERR_INDEX_CORRUPT` (truncated or inconsistent).
 */
export function loadIndex(source: Response): Promise<SearchIndex>
export function loadIndex(source: IndexSource): SearchIndex
export function loadIndex(source: IndexSource | Response): SearchIndex | Promise<SearchIndex> {
  if (isResponse(source)) return loadIndexAsync(source)
  const { envelope, options } = readEnvelope(source)
  return assemble(envelope, options, loadMiniSearch(() => MiniSearch.loadJS(envelope['minisearch'] as never, miniSearchOptions(options))))
}

/**
 * Like `loadIndex`, but yields to the event loop while it rebuilds the term
 * index, so a 10 MB index does not freeze the page. Accepts a `Response`.
 */
export async function loadIndexAsync(source: IndexSource | Response | Promise<Response>): Promise<SearchIndex> {
  let input: unknown = await source
  if (isResponse(input)) {
    if (!input.ok) corrupt('ERR_INDEX_FORMAT', `the server answered ${input.status} ${input.statusText} for ${input.url || 'the index URL'}; check the URL`)
    input = await input.text()
  }
  const { envelope, options } = readEnvelope(input as IndexSource)
  let miniSearch: MiniSearch<IndexedDocument>
  try {
    miniSearch = await MiniSearch.loadJSAsync(envelope['minisearch'] as never, miniSearchOptions(options))
  } catch (cause) {
    corrupt('ERR_INDEX_CORRUPT', 'its MiniSearch payload could not be read; rebuild the index', cause)
  }
  return assemble(envelope, options, miniSearch)
}

function isResponse(value: unknown): value is Response {
  return typeof value === 'object' && value !== null && typeof (value as Response).text === 'function' && 'ok' in value
}

function readEnvelope(source: unknown): { envelope: Record<string, unknown>; options: IndexOptions } {
  let envelope: unknown = source
  if (typeof source === 'string') {
    try {
      envelope = JSON.parse(source)
    } catch (cause) {
      if (/^\s*</.test(source)) corrupt('ERR_INDEX_FORMAT', 'the input is HTML, not JSON (an error page served instead of the index?); check the URL or path', cause)
      corrupt('ERR_INDEX_CORRUPT', 'the JSON is truncated or malformed; rebuild the index or download it again', cause)
    }
  }
  if (!isRecord(envelope) || envelope['format'] !== indexFormat) {
    corrupt('ERR_INDEX_FORMAT', `the input is not an ${indexFormat} index (no "format": "${indexFormat}"); build one with "infobox-search build"`)
  }
  const version = envelope['version']
  if (version !== indexFormatVersion) {
    throw new IndexFormatError(
      'ERR_INDEX_VERSION',
      `Cannot load index: format version ${JSON.stringify(version)} is not supported (this library reads version ${indexFormatVersion}); rebuild it with "infobox-search build" from this version, or use the version of infobox-search that wrote it (${String(envelope['generator'])}).`,
      { expected: indexFormatVersion, received: version, version },
    )
  }
  let options: IndexOptions
  try {
    options = resolveIndexOptions(envelope['options'])
  } catch (cause) {
    corrupt('ERR_INDEX_CORRUPT', 'its "options" are invalid', cause)
  }
  return { envelope, options }
}

function loadMiniSearch(load: () => MiniSearch<IndexedDocument>): MiniSearch<IndexedDocument> {
  try {
    return load()
  } catch (cause) {
    corrupt('ERR_INDEX_CORRUPT', 'its MiniSearch payload could not be read; rebuild the index', cause)
  }
}

/** Check that every part agrees with every other, then build the index object. */
function assemble(envelope: Record<string, unknown>, options: IndexOptions, miniSearch: MiniSearch<IndexedDocument>): SearchIndex {
  const { documents, texts, facets } = envelope
  if (!Array.isArray(documents) || !documents.every((d) => isRecord(d) && typeof d['id'] === 'string' && typeof d['title'] === 'string')) {
    corrupt('ERR_INDEX_CORRUPT', '"documents" must be a list of { id, title, … }')
  }
  const size = documents.length
  if (miniSearch.documentCount !== size) {
    corrupt('ERR_INDEX_CORRUPT', `it stores ${size} documents but its MiniSearch payload has ${miniSearch.documentCount}`)
  }
  if (!Array.isArray(texts) || texts.length !== size || !texts.every((t) => typeof t === 'string')) {
    corrupt('ERR_INDEX_CORRUPT', `"texts" must be ${size} strings, one per document`)
  }
  const generator = typeof envelope['generator'] === 'string' ? { generator: envelope['generator'] } : {}
  return new SearchIndex({ options, documents: documents as StoredDocument[], texts, facets: checkFacets(facets, size), miniSearch, ...generator })
}

function checkFacets(facets: unknown, size: number): FacetData {
  if (!isRecord(facets) || !isRecord(facets['tables']) || !isRecord(facets['date'])) corrupt('ERR_INDEX_CORRUPT', '"facets" must be { tables, date }')
  const { start, end } = facets['date']
  const isKeys = (keys: unknown): keys is (number | null)[] =>
    Array.isArray(keys) && keys.length === size && keys.every((k) => k === null || Number.isFinite(k))
  if (!isKeys(start) || !isKeys(end)) corrupt('ERR_INDEX_CORRUPT', `"facets.date" must hold ${size} start and end keys`)
  const tables: Record<string, FacetTable> = Object.create(null)
  for (const [name, table] of Object.entries(facets['tables'])) {
    if (!/^[\w-]+(@\d+)?$/.test(name) || unsafeNames.has(name)) corrupt('ERR_INDEX_CORRUPT', `facet name ${JSON.stringify(name).slice(0, 40)} is not allowed`)
    if (!isRecord(table) || !Array.isArray(table['values']) || !Array.isArray(table['docs']) || table['values'].length !== table['docs'].length) {
      corrupt('ERR_INDEX_CORRUPT', `facet "${name}" must be { values, docs } of equal length`)
    }
    for (const docs of table['docs']) {
      if (!Array.isArray(docs) || !docs.every((d) => Number.isInteger(d) && d >= 0 && d < size)) {
        corrupt('ERR_INDEX_CORRUPT', `facet "${name}" refers to documents that are not in the index`)
      }
    }
    if (!table['values'].every((v) => typeof v === 'string') || (table['labels'] !== undefined && !isRecord(table['labels']))) {
      corrupt('ERR_INDEX_CORRUPT', `facet "${name}" has values that are not strings`)
    }
    tables[name] = table as unknown as FacetTable
  }
  return { tables, date: { start, end } as DateTable }
}

const unsafeNames: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function corrupt(code: InfoboxSearchError['code'], reason: string, cause?: unknown): never {
  throw new IndexFormatError(code, `Cannot load index: ${reason}.`, cause === undefined ? {} : { cause })
}
