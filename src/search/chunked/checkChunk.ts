import {
  isManifestName,
  type ChunkedName,
  type DatesFacetFile,
  type DictionaryChunk,
  type PostingsChunk,
  type SinglesFacetFile,
  type ValuesFacetFile,
} from '../../core/chunkedFormat.js'
import { IndexFormatError } from '../../core/errors.js'
import { isRecord } from '../../core/guards.js'
import type { GeoPoint } from '../../core/geo.js'
import type { DateTable, FacetTable, GeoTable, StoredDocument } from '../../core/indexData.js'
import { searchFields } from '../../core/options.js'
import { dateTableProblem, facetTableProblem, geoTableProblem, isAscendingPositions } from '../checkFacetData.js'
import { isStoredDocument } from '../checkStoredDocument.js'
import type { FieldPostings } from '../engine/termIndex.js'
import { namesProblem } from './chunkedNames.js'
import { withSingles } from './splitValuesFacet.js'

// A chunked index's files are fetched from a server, so they are checked as
// an index file is, when they are first read: a file whose content hash
// matches its name can still be wrong (a buggy writer, a forged folder). A
// file of the wrong shape is an IndexFormatError (ERR_INDEX_CORRUPT) naming
// it, never a TypeError inside search.

/** The error for the chunk file at `path`. */
export function corruptChunk(path: string, problem: string): IndexFormatError {
  return new IndexFormatError(
    'ERR_INDEX_CORRUPT',
    `Cannot search: ${path} of this chunked index ${problem}; rebuild the index.`,
    { url: path },
  )
}

/**
 * A postings chunk's outline, checked once: its terms are text, ascending,
 * within its run (from `first` to before `next`), each with a list of postings.
 */
export function checkPostingsChunk(
  chunk: unknown,
  path: string,
  first: string,
  next: string | undefined,
): PostingsChunk {
  if (!isRecord(chunk) || !Array.isArray(chunk['terms']) || !Array.isArray(chunk['postings']))
    throw corruptChunk(path, 'is not { terms, postings }')
  const { terms, postings } = chunk
  if (terms.length !== postings.length) throw corruptChunk(path, 'has as many terms as postings')
  let previous: string | undefined
  for (const term of terms) {
    if (typeof term !== 'string' || (previous !== undefined && term <= previous))
      throw corruptChunk(path, 'has terms that are not text in ascending order')
    previous = term
  }
  const last = terms.at(-1) as string | undefined
  if (last !== undefined && ((terms[0] as string) < first || (next !== undefined && last >= next)))
    throw corruptChunk(path, 'holds terms of another chunk')
  return chunk as unknown as PostingsChunk
}

/**
 * One term's postings rows as the engine reads them: `[field, document deltas, counts,
 * field lengths]` of a field id, documents ascending below `documentCount`, counts whole
 * numbers ≥ 1, lengths finite and ≥ 0.
 */
export function decodePostings(rows: unknown, path: string, documentCount: number): readonly FieldPostings[] {
  if (!Array.isArray(rows)) throw corruptChunk(path, 'has postings that are not a list')
  return rows.map((row: unknown) => {
    const [field, deltas, counts, lengths] = Array.isArray(row) ? (row as unknown[]) : []
    if (
      !(typeof field === 'number' && Number.isInteger(field) && field >= 0 && field < searchFields.length) ||
      !Array.isArray(deltas) ||
      !Array.isArray(counts) ||
      !Array.isArray(lengths) ||
      counts.length !== deltas.length ||
      lengths.length !== deltas.length
    )
      throw corruptChunk(path, 'has a postings row that is not [field, deltas, counts, lengths]')
    const docs: number[] = []
    let doc = 0
    for (const delta of deltas) docs.push((doc += delta as number))
    if (!isAscendingPositions(docs, documentCount) || (deltas.length > 0 && (deltas[0] as number) < 0))
      throw corruptChunk(path, 'has postings of documents that are not in the index, or out of order')
    if (!counts.every((count) => Number.isInteger(count) && (count as number) > 0))
      throw corruptChunk(path, 'has a term count that is not a whole number ≥ 1')
    if (!lengths.every((length) => typeof length === 'number' && length >= 0 && length < Infinity))
      throw corruptChunk(path, 'has a field length that is not a finite number ≥ 0')
    return { field, docs, counts: counts as number[], lengths: lengths as number[] }
  })
}

/**
 * A postings chunk's names (none when it has no `names`): those whose keys
 * sort in its run (from `first` to before `next`), checked as `namesProblem` does.
 */
export function readChunkNames(
  chunk: unknown,
  path: string,
  run: { readonly first: string; readonly next: string | undefined },
  documentCount: number,
  isValuesFacet: (facet: string) => boolean,
): readonly ChunkedName[] {
  const names = isRecord(chunk) ? (chunk['names'] ?? []) : undefined
  const inRun = (key: string) => key >= run.first && (run.next === undefined || key < run.next) && !isManifestName(key)
  const problem = namesProblem(names, documentCount, isValuesFacet, inRun)
  if (problem !== undefined) throw corruptChunk(path, problem)
  return names as ChunkedName[]
}

