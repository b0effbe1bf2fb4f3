import { chunkPaths, isManifestName, type ChunkedFacet, type ChunkedManifest } from '../../core/chunkedFormat.js'
import type { DateTable, FacetKind, FacetTable, GeoTable, StoredFields } from '../../core/indexData.js'
import type { IndexOptions } from '../../core/options.js'
import { queryTerms } from '../engine/queryTerms.js'
import { queryLength, scoreQuery } from '../engine/scoreQuery.js'
import { suggestCompletions } from '../engine/suggestCompletions.js'
import { lowerBound, type TermIndex } from '../engine/termIndex.js'
import { createDateFacet, type DateFacet } from '../facets/dateFacet.js'
import type { Facet } from '../facets/facet.js'
import { createValuesFacet } from '../facets/valuesFacet.js'
import { createGeoFacet, type GeoFacet } from '../facets/geoFacet.js'
import { rankAndCount, type Match } from '../rankAndCount.js'
import { cleanQuery, scoringOptions, withPlace } from '../searchIndex.js'
import { resolveSearchOptions, type ResolvedSearchOptions, type SearchOptions } from '../searchOptions.js'
import type { SearchHit, SearchResultFor, Suggestion } from '../searchResult.js'
import { applySuggestions } from '../query/applySuggestions.js'
import type { NameIndex, NamedValues } from '../query/nameIndex.js'
import { nameKeysOf, understandQuery, type SuggestedFilter } from '../query/understandQuery.js'
import { makeSnippet, pendingSnippet, snippetScanFor, snippetWhenRead } from '../snippet.js'
import { resolveSuggestLimit, type SuggestOptions } from '../suggestOptions.js'
import {
  readChunkNames,
  readDatesFile,
  readFragment,
  readPointsFile,
  readSinglesFile,
  readValuesFile,
} from './checkChunk.js'
import { addChunkedNames, namedDocumentsOf, namedValuesFacet, type NamedDocuments } from './chunkedNames.js'
import { chunkOfTerm, createChunkedTermIndex, type DecodedPostings } from './chunkedTermIndex.js'
import type { ChunkStore } from './chunkStore.js'
import { createSharedValuesFacet } from './splitValuesFacet.js'

/** What a search of a chunked index also takes: a signal that gives it up (a newer query came). */
export interface ChunkedSearchOptions extends SearchOptions {
  readonly signal?: AbortSignal
}

/**
 * A chunked index (see `loadChunkedIndex`): the same `search` and `suggest`
 * as `SearchIndex`, answering with promises, fetching only the chunks each
 * query needs. Results equal those of the single-file index of the same build.
 */
export class ChunkedIndex<Fields extends StoredFields = StoredFields> {
  /** @internal The manifest, as read. */
  readonly manifest: ChunkedManifest
  readonly #store: ChunkStore
  readonly #decoded: DecodedPostings = new Map()
  readonly #decodedFacets = new Map<string, FacetTable | DateTable | GeoTable>()
  /** The names read so far (the manifest's, and those of the postings chunks in `#namesRead`), with their values' documents. */
  readonly #nameIndex = new Map<string, readonly NamedValues[]>()
  readonly #namedDocuments: NamedDocuments = new Map()
  readonly #namesRead = new Set<string>()
  readonly #facetKinds: ReadonlyMap<string, FacetKind>

