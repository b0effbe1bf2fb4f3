import { normalizeTerm } from './fold.js'
import type { GeoPoint } from './geo.js'
import type { FacetKind } from './indexData.js'
import type { IndexOptions } from './options.js'

/** The `format` field of a chunked index's manifest (`index.json`). */
export const chunkedFormat = 'infobox-search-chunked'

/** The chunked layout version this library writes and reads; see CHANGELOG.md. */
export const chunkedFormatVersion = 2

/** Where each file of a chunked index is, relative to its manifest. */
export const chunkPaths = {
  terms: (hash: string) => `terms/${hash}.json`,
  dictionary: (hash: string) => `dictionary/${hash}.json`,
  block: (hash: string) => `documents/${hash}`,
  fragment: (hash: string, offset: number) => `documents/${hash}/${offset}.json`,
} as const

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
  /** Postings chunks: contiguous runs of the sorted terms, at `terms/<hash>.json`. */
  readonly terms: {
    /** The first term of each chunk, in order (the first is always `''`). */
    readonly first: readonly string[]
    readonly hashes: readonly string[]
  }
  /**
   * Typo files, at `dictionary/<hash>.json`: the terms of one first UTF-16 unit
   * whose length is in a range. A fuzzy lookup needs the terms of the query
   * term's first unit within its edits of its length; the ranges are those
   * windows for the default edits, so such a lookup reads one file.
   */
  readonly dictionary: {
    /** `[unit, shortest, longest]` of each file (lengths in UTF-16 units), by unit, then shortest. */
    readonly ranges: readonly (readonly [unit: string, shortest: number, longest: number])[]
    readonly hashes: readonly string[]
  }
  /** One file per facet; values facets may have one per hierarchy level too. */
  readonly facets: Readonly<Record<string, ChunkedFacet>>
  /**
   * The names a query may use for facet values whose first word is a stop
   * word (`isManifestName`); every other name is in the postings chunk whose
   * run of terms its key sorts in, which a query reads for its first word.
   */
  readonly names: readonly ChunkedName[]
  /**
   * Stored fields and snippet text: one file per document, `documents/<hash>/<n>.json`,
   * in blocks whose folder names hash their files (`n` counts from the block's first document).
   */
  readonly documents: {
    /** The first document of each block, ascending from 0. */
    readonly starts: readonly number[]
    readonly hashes: readonly string[]
  }
}

/** Where a facet's data is. */
export interface ChunkedFacet {
  readonly kind: FacetKind
  /** Values facets: the values of several documents (`ValuesFacetFile`). */
  readonly file: string
  /**
   * Values facets with values of one document only: those values
   * (`SinglesFacetFile`), fetched when a search's counts reach them (count 1)
   * or a filter names a value not in `file`.
   */
  readonly singles?: string
  /** Values facets with a hierarchy (place): one table per level. */
  readonly levels?: readonly string[]
}

/**
 * A postings chunk: its terms and, for each, the postings per field:
 * `[field, document deltas, counts, field lengths]`; and the names of facet
 * values whose keys sort in its run (see `ChunkedManifest.names`), if any.
 */
export interface PostingsChunk {
  readonly terms: readonly string[]
  readonly postings: readonly (readonly (readonly [
    field: number,
    deltas: readonly number[],
    counts: readonly number[],
    lengths: readonly number[],
  ])[])[]
  readonly names?: readonly ChunkedName[]
}

/**
 * A name a query may use (`nameKey`) and, per facet, the values it stands
 * for, the label of the first, and each value's documents as deltas: what
 * ranks the documents a query names (or filters them, with `applySuggested`)
 * without the facet's file.
 */
export type ChunkedName = readonly [
  key: string,
  entries: readonly (readonly [
    facet: string,
    values: readonly string[],
    label: string,
    deltas: readonly (readonly number[])[],
  ])[],
]

/**
 * Whether a name is kept in the manifest: its first word is a stop word (or
 * none), which no query reads a postings chunk for.
 */
export function isManifestName(key: string): boolean {
  return normalizeTerm(key.split(' ')[0] ?? '') === null
}

/** A facet of values as its file stores it: each value's documents as deltas (the first is the document itself). */
export interface ValuesFacetFile {
  readonly values: readonly string[]
  readonly deltas: readonly (readonly number[])[]
  readonly labels?: Readonly<Record<string, string>>
  readonly aliases?: Readonly<Record<string, readonly (readonly [label: string, count: number])[]>>
}

/** A facet's values of one document only, ascending, each with its document; their labels and aliases. */
export interface SinglesFacetFile {
  readonly values: readonly string[]
  readonly docs: readonly number[]
  readonly labels?: Readonly<Record<string, string>>
  readonly aliases?: Readonly<Record<string, readonly (readonly [label: string, count: number])[]>>
}

/** The date facet as its file stores it: each document's start key, and how far its end key is from it (`null`: undated, or ongoing). */
export interface DatesFacetFile {
  readonly start: readonly (number | null)[]
  readonly span: readonly (number | null)[]
}

/** A typo file: the terms of one first unit and a range of lengths, by length, then term. */
export interface DictionaryChunk {
  readonly terms: readonly string[]
}

/** One document's fragment: its stored fields, the start of its text (for snippets) and its coordinates. */
export interface DocumentFragment<Stored = unknown> {
  readonly document: Stored
  readonly text: string
  readonly coordinates?: GeoPoint
}
