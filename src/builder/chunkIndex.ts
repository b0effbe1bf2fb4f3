import {
  chunkedFormat,
  chunkedFormatVersion,
  chunkPaths,
  isManifestName,
  type ChunkedManifest,
  type ChunkedName,
  type DictionaryChunk,
  type DocumentFragment,
  type PostingsChunk,
} from '../core/chunkedFormat.js'
import { contentHash } from '../core/contentHash.js'
import type { MiniSearchEntry } from '../core/envelope.js'
import type { FacetData } from '../core/indexData.js'
import type { IndexData } from '../search/indexData.js'
import { version } from '../core/version.js'
import { groupByFirstUnit, runOfLengths } from '../search/engine/loadedTermIndex.js'
import { defaultMaxDistance } from '../search/engine/queryTerms.js'
import { buildNameIndex, serializeNameIndex } from '../search/query/nameIndex.js'
import { lowerBound } from '../search/engine/termIndex.js'
import { namedFacets, type SearchIndex } from '../search/searchIndex.js'
import { snippetScanLimit } from '../search/snippet.js'
import { facetFiles } from './chunkFacets.js'

/** One file of a chunked index: its path relative to the index folder, and its JSON. */
export interface ChunkFile {
  readonly path: string
  readonly content: string
}

/** Options of `chunkIndex`. */
export interface ChunkIndexOptions {
  /**
   * Characters of JSON a postings chunk holds, on average (a term is never
   * split: one with more postings is a chunk of its own). Smaller chunks
   * waste less of each fetch on terms the query did not ask for; more of
   * them make the manifest larger.
   * @default 32_000
   */
  readonly chunkSize?: number
  /**
   * Characters of JSON of a typo file (terms only) past which a first unit's
   * terms are split into windows of lengths, one file per window.
   * @default 16_000
   */
  readonly dictionaryChunkSize?: number
  /** Documents per fragment folder, on average (a changed document renames only its folder). @default 64 */
  readonly blockSize?: number
}

/**
 * The files of a chunked index, then its manifest (the generator's return
 * value, to be written last): postings chunks (runs of the sorted terms,
 * each term's postings with the field lengths BM25 needs), typo files
 * (the terms by first letter and windows of length), the facet files
 * (`facetFiles`: a facet's values of one document apart from the others),
 * and one fragment per document (stored fields
 * and the text snippets are cut from). Every path ends in the hash of the
 * file's content (`contentHash`), so unchanged files keep their names.
 * Produced as consumed: an index of any size is written file by file.
 *
 * @example
 * const files = chunkIndex(buildIndex(articles, { body: 'full' }))
 * for (let next = files.next(); !next.done; next = files.next()) await write(next.value)
 */
export function* chunkIndex(
  index: SearchIndex,
  options: ChunkIndexOptions = {},
): Generator<ChunkFile, ChunkedManifest, undefined> {
  const { data } = index
  const { head } = data.terms
  const fieldLength = head.fieldLength as Readonly<Record<string, readonly number[]>>
  const names = chunkedNames(data.facets.tables)
  const termsIndex = yield* postingsChunks(
    data.terms.entries(),
    fieldLength,
    options.chunkSize ?? 32_000,
    names.filter(([key]) => !isManifestName(key)),
  )
  const dictionary = yield* dictionaryFiles(termsIndex.allTerms, options.dictionaryChunkSize ?? 16_000)
  const facets = yield* facetFiles(data.facets)
  const documents = yield* fragmentFiles(data, options.blockSize ?? 64)
  return {
    format: chunkedFormat,
    version: chunkedFormatVersion,
    generator: `infobox-search@${version}`,
    options: data.options,
    documentCount: head.documentCount,
    averageFieldLength: head.averageFieldLength,
    terms: { first: termsIndex.first, hashes: termsIndex.hashes },
    dictionary,
    facets,
    names: names.filter(([key]) => isManifestName(key)),
    documents,
  }
}

/**
 * The postings chunks, and the names (sorted by key) each chunk's run of
 * terms holds: those from its first term up to the next chunk's first.
 */