  /** @internal Use `loadChunkedIndex`. */
  constructor(manifest: ChunkedManifest, store: ChunkStore) {
    this.manifest = manifest
    this.#store = store
    this.#facetKinds = new Map(Object.entries(manifest.facets).map(([name, facet]) => [name, facet.kind]))
    addChunkedNames(manifest.names, this.#nameIndex, this.#namedDocuments)
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
   * term chunks of its terms and their prefix and typo expansions (which hold
   * the names its words may start), the files of the facets it filters or
   * counts (and the dates when it sorts by them or names a time; a facet's
   * values of one document only when its counts reach them or a filter names
   * one), and the fragments of the hits returned.
   *
   * @example
   * const { hits, facets } = await index.search('gettysburg', { facets: ['place'], signal: controller.signal })
   * @throws {OptionsError} for a malformed option (before any request); {ChunkLoadError} when a file
   * cannot be fetched or belongs to another build; the signal's reason when aborted.
   */
  async search<const Options extends ChunkedSearchOptions = ChunkedSearchOptions>(
    query: string,
    options?: Options,
  ): Promise<SearchResultFor<Options, Fields>> {
    const { signal, ...given } = options ?? {}
    const resolved = resolveSearchOptions(given, this.#facetKinds)
    const text = cleanQuery(query)
    const browsing = text === ''
    const understanding = resolved.understand && !browsing
    // The names a query may use, and the facets it filters or counts, load while its terms are read.
    const namesLoading = awaitedLater(understanding ? this.#names(text, signal) : Promise.resolve(undefined))
    const facetsLoading = awaitedLater(
      this.#store.load(this.#facetFiles(this.#neededFacets(resolved, browsing, []), resolved), signal),
    )
    const scores = browsing
      ? undefined
      : await this.#untilComplete(
          (terms) =>
            scoreQuery(terms, queryTerms(text, resolved.matching), {
              ...scoringOptions(this.options, resolved.matching),
              queryLength: queryLength(text),
            }),
          signal,
        )
    const suggested = understanding ? understandQuery(text, await namesLoading) : []
    const needed = this.#neededFacets(resolved, browsing, suggested)
    await facetsLoading
    await this.#store.load(this.#facetFiles(needed, resolved), signal)
    // A facet's values of one document are fetched when its counts or filters reach them: counted again then.
    const { page, ...ranked } = await this.#untilLoaded((missing) => {
      const facets = this.#facets(needed, suggested, missing)
      const { filters, signals, required } = applySuggestions(suggested, resolved, facets.byName)
      return rankAndCount(this.documentCount, scores, facets, { ...resolved, filters }, signals, required)
    }, signal)
    const fragments = page.map((match) => this.#fragmentPath(match.doc))
    await this.#store.load(fragments, signal)
    const scan = snippetScanFor(page.length)
    const hits = page.map((match, at) => this.#hit(match, fragments[at] as string, resolved, scan))
    return { ...ranked, hits, suggestedFilters: suggested } as unknown as SearchResultFor<Options, Fields>
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

  /** Run `evaluate` over the term chunks fetched, until it finds none missing (`#untilLoaded`). */
  #untilComplete<T>(evaluate: (terms: TermIndex) => T, signal: AbortSignal | undefined): Promise<T> {
    return this.#untilLoaded(
      (missing) => evaluate(createChunkedTermIndex(this.manifest, this.#store, this.#decoded, missing)),
      signal,
    )
  }

  /** Run `evaluate`, which adds the files it found missing to its set; fetch them and run it again, until none are. */
  async #untilLoaded<T>(evaluate: (missing: Set<string>) => T, signal: AbortSignal | undefined): Promise<T> {
    for (;;) {
      const missing = new Set<string>()
      const result = evaluate(missing)
      if (missing.size === 0) return result
      await this.#store.load(missing, signal)
    }
  }

  /**
   * The facet files a search reads: those it filters or counts, the dates to
   * sort by or that its query names (the values it names need no file: the
   * names carry their documents).
   */
  #neededFacets(
    resolved: ResolvedSearchOptions,
    browsing: boolean,
    suggested: readonly SuggestedFilter[],
  ): Set<string> {
    return new Set([
      ...resolved.filters.keys(),
      ...resolved.facets.keys(),
      ...(sortsByDate(resolved, browsing) ? ['date'] : []),
      ...(resolved.sort === 'distance' ? ['coordinates'] : []),
      ...suggested.flatMap((suggestion) =>
        this.#facetKinds.get(suggestion.facet) === 'values' ? [] : [suggestion.facet],
      ),
    ])
  }

  /** The files of `names`' facets, with the hierarchy levels the search counts. */
  #facetFiles(names: ReadonlySet<string>, resolved: ResolvedSearchOptions): string[] {
    const files: string[] = []
    for (const name of names) {
      const facet = this.manifest.facets[name]
      if (facet === undefined) continue
      files.push(facet.file)
      const level = resolved.facets.get(name)?.level
      if (level !== undefined && facet.levels?.[level] !== undefined) files.push(facet.levels[level])
    }
    return files
  }

  /**
   * The names a query may use for facet values: those of its keys
   * (`nameKeysOf`) are in the postings chunks of the keys (the chunks of its
   * words, mostly fetched for its terms anyway), or in the manifest.
   */
  async #names(text: string, signal: AbortSignal | undefined): Promise<NameIndex> {
    const { first, hashes } = this.manifest.terms
    const chunks = new Set<number>()
    for (const key of nameKeysOf(text)) if (!isManifestName(key)) chunks.add(chunkOfTerm(first, key))
    const files = new Map([...chunks].map((at) => [chunkPaths.terms(hashes[at] as string), at]))
    await this.#store.load(files.keys(), signal)
    const isValuesFacet = (facet: string) => this.#facetKinds.get(facet) === 'values'
    for (const [file, at] of files) {
      if (this.#namesRead.has(file)) continue
      const run = { first: first[at] as string, next: first[at + 1] }
      const names = readChunkNames(this.#store.get(file), file, run, this.documentCount, isValuesFacet)
      addChunkedNames(names, this.#nameIndex, this.#namedDocuments)
      this.#namesRead.add(file)
    }
    return this.#nameIndex
  }

  /**
   * The facets named, from the files fetched (the values facets' files of
   * single values, when a facet needs them, are added to `missing`); and for
   * the values the query names on facets not read, facets of those values only.
   */
  #facets(names: ReadonlySet<string>, suggested: readonly SuggestedFilter[], missing: Set<string>) {
    const byName = new Map<string, Facet>()
    let date: DateFacet | undefined
    let geo: GeoFacet | undefined
    for (const name of names) {
      const facet = this.manifest.facets[name]
      if (facet === undefined) continue
      if (facet.kind === 'dates') {
        date = createDateFacet(this.#facetData(facet.file, readDatesFile))
        byName.set(name, date)
      } else if (facet.kind === 'geo') {
        geo = createGeoFacet(this.#facetData(facet.file, readPointsFile))
        byName.set(name, geo)
      } else byName.set(name, this.#valuesFacet(name, facet, missing))
    }
    const named = new Map<string, string[]>()
    for (const suggestion of suggested) {
      if (byName.has(suggestion.facet) || !('values' in suggestion)) continue
      named.set(suggestion.facet, [...(named.get(suggestion.facet) ?? []), ...suggestion.values])
    }
    for (const [name, values] of named)
      byName.set(name, namedValuesFacet(name, values, this.#namedDocuments, this.documentCount))
    return { byName, date, geo }
  }

  /**
   * A facet of values: whole when it has no values of one document or they
   * are fetched; else from its other values (`createSharedValuesFacet`),
   * which adds the file of single values to `missing` when its answer needs them.
   */
  #valuesFacet(name: string, facet: ChunkedFacet, missing: Set<string>): Facet {
    const levels = (facet.levels ?? []).map((file) => this.#facetData(file, readValuesFile))
    const shared = this.#facetData(facet.file, readValuesFile)
    const singles = facet.singles
    if (singles === undefined) return createValuesFacet(shared, levels, this.documentCount)
    if (this.#store.get(singles) !== undefined) {
      const whole = this.#facetData(singles, (stored, path, size) => readSinglesFile(stored, path, size, shared))
      return createValuesFacet(whole, levels, this.documentCount)
    }
    const named = (value: string) => namedDocumentsOf(this.#namedDocuments, name, value)
    return createSharedValuesFacet(shared, levels, this.documentCount, named, () => missing.add(singles))
  }

  /** A facet file fetched, decoded and checked once (`undefined` when not fetched: a level not asked for). */
  #facetData<Data extends FacetTable | DateTable | GeoTable>(
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

  #hit(match: Match, path: string, resolved: ResolvedSearchOptions, scan: number): SearchHit<Fields> {
    const { document, text, coordinates } = readFragment(this.#store.get(path), path)
    const source = text || document.description || ''
    const hit: SearchHit<Fields> = {
      ...document,
      // What the app says its fields are: the index holds what its build was told to store.
      fields: (document.fields ?? {}) as Partial<Fields>,
      score: match.score,
      terms: match.terms,
      snippet: pendingSnippet,
    }
    return snippetWhenRead(withPlace(hit, coordinates, resolved.near), () =>
      makeSnippet(source, new Set(match.terms), resolved.snippetLength, scan),
    )
  }
}

/**
 * A promise started now and awaited later: should it reject (an abort) while
 * another await throws first, its rejection is not reported as unhandled.
 * Awaiting it still throws.
 */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}

/** Whether results are ordered by date: asked for, or browsing without an order. */
function sortsByDate(resolved: ResolvedSearchOptions, browsing: boolean): boolean {
  return resolved.sort === 'date' || resolved.sort === '-date' || (resolved.sort === undefined && browsing)
}
