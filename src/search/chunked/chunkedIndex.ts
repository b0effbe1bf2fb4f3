import { chunkPaths, type ChunkedManifest } from '../../core/chunkedFormat.js'
import type { DateTable, FacetKind, FacetTable } from '../../core/indexData.js'
import type { IndexOptions } from '../../core/options.js'
import { queryTerms } from '../engine/queryTerms.js'
import { scoreQuery } from '../engine/scoreQuery.js'
import { suggestCompletions } from '../engine/suggestCompletions.js'
import { lowerBound, type TermIndex } from '../engine/termIndex.js'
import { createDateFacet, type DateFacet } from '../facets/dateFacet.js'
import type { Facet } from '../facets/facet.js'
import { createValuesFacet } from '../facets/valuesFacet.js'
import { rankAndCount, type Match } from '../rankAndCount.js'
import { cleanQuery, scoringOptions } from '../searchIndex.js'
import { resolveSearchOptions, type ResolvedSearchOptions, type SearchOptions } from '../searchOptions.js'
import type { SearchHit, SearchResultFor, Suggestion } from '../searchResult.js'
import { makeSnippet, snippetScanFor } from '../snippet.js'
import { resolveSuggestLimit, type SuggestOptions } from '../suggestOptions.js'
import { readDatesFile, readFragment, readValuesFile } from './checkChunk.js'
import { createChunkedTermIndex, type DecodedPostings } from './chunkedTermIndex.js'
import type { ChunkStore } from './chunkStore.js'

/** What a search of a chunked index also takes: a signal that gives it up (a newer query came). */
export interface ChunkedSearchOptions extends SearchOptions {
  readonly signal?: AbortSignal
}

/**
 * A chunked index (see `loadChunkedIndex`): the same `search` and `suggest`
 * as `SearchIndex`, answering with promises, fetching only the chunks each
 * query needs. Results equal those of the single-file index of the same build.
 */
export class ChunkedIndex {
  /** @internal The manifest, as read. */
  readonly manifest: ChunkedManifest
  readonly #store: ChunkStore
  readonly #decoded: DecodedPostings = new Map()
  readonly #decodedFacets = new Map<string, FacetTable | DateTable>()
  readonly #facetKinds: ReadonlyMap<string, FacetKind>

  /** @internal Use `loadChunkedIndex`. */
  constructor(manifest: ChunkedManifest, store: ChunkStore) {
    this.manifest = manifest
    this.#store = store
    this.#facetKinds = new Map(Object.entries(manifest.facets).map(([name, facet]) => [name, facet.kind]))
  }

  /** Number of articles in the index. */
  get documentCount(): number {
    return this.manifest.documentCount
  }

  /** The options the index was built with. */
  get options(): IndexOptions {
    return this.manifest.options
  }

