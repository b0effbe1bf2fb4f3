import type { MiniSearchJSON } from '../core/envelope.js'
import type { FacetData, StoredDocument } from '../core/indexData.js'
import type { IndexOptions } from '../core/options.js'

/** Everything a `SearchIndex` is made of; what the envelope stores. */
export interface IndexData {
  readonly options: IndexOptions
  readonly documents: readonly StoredDocument[]
  /** Plain body text per document, the source of snippets. */
  readonly texts: readonly string[]
  readonly facets: FacetData
  /**
   * The term index, in MiniSearch's JSON (terms sorted): written as it is by
   * `serializeIndex`, read in place by `search`.
   */
  readonly terms: MiniSearchJSON
  /** `infobox-search@x.y.z` that wrote the file, for a loaded index. */
  readonly generator?: string
}
