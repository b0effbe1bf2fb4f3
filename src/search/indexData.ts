import type MiniSearch from 'minisearch'
import type { MiniSearchJSON } from '../core/envelope.js'
import type { FacetData, StoredDocument } from '../core/indexData.js'
import type { IndexedDocument } from '../core/miniSearchConfig.js'
import type { IndexOptions } from '../core/options.js'

/** Everything a `SearchIndex` is made of; what the envelope stores. */
export interface IndexData {
  readonly options: IndexOptions
  readonly documents: readonly StoredDocument[]
  /** Plain body text per document, the source of snippets. */
  readonly texts: readonly string[]
  readonly facets: FacetData
  /** The term index. A freshly built index makes it on first use (see `miniSearchJSON`). */
  readonly miniSearch: MiniSearch<IndexedDocument>
  /**
   * A freshly built index's MiniSearch JSON: `serializeIndex` writes it as it
   * is, so a build that is only serialized never makes MiniSearch's tree.
   * Absent for a loaded index.
   */
  readonly miniSearchJSON?: MiniSearchJSON
  /** `infobox-search@x.y.z` that wrote the file, for a loaded index. */
  readonly generator?: string
}
