import type { StoredDocument, StoredFields } from '../core/indexData.js'
import { searchFields, type IndexOptions } from '../core/options.js'
import { createLoadedTermIndex } from './engine/loadedTermIndex.js'
import { queryTerms } from './engine/queryTerms.js'
import { queryLength, scoreQuery, type ScoringOptions } from './engine/scoreQuery.js'
import { suggestCompletions } from './engine/suggestCompletions.js'
import type { TermIndex } from './engine/termIndex.js'
import type { FacetKind } from './facets/facet.js'
import { facetsOf, type IndexFacets } from './facets/fromData.js'
import type { IndexData } from './indexData.js'
import { rankAndCount, type Match } from './rankAndCount.js'
import {
  resolveSearchOptions,
  type MatchingOptions,
  type ResolvedSearchOptions,
  type SearchOptions,
} from './searchOptions.js'
import { distanceKm, type GeoPoint } from '../core/geo.js'
import type { SearchHit, SearchResultFor, Suggestion } from './searchResult.js'
import { applySuggestions } from './query/applySuggestions.js'
import { buildNameIndex, type NameIndex } from './query/nameIndex.js'
import { understandQuery } from './query/understandQuery.js'
import { makeSnippet, pendingSnippet, snippetScanFor, snippetWhenRead } from './snippet.js'
import { resolveSuggestLimit, type SuggestOptions } from './suggestOptions.js'

/** Longest query read; the rest is ignored. Bounds the work of a pasted essay. */
export const maxQueryLength = 500

/**
 * A loaded or freshly built index. Create one with `loadIndex` (browser or
 * Node) or `buildIndex` (from `infobox-search/build`).
 */
export class SearchIndex<Fields extends StoredFields = StoredFields> {
  /** @internal The index's data; read by `serializeIndex`. Not a stable API. */
  readonly data: IndexData
  readonly #facets: IndexFacets
  readonly #facetKinds: ReadonlyMap<string, FacetKind>
  #termIndex: TermIndex | undefined
  #nameIndex: NameIndex | undefined

  /** @internal Use `loadIndex` or `buildIndex`. */
  constructor(data: IndexData) {
    this.data = data
    this.#facets = facetsOf(data.facets, data.documents.length)
    this.#facetKinds = new Map([...this.#facets.byName].map(([name, facet]) => [name, facet.kind]))
  }

  /** Number of articles in the index. */
  get documentCount(): number {
    return this.data.documents.length
  }

  /** The options the index was built with. */
  get options(): IndexOptions {
    return this.data.options
  }

  /** Names of the facets this index can filter and count. */
  get facetNames(): readonly string[] {
    return [...this.#facetKinds.keys()]
  }

  /**
   * Search the index. An empty query with filters browses every matching
   * article (newest first unless `sort` says otherwise).
   *
   * @example
   * const { facets } = index.search('gettysburg', { filters: { date: { from: 1860, to: 1865 } }, facets: ['place'] })
   * facets.place // [{ value: 'Gettysburg, Pennsylvania', count: 1 }, …]
   * @throws {OptionsError} `ERR_INVALID_QUERY` for an unknown facet or a malformed option.
   */
  search<const Options extends SearchOptions = SearchOptions>(
    query: string,
    options?: Options,
  ): SearchResultFor<Options, Fields> {
    const resolved = resolveSearchOptions(options ?? {}, this.#facetKinds)
    const text = cleanQuery(query)
    const suggested = resolved.understand && text !== '' ? understandQuery(text, this.#names()) : []
    const { filters, signals, required } = applySuggestions(suggested, resolved, this.#facets.byName)
    const terms = text === '' ? [] : queryTerms(text, resolved.matching)
    const scores =
      text === ''
        ? undefined
        : scoreQuery(this.#terms(), terms, {
            ...scoringOptions(this.options, resolved.matching),
            queryLength: queryLength(text),
          })
    const { page, ...ranked } = rankAndCount(
      this.documentCount,
      scores,
      this.#facets,
      { ...resolved, filters },
      signals,
      required,
    )
    const scan = snippetScanFor(page.length)
    const hits = page.map((match) => this.#hit(match, resolved, scan))
    // The counts are keyed by the requested names, and the date facet counts in `DateBucket`s:
    // what `SearchResultFor` says of them, which TypeScript cannot follow through the facet map.
    return { ...ranked, hits, suggestedFilters: suggested } as unknown as SearchResultFor<Options, Fields>
  }

  /**
   * Complete a query prefix from the index's terms, best first.
   * @example index.suggest('gettys') // [{ suggestion: 'gettysburg', … }]
   * @throws {OptionsError} `ERR_INVALID_QUERY` for a `limit` that is not a whole number ≥ 0.
   */
  suggest(prefix: string, options?: SuggestOptions): Suggestion[] {
    const limit = resolveSuggestLimit(options)
    const text = cleanQuery(prefix)
    if (text === '') return []
    return suggestCompletions(this.#terms(), text, scoringOptions(this.options, {})).slice(0, limit)
  }

  #names(): NameIndex {
    return (this.#nameIndex ??= buildNameIndex(this.data.facets.tables, namedFacets(this.data.facets.tables)))
  }

  #terms(): TermIndex {
    return (this.#termIndex ??= createLoadedTermIndex(this.data.terms.head, [...this.data.terms.entries()]))
  }

  #hit(match: Match, resolved: ResolvedSearchOptions, scan: number): SearchHit<Fields> {
    const document = this.data.documents[match.doc] as StoredDocument
    const text = this.data.texts[match.doc] || document.description || ''
    const hit: SearchHit<Fields> = {
      ...document,
      // What the app says its fields are: the index holds what its build was told to store.
      fields: (document.fields ?? {}) as Partial<Fields>,
      score: match.score,
      terms: match.terms,
      snippet: pendingSnippet,
    }
    return snippetWhenRead(withPlace(hit, this.#facets.geo.point(match.doc), resolved.near), () =>
      makeSnippet(text, new Set(match.terms), resolved.snippetLength, scan),
    )
  }
}

/** A hit with its coordinates, and its distance from `near` when there is one. */
export function withPlace<Hit extends SearchHit<StoredFields>>(
  hit: Hit,
  point: GeoPoint | undefined,
  near: GeoPoint | undefined,
): Hit {
  if (point === undefined) return hit
  const distance = near === undefined ? undefined : Math.round(distanceKm(near, point) * 10) / 10
  return { ...hit, coordinates: point, ...(distance === undefined ? {} : { distance }) }
}

/** Field weights (the query's over the index's) and how terms combine. */
export function scoringOptions(index: IndexOptions, matching: MatchingOptions): ScoringOptions {
  const boost = { ...index.boost, ...matching.boost }
  return { fieldBoosts: searchFields.map((field) => boost[field] ?? 1), combineWith: matching.combineWith ?? 'OR' }
}

/** At most `maxQueryLength` characters, trimmed; anything but a string is no query. */
export function cleanQuery(query: unknown): string {
  return typeof query === 'string' ? query.slice(0, maxQueryLength).trim() : ''
}

/** The facets whose values a query may name: every facet of values but hierarchy levels. */
export function namedFacets(tables: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(tables).filter((name) => !name.includes('@'))
}
