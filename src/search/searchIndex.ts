import type { SearchOptions as MiniSearchSearchOptions, SearchResult as MiniSearchResult } from 'minisearch'
import type { IndexOptions } from '../index/options.js'
import { countDates, documentsInRange, type DateBucket } from './dateFacet.js'
import { countValues, documentsWithAny, type DocumentSet, type FacetCount } from './facetCounts.js'
import type { IndexData, StoredDocument } from './indexData.js'
import { resolveSearchOptions, type DateFilter, type ResolvedSearchOptions, type SearchOptions } from './searchOptions.js'
import { makeSnippet, type Snippet } from './snippet.js'

/** One search result. */
export interface SearchHit extends StoredDocument {
  /** Relevance; 0 when browsing without a query. */
  readonly score: number
  /** Index terms that matched (normalised: lower case, no diacritics). */
  readonly terms: readonly string[]
  /** Body text around the best match, with match ranges (see `highlight`). */
  readonly snippet: Snippet
}

/** What `SearchIndex.search` returns. */
export interface SearchResult {
  /** Articles matching the query and every filter. */
  readonly total: number
  /** Articles matching the query before any filter. */
  readonly totalUnfiltered: number
  readonly hits: readonly SearchHit[]
  /** Counts per requested facet; the date facet is a histogram. */
  readonly facets: Readonly<Record<string, readonly FacetCount[] | readonly DateBucket[]>>
}

/** A completion of a query prefix. */
export interface Suggestion {
  /** The completed query. */
  readonly suggestion: string
  readonly terms: readonly string[]
  readonly score: number
}

/** Longest query read; the rest is ignored. Bounds the work of a pasted essay. */
const maxQueryLength = 500

/**
 * A loaded or freshly built index. Create one with `loadIndex` (browser or
 * Node) or `buildIndex` (from `infobox-search/build`).
 */
export class SearchIndex {
  /** @internal The index's data; read by `serializeIndex`. Not a stable API. */
  readonly data: IndexData
  readonly #facetNames: ReadonlySet<string>

  /** @internal Use `loadIndex` or `buildIndex`. */
  constructor(data: IndexData) {
    this.data = data
    this.#facetNames = new Set(['date', ...Object.keys(data.facets.tables).filter((name) => !name.includes('@'))])
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
    return [...this.#facetNames]
  }

  /**
   * Search the index. An empty query with filters browses every matching
   * article (newest first unless `sort` says otherwise).
   *
   * @example
   * index.search('gettysburg', { filters: { date: { from: 1860, to: 1865 } }, facets: ['place'] })
   * @throws {OptionsError} `ERR_INVALID_QUERY` for an unknown facet or a malformed option.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const resolved = resolveSearchOptions(options, this.#facetNames)
    const size = this.documentCount
    const text = cleanQuery(query)
    const matches = text === '' ? undefined : this.data.miniSearch.search(text, this.#miniSearchOptions(resolved))
    const matched = new Uint8Array(size)
    if (matches === undefined) matched.fill(1)
    else for (const match of matches) matched[match.id as number] = 1

    // One set per active filter; a facet's counts use every set but its own.
    const filters = new Map<string, DocumentSet>()
    for (const [name, value] of Object.entries(resolved.filters ?? {})) {
      if (value === undefined) continue
      filters.set(name, name === 'date' ? documentsInRange(this.data.facets.date, value as DateFilter) : documentsWithAny(this.data.facets.tables[name], value as readonly string[], size))
    }
    const within = (doc: number, except?: string): boolean => {
      if (matched[doc] !== 1) return false
      for (const [name, set] of filters) if (name !== except && set[doc] !== 1) return false
      return true
    }

    const facets: Record<string, readonly FacetCount[] | readonly DateBucket[]> = {}
    for (const [name, request] of resolved.facets) {
      const set = new Uint8Array(size)
      for (let doc = 0; doc < size; doc++) if (within(doc, name)) set[doc] = 1
      if (name === 'date') {
        facets[name] = countDates(this.data.facets.date, set, request.interval ?? 'century', new Date().getUTCFullYear())
      } else {
        const table = this.data.facets.tables[request.level === undefined ? name : `${name}@${request.level}`]
        const selected = resolved.filters?.[name]
        facets[name] = countValues(table, set, request.limit ?? 10, Array.isArray(selected) ? selected : [])
      }
    }

    const ranked = this.#rank(matches, within, resolved.sort ?? (matches === undefined ? '-date' : 'relevance'))
    const page = ranked.slice(resolved.offset, resolved.offset + resolved.limit)
    return {
      total: ranked.length,
      totalUnfiltered: matches?.length ?? size,
      hits: page.map((match) => this.#hit(match, resolved.snippetLength)),
      facets,
    }
  }

  /**
   * Complete a query prefix from the index's terms, best first.
   * @example index.suggest('gettys') // [{ suggestion: 'gettysburg', … }]
   */
  suggest(prefix: string, options: { readonly limit?: number } = {}): Suggestion[] {
    const text = cleanQuery(prefix)
    if (text === '') return []
    // MiniSearch's suggestions: the index's search defaults, every term required, prefix on the last.
    return this.data.miniSearch.autoSuggest(text).slice(0, options.limit ?? 10)
  }

  /** The options given for this query, checked, over the index's defaults (an `undefined` must not erase a default). */
  #miniSearchOptions({ prefix, fuzzy, boost, combineWith }: ResolvedSearchOptions): MiniSearchSearchOptions {
    const given = { prefix, fuzzy, combineWith, boost: boost && { ...this.data.options.boost, ...boost } }
    return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined))
  }

  #rank(matches: MiniSearchResult[] | undefined, within: (doc: number) => boolean, sort: string): Match[] {
    const ranked: Match[] = []
    if (matches === undefined) {
      for (let doc = 0; doc < this.documentCount; doc++) if (within(doc)) ranked.push({ doc, score: 0, terms: [] })
    } else {
      for (const match of matches) if (within(match.id as number)) ranked.push({ doc: match.id as number, score: match.score, terms: match.terms })
    }
    if (sort === 'relevance') return ranked
    const starts = this.data.facets.date.start
    const direction = sort === 'date' ? 1 : -1
    // Undated articles last either way; ties keep relevance (or index) order.
    return ranked.sort((a, b) => {
      const x = starts[a.doc] ?? null
      const y = starts[b.doc] ?? null
      if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0)
      return (x - y) * direction
    })
  }

  #hit(match: Match, snippetLength: number): SearchHit {
    const document = this.data.documents[match.doc] as StoredDocument
    const text = this.data.texts[match.doc] || document.description || ''
    return { ...document, score: match.score, terms: match.terms, snippet: makeSnippet(text, new Set(match.terms), snippetLength) }
  }
}

interface Match {
  readonly doc: number
  readonly score: number
  readonly terms: readonly string[]
}

/** At most `maxQueryLength` characters, trimmed; anything but a string is no query. Lone surrogates are harmless to MiniSearch. */
function cleanQuery(query: unknown): string {
  return typeof query === 'string' ? query.slice(0, maxQueryLength).trim() : ''
}
