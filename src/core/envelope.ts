import type { AsPlainObject } from 'minisearch'
import type { IndexOptions } from './options.js'
import type { FacetData, StoredDocument } from './indexData.js'

/** The `format` field of every index file. */
export const indexFormat = 'infobox-search'

/**
 * The index file format version this library writes and reads. Bumped on any
 * change to the envelope or its contents; see CHANGELOG.md.
 */
export const indexFormatVersion = 2

/** An index file, as JSON. Keys are written in this order. */
export interface IndexEnvelope {
  readonly format: typeof indexFormat
  readonly version: typeof indexFormatVersion
  /** `infobox-search@x.y.z` that wrote the file. */
  readonly generator: string
  readonly options: IndexOptions
  readonly documents: readonly StoredDocument[]
  /** Plain body text per document, for snippets. */
  readonly texts: readonly string[]
  readonly facets: FacetData
  /** MiniSearch's own `toJSON()`. */
  readonly minisearch: unknown
}

/** MiniSearch's JSON before its term list, keys in the order `MiniSearch#toJSON` writes them. */
export type MiniSearchHead = Omit<AsPlainObject, 'index' | 'serializationVersion'>

/** One term of MiniSearch's JSON: `[term, { fieldId: { documentId: count } }]`. */
export type MiniSearchEntry = AsPlainObject['index'][number]

/**
 * MiniSearch's JSON in two parts, so an index can be written term by term
 * instead of as one string (which V8 caps at about 512 MB).
 */
export interface MiniSearchJSON {
  readonly head: MiniSearchHead
  /** Every term, sorted by UTF-16 code units, with its counts per field and document. */
  entries(): Iterable<MiniSearchEntry>
  /** The same entries, each as its `JSON.stringify` text, when they can be written faster than that. */
  entriesJSON?(): Iterable<string>
}
