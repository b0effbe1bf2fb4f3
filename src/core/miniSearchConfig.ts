import type { Options as MiniSearchOptions, SearchOptions as MiniSearchSearchOptions } from 'minisearch'
import { normalizeTerm, tokenize } from './fold.js'
import { searchFields, type IndexOptions } from './options.js'

/** A document as MiniSearch sees it: `i` is the position in the stored documents. */
export interface IndexedDocument {
  readonly i: number
  readonly title: string
  readonly shortDescription: string
  readonly description: string
  readonly infobox: string
  readonly body: string
  readonly custom: string
}

/**
 * The one MiniSearch configuration: used by `buildIndex` and `loadIndex`.
 * Documents are stored by us, not by MiniSearch (`storeFields` is empty).
 */
export function miniSearchOptions(options: IndexOptions): MiniSearchOptions<IndexedDocument> {
  return {
    idField: 'i',
    fields: [...searchFields],
    storeFields: [],
    tokenize,
    processTerm: normalizeTerm,
    searchOptions: defaultSearchOptions(options),
  }
}

/**
 * Search-as-you-type defaults: prefix match on the last term, one typo
 * allowed in words of five letters or more, all terms preferred (OR with
 * ranking), field boosts from the index options.
 */
export function defaultSearchOptions(options: IndexOptions): MiniSearchSearchOptions {
  return {
    boost: { ...options.boost },
    prefix: (_term, index, terms) => index === terms.length - 1,
    fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    maxFuzzy: 2,
    combineWith: 'OR',
  }
}