/** A typo file: the terms of its range's first unit, each as long as its range allows. */
export function checkTypoFile(
  chunk: unknown,
  path: string,
  [unit, shortest, longest]: readonly [unit: string, shortest: number, longest: number],
): DictionaryChunk {
  if (!isRecord(chunk) || !Array.isArray(chunk['terms']) || !chunk['terms'].every((term) => typeof term === 'string'))
    throw corruptChunk(path, 'is not { terms } of text')
  const inRange = (term: string) => term.slice(0, 1) === unit && term.length >= shortest && term.length <= longest
  if (!chunk['terms'].every(inRange))
    throw corruptChunk(path, 'has terms of another first letter or length than the manifest gives it')
  return chunk as unknown as DictionaryChunk
}

/** A values facet's file → its table (document deltas summed back), checked as a single-file index's table is. */
export function readValuesFile(stored: unknown, path: string, documentCount: number): FacetTable {
  if (!isRecord(stored) || !Array.isArray(stored['deltas']) || !stored['deltas'].every(Array.isArray))
    throw corruptChunk(path, 'is not { values, deltas }')
  const { values, deltas, labels, aliases } = stored as unknown as ValuesFacetFile
  const docs = deltas.map((list) => {
    let doc = 0
    return list.map((delta) => (doc += delta))
  })
  const table = {
    values,
    docs,
    ...(labels === undefined ? {} : { labels }),
    ...(aliases === undefined ? {} : { aliases }),
  }
  const problem = facetTableProblem(table, documentCount)
  if (problem !== undefined) throw corruptChunk(path, problem)
  return table
}

/**
 * A values facet's file of values of one document, joined to the facet's
 * other values (`shared`, from its file): the whole table (`withSingles`),
 * checked as a single-file index's table is.
 */
export function readSinglesFile(stored: unknown, path: string, documentCount: number, shared: FacetTable): FacetTable {
  if (
    !isRecord(stored) ||
    !Array.isArray(stored['values']) ||
    !Array.isArray(stored['docs']) ||
    stored['values'].length !== stored['docs'].length
  )
    throw corruptChunk(path, 'is not { values, docs } with a document per value')
  const singles = stored as unknown as SinglesFacetFile
  const alone = { ...singles, docs: singles.docs.map((doc) => [doc]) }
  const problem = facetTableProblem(alone, documentCount)
  if (problem !== undefined) throw corruptChunk(path, problem)
  const whole = withSingles(shared, singles)
  if (facetTableProblem(whole, documentCount) !== undefined)
    throw corruptChunk(path, "has values that the facet's other file has too")
  return whole
}

/** The date facet's file → its table (end keys from the spans), checked as a single-file index's dates are. */
export function readDatesFile(stored: unknown, path: string, documentCount: number): DateTable {
  if (!isRecord(stored) || !Array.isArray(stored['start']) || !Array.isArray(stored['span']))
    throw corruptChunk(path, 'is not { start, span }')
  const { start, span } = stored as unknown as DatesFacetFile
  const end = start.map((key, doc) => {
    const length = span[doc]
    return key === null || length === null || length === undefined ? null : key + length
  })
  const table = { start, end }
  const problem = dateTableProblem(table, documentCount)
  if (problem !== undefined || span.length !== documentCount)
    throw corruptChunk(path, problem ?? 'has a span per document')
  return table
}

/** The coordinates facet's file: the table itself, checked as a single-file index's is. */
export function readPointsFile(stored: unknown, path: string, documentCount: number): GeoTable {
  const problem = geoTableProblem(stored, documentCount)
  if (problem !== undefined) throw corruptChunk(path, problem)
  return stored as GeoTable
}

/** A document's fragment: its stored fields (an id, a title, …), the start of its text, and its coordinates. */
export function readFragment(
  fragment: unknown,
  path: string,
): { document: StoredDocument; text: string; coordinates?: GeoPoint } {
  const document = isRecord(fragment) ? fragment['document'] : undefined
  if (!isRecord(fragment) || typeof fragment['text'] !== 'string' || !isStoredDocument(document))
    throw corruptChunk(path, 'is not { document: { id, title, … }, text }')
  const coordinates = fragment['coordinates']
  if (coordinates === undefined) return { document: document as StoredDocument, text: fragment['text'] }
  if (!isPoint(coordinates)) throw corruptChunk(path, 'has coordinates that are not { lat, lon } in degrees')
  return { document: document as StoredDocument, text: fragment['text'], coordinates }
}

function isPoint(value: unknown): value is GeoPoint {
  if (!isRecord(value)) return false
  const { lat, lon } = value
  return typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
}
