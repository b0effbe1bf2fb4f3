import type { FacetKind } from './indexData.js'
import type { IndexOptions } from './options.js'

/** The `format` field of a chunked index's manifest (`index.json`). */
export const chunkedFormat = 'infobox-search-chunked'

/** The chunked layout version this library writes and reads; see CHANGELOG.md. */
export const chunkedFormatVersion = 1

/**
 * A chunked index's manifest, `<dir>/index.json`: everything a first search
 * needs to know which files to fetch. File paths are relative to it; every
 * name but the manifest's ends in the hash of the file's content (`contentHash`).
 */
export interface ChunkedManifest {
  readonly format: typeof chunkedFormat
  readonly version: typeof chunkedFormatVersion
  /** `infobox-search@x.y.z` that wrote it. */
  readonly generator: string
  readonly options: IndexOptions
  readonly documentCount: number
  /** Average length of each field over all documents (BM25 needs it; the lengths travel in the postings). */
  readonly averageFieldLength: readonly number[]
  /** Postings chunks: contiguous runs of the sorted terms. */
  readonly terms: {
    /** The first term of each chunk, in order (the first is always `''`). */
    readonly first: readonly string[]
    /** How many terms each chunk holds. */
    readonly counts: readonly number[]
    readonly files: readonly string[]
  }
  /** Dictionary chunks for typo tolerance: the terms ordered by first UTF-16 unit, then length, then term. */
  readonly dictionary: {
    /** The first `[unit, length, term]` of each chunk, in order. */
    readonly first: readonly (readonly [unit: string, length: number, term: string])[]
    readonly files: readonly string[]
  }
  /** One file per facet; values facets may have one per hierarchy level too. */
  readonly facets: Readonly<Record<string, ChunkedFacet>>
  /**
   * Stored fields and snippet text: one file per document (`<folder>/<n>.json`, `n`
   * counted from the block's first document), in blocks whose folder names hash their files.
   */
  readonly documents: {
    /** The first document of each block, ascending from 0. */
    readonly starts: readonly number[]
    /** The folder of each block. */
    readonly blocks: readonly string[]
  }
}

/** Where a facet's data is. */
export interface ChunkedFacet {
  readonly kind: FacetKind
  readonly file: string
  /** Values facets with a hierarchy (place): one table per level. */
  readonly levels?: readonly string[]
}

/** A postings chunk: its terms and, for each, the postings per field: `[field, document deltas, counts, field lengths]`. */
export interface PostingsChunk {
  readonly terms: readonly string[]
  readonly postings: readonly (readonly (readonly [
    field: number,
    deltas: readonly number[],
    counts: readonly number[],
    lengths: readonly number[],
  ])[])[]
}

/** A dictionary chunk: a run of terms in (first unit, length, term) order. */
export interface DictionaryChunk {
  readonly terms: readonly string[]
}

/** One document's fragment: its stored fields and the start of its text (for snippets). */
export interface DocumentFragment<Stored = unknown> {
  readonly document: Stored
  readonly text: string
}