function* postingsChunks(
  entries: Iterable<MiniSearchEntry>,
  fieldLength: Readonly<Record<string, readonly number[]>>,
  size: number,
  names: readonly ChunkedName[],
) {
  const first: string[] = []
  const hashes: string[] = []
  const allTerms: string[] = []
  let terms: string[] = []
  let rows: string[] = []
  let characters = 0
  let nextName = 0
  const boundary = contentBoundary(size, 64)
  /** The chunk so far, with the names that sort before `next` (the next chunk's first term; none: all the rest). */
  function* flush(next: string | undefined): Generator<ChunkFile> {
    if (terms.length === 0) return
    const from = nextName
    while (nextName < names.length && (next === undefined || (names[nextName] as ChunkedName)[0] < next)) nextName++
    const content = postingsChunkJson(terms, rows, names.slice(from, nextName))
    const hash = contentHash(content)
    first.push(first.length === 0 ? '' : (terms[0] as string))
    hashes.push(hash)
    yield { path: chunkPaths.terms(hash), content }
    terms = []
    rows = []
    characters = 0
  }
  for (const [term, fields] of entries) {
    const row: PostingsChunk['postings'][number] = Object.entries(fields).map(([fieldKey, documents]) => {
      const field = Number(fieldKey)
      const deltas: number[] = []
      const tallies: number[] = []
      const lengths: number[] = []
      let previous = 0
      // Integer keys enumerate in ascending order: the deltas are all positive. One pass: this
      // loop reads every posting of the index.
      for (const docKey of Object.keys(documents)) {
        const doc = Number(docKey)
        deltas.push(deltas.length === 0 ? doc : doc - previous)
        previous = doc
        tallies.push(documents[docKey] as number)
        lengths.push(fieldLength[docKey]?.[field] ?? 0)
      }
      return [field, deltas, tallies, lengths] as const
    })
    const rowJson = JSON.stringify(row)
    const rowSize = rowJson.length + term.length + 4
    if (boundary(term, characters, rowSize)) yield* flush(term)
    terms.push(term)
    allTerms.push(term)
    rows.push(rowJson)
    characters += rowSize
  }
  yield* flush(undefined)
  if (first.length === 0) {
    // An empty index still has one chunk (of no terms), so every term and name has a chunk to be looked up in.
    const content = postingsChunkJson([], [], names)
    first.push('')
    hashes.push(contentHash(content))
    yield { path: chunkPaths.terms(contentHash(content)), content }
  }
  return { first, hashes, allTerms }
}

/**
 * The typo files: per first UTF-16 unit, its terms (by length, then term) in
 * ranges of lengths (`typoRanges`), each a file.
 */
function* dictionaryFiles(terms: readonly string[], size: number) {
  const groups = groupByFirstUnit(terms)
  const ranges: [string, number, number][] = []
  const hashes: string[] = []
  for (const unit of [...groups.keys()].sort(compareUnits)) {
    const group = groups.get(unit) as string[]
    for (const [shortest, longest] of typoRanges(group, size)) {
      const run = runOfLengths(group, shortest, longest)
      if (run.length === 0) continue
      const file = { terms: run } satisfies DictionaryChunk
      const content = JSON.stringify(file)
      ranges.push([unit, shortest, longest])
      hashes.push(contentHash(content))
      yield { path: chunkPaths.dictionary(contentHash(content)), content }
    }
  }
  return { ranges, hashes }
}

/**
 * The ranges of lengths of one unit's typo files (`group`: its terms by
 * length). A unit of at most `size` characters is one file. Otherwise each
 * length that has default edits gets the window those edits read (`[L - 2, L + 2]`
 * from eight units on), until the terms from the window's start on fit in
 * `size` (one last file); the lengths without default edits share one file.
 * Ranges never reach past the unit's shortest and longest terms.
 */
export function typoRanges(group: readonly string[], size: number): [shortest: number, longest: number][] {
  const shortest = group[0]?.length ?? 0
  const longest = group.at(-1)?.length ?? 0
  const charactersFrom = (length: number) =>
    runOfLengths(group, length, longest).reduce((sum, term) => sum + term.length + 3, 0)
  if (group.length === 0) return []
  if (charactersFrom(shortest) <= size) return [[shortest, longest]]
  const ranges: [number, number][] = []
  let length = shortest
  while (length <= longest && defaultMaxDistance(length) === 0) length++
  if (length > shortest) ranges.push([shortest, length - 1])
  for (; length <= longest; length++) {
    const edits = defaultMaxDistance(length)
    const from = Math.max(shortest, length - edits)
    if (charactersFrom(from) <= size) {
      ranges.push([from, longest])
      break
    }
    ranges.push([from, Math.min(longest, length + edits)])
  }
  return ranges
}