  /** Names of the facets this index can filter and count. */
  get facetNames(): readonly string[] {
    return [...this.#facetKinds.keys()]
  }

  /**
   * Search the index: the same results as `SearchIndex.search` on the
   * single-file index of the same build. Fetches what the query needs: the
   * term chunks of its terms and their prefix and typo expansions, the files
   * of the facets it filters or counts (and the dates when it sorts by
   * them), and the fragments of the hits returned.
   *
   * @example
   * const { hits, facets } = await index.search('gettysburg', { facets: ['place'], signal: controller.signal })
   * @throws {OptionsError} for a malformed option (before any request); {ChunkLoadError} when a file
   * cannot be fetched or belongs to another build; the signal's reason when aborted.
   */
  async search<const Options extends ChunkedSearchOptions = ChunkedSearchOptions>(
    query: string,
    options?: Options,
  ): Promise<SearchResultFor<Options>> {
    const { signal, ...given } = options ?? {}
    const resolved = resolveSearchOptions(given, this.#facetKinds)
    const text = cleanQuery(query)
    // The facets load while the terms are read.
    const facetsLoading = this.#loadFacets(resolved, text === '', signal)
    const matches =
      text === ''
        ? undefined
        : await this.#untilComplete(
            (terms) =>
              scoreQuery(terms, queryTerms(text, resolved.matching), scoringOptions(this.options, resolved.matching)),
            signal,
          )
    await facetsLoading
    const { page, ...ranked } = rankAndCount(this.documentCount, matches, this.#facets(resolved, text === ''), resolved)
    const fragments = page.map((match) => this.#fragmentPath(match.doc))
    await this.#store.load(fragments, signal)
    const scan = snippetScanFor(page.length)
    const hits = page.map((match, at) => this.#hit(match, fragments[at] as string, resolved.snippetLength, scan))
    return { ...ranked, hits } as unknown as SearchResultFor<Options>
  }

  /**
   * Complete a query prefix from the index's terms, best first (as `SearchIndex.suggest`).
   * @example await index.suggest('gettys') // [{ suggestion: 'gettysburg', … }]
   */
  async suggest(prefix: string, options?: SuggestOptions & { readonly signal?: AbortSignal }): Promise<Suggestion[]> {
    const limit = resolveSuggestLimit(options)
    const text = cleanQuery(prefix)
    if (text === '') return []
    const suggestions = await this.#untilComplete(
      (terms) => suggestCompletions(terms, text, scoringOptions(this.options, {})),
      options?.signal,
    )
    return suggestions.slice(0, limit)
  }

  /** Run `evaluate` over the chunks fetched; fetch what it found missing and run it again, until nothing is. */
  async #untilComplete<T>(evaluate: (terms: TermIndex) => T, signal: AbortSignal | undefined): Promise<T> {
    for (;;) {
      const missing = new Set<string>()
      const result = evaluate(createChunkedTermIndex(this.manifest, this.#store, this.#decoded, missing))
      if (missing.size === 0) return result
      await this.#store.load(missing, signal)
    }
  }

  /** The files of the facets a search reads: those it filters or counts (with the level asked for), and the dates to sort by. */
  #facetFiles(resolved: ResolvedSearchOptions, browsing: boolean): string[] {
    const files: string[] = []
    const add = (name: string, level?: number) => {
      const facet = this.manifest.facets[name]
      if (facet === undefined) return
      files.push(facet.file)
      if (level !== undefined && facet.levels?.[level] !== undefined) files.push(facet.levels[level])
    }
    for (const name of resolved.filters.keys()) add(name)
    for (const [name, request] of resolved.facets) add(name, request.level)
    if (sortsByDate(resolved, browsing)) add('date')
    return files
  }

  #loadFacets(resolved: ResolvedSearchOptions, browsing: boolean, signal: AbortSignal | undefined): Promise<void> {
    return this.#store.load(this.#facetFiles(resolved, browsing), signal)
  }

  /** The facets a search reads, from the files fetched. */
  #facets(resolved: ResolvedSearchOptions, browsing: boolean) {
    const byName = new Map<string, Facet>()
    let date: DateFacet | undefined
    const names = new Set([
      ...resolved.filters.keys(),
      ...resolved.facets.keys(),
      ...(sortsByDate(resolved, browsing) ? ['date'] : []),
    ])
    for (const name of names) {
      const facet = this.manifest.facets[name]
      if (facet === undefined) continue
      if (facet.kind === 'dates') {
        date = createDateFacet(this.#facetData(facet.file, readDatesFile))
        byName.set(name, date)
      } else {
        const levels = (facet.levels ?? []).map((file) => this.#facetData(file, readValuesFile))
        byName.set(name, createValuesFacet(this.#facetData(facet.file, readValuesFile), levels, this.documentCount))
      }
    }
    return { byName, date }
  }

  /** A facet file fetched, decoded and checked once (`undefined` when not fetched: a level not asked for). */
  #facetData<Data extends FacetTable | DateTable>(
    file: string,
    read: (stored: unknown, path: string, documentCount: number) => Data,
  ): Data {
    let data = this.#decodedFacets.get(file) as Data | undefined
    const stored = this.#store.get(file)
    if (data === undefined && stored !== undefined)
      this.#decodedFacets.set(file, (data = read(stored, file, this.documentCount)))
    return data as Data
  }

  #fragmentPath(doc: number): string {
    const { starts, hashes } = this.manifest.documents
    const block = lowerBound(starts, doc + 1) - 1
    return chunkPaths.fragment(hashes[block] ?? '', doc - (starts[block] ?? 0))
  }

  #hit(match: Match, path: string, snippetLength: number, scan: number): SearchHit {
    const { document, text } = readFragment(this.#store.get(path), path)
    const source = text || document.description || ''
    return {
      ...document,
      score: match.score,
      terms: match.terms,
      snippet: makeSnippet(source, new Set(match.terms), snippetLength, scan),
    }
  }
}

/** Whether results are ordered by date: asked for, or browsing without an order. */
function sortsByDate(resolved: ResolvedSearchOptions, browsing: boolean): boolean {
  return resolved.sort === 'date' || resolved.sort === '-date' || (resolved.sort === undefined && browsing)
}
