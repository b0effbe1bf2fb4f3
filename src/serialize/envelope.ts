import type { IndexOptions } from '../index/options.js'
import type { FacetData, StoredDocument } from '../search/indexData.js'

/** The `format` field of every index file. */
export const indexFormat = 'infobox-search'

/**
 * The index file format version this library writes and reads. Bumped on any
 * change to the envelope or its contents; see CHANGELOG.md.
 */
export const indexFormatVersion = 1

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