/** Units in code-unit order, as the manifest lists them. */
function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A postings chunk's JSON (`PostingsChunk`, `names` only when it has some)
 * from its rows' JSON: each row is serialised once, when its size decides
 * where the chunk ends. The same text as `JSON.stringify` of the chunk.
 */
function postingsChunkJson(terms: readonly string[], rows: readonly string[], names: readonly ChunkedName[]): string {
  const namesJson = names.length > 0 ? `,"names":${JSON.stringify(names)}` : ''
  return `{"terms":${JSON.stringify(terms)},"postings":[${rows.join(',')}]${namesJson}}`
}

/**
 * Every name a query may use for facet values (`buildNameIndex`), sorted by
 * key, each value with its documents.
 */
function chunkedNames(tables: FacetData['tables']): ChunkedName[] {
  const documentsOf = (facet: string, value: string): number[] => {
    const table = tables[facet]
    const position = table === undefined ? -1 : lowerBound(table.values, value)
    const docs = table?.values[position] === value ? (table.docs[position] ?? []) : []
    return docs.map((doc, at) => (at === 0 ? doc : doc - (docs[at - 1] as number)))
  }
  return serializeNameIndex(buildNameIndex(tables, namedFacets(tables))).map(([key, entries]) => [
    key,
    entries.map(([facet, values, label]) => [facet, values, label, values.map((value) => documentsOf(facet, value))]),
  ])
}

/**
 * One fragment per document, in folders of about `blockSize` documents; a
 * folder's name hashes its fragments. Where a folder starts depends on the
 * documents' ids, not on their count, so an edited or added article renames
 * its own folder, not every folder after it.
 */
function* fragmentFiles(data: IndexData, blockSize: number) {
  const { documents, texts } = data
  const { lat, lon } = data.facets.geo
  const starts: number[] = []
  const hashes: string[] = []
  const startsBlock = (doc: number) =>
    doc === 0 || hashNumber(documents[doc]?.id ?? '') % blockSize === 0 || doc - (starts.at(-1) ?? 0) >= 4 * blockSize
  for (let start = 0; start < documents.length;) {
    let end = start + 1
    while (end < documents.length && !startsBlock(end)) end++
    starts.push(start)
    const contents: string[] = []
    for (let doc = start; doc < end; doc++) {
      // One character past what snippets read, so a cut text still ends in "…".
      const [latitude, longitude] = [lat[doc], lon[doc]]
      const fragment: DocumentFragment = {
        document: documents[doc],
        text: (texts[doc] ?? '').slice(0, snippetScanLimit + 1),
        ...(latitude == null || longitude == null ? {} : { coordinates: { lat: latitude, lon: longitude } }),
      }
      contents.push(JSON.stringify(fragment))
    }
    const hash = contentHash(contents.join('\n'))
    hashes.push(hash)
    for (const [offset, content] of contents.entries()) yield { path: chunkPaths.fragment(hash, offset), content }
    start = end
  }
  return { starts, hashes }
}

/**
 * Content-defined chunk boundaries: a chunk ends before a term whose hash
 * picks it (about one term in `size / averageSize`) once it holds a quarter
 * of `size`, or when the next item would take it past twice `size`. An
 * inserted or changed term moves only the boundaries around it: the chunks
 * before and after keep their content, and so their names and cached copies.
 */
function contentBoundary(
  size: number,
  averageSize: number,
): (term: string, characters: number, itemSize: number) => boolean {
  const spacing = Math.max(1, Math.round(size / averageSize))
  return (term, characters, itemSize) =>
    characters > 0 && ((characters >= size / 4 && hashNumber(term) % spacing === 0) || characters + itemSize > 2 * size)
}

/** A number from a text's content hash. */
function hashNumber(text: string): number {
  return parseInt(contentHash(text).slice(-6), 16)
}
