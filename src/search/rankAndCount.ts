import { distanceKm, type GeoPoint } from '../core/geo.js'
import type { DateFacet } from './facets/dateFacet.js'
import type { GeoFacet } from './facets/geoFacet.js'
import type { DocumentSet, Facet, FacetCount } from './facets/facet.js'
import type { ResolvedSearchOptions, SortOrder } from './searchOptions.js'

/** A document the query matched (or any document, when browsing). */
export interface Match {
  readonly doc: number
  /** Relevance; 0 when browsing. */
  readonly score: number
  readonly terms: readonly string[]
  /** Its title is the query, word for word (see `ScoringOptions.queryLength`): what the query names above all. */
  readonly exactTitle?: boolean
}

/** The facets a search reads: those it filters or counts, the date facet when it sorts by date, the coordinates when by distance. */
export interface SearchFacets {
  readonly byName: ReadonlyMap<string, Facet>
  readonly date: DateFacet | undefined
  readonly geo: GeoFacet | undefined
}

/** Everything of a result but the hits' stored fields and snippets. */
export interface RankedResult {
  readonly total: number
  readonly totalUnfiltered: number
  readonly facets: Readonly<Record<string, readonly FacetCount[]>>
  /** The matches of the requested page, in order. */
  readonly page: readonly Match[]
}

/**
 * The search after text matching, for any index (one file or chunks): apply
 * every filter, count each requested facet with every filter but its own
 * (disjunctive counts), rank or sort, and cut the page.
 *
 * @param matches the query's matches in relevance order; `undefined` to browse every document.
 * @param signals sets of documents that rank first, those in more of them before (see `applySuggestions`).
 * @param required sets every document must be in, whatever facet is counted (see `applySuggestions`).
 */
export function rankAndCount(
  size: number,
  matches: readonly Match[] | undefined,
  facets: SearchFacets,
  options: ResolvedSearchOptions,
  signals: readonly DocumentSet[] = [],
  required: readonly DocumentSet[] = [],
): RankedResult {
  const matched = new Uint8Array(size)
  if (matches === undefined) matched.fill(1)
  else for (const match of matches) matched[match.doc] = 1

  // One set per active filter; a facet's counts use every set but its own.
  const filters = new Map<string, DocumentSet>()
  for (const [name, filter] of options.filters) filters.set(name, facetNamed(facets, name).select(filter))
  const within = (doc: number, except?: string): boolean => {
    if (matched[doc] !== 1) return false
    for (const set of required) if (set[doc] !== 1) return false
    for (const [name, set] of filters) if (name !== except && set[doc] !== 1) return false
    return true
  }

  const counts: Record<string, readonly FacetCount[]> = {}
  for (const [name, request] of options.facets) {
    const set = new Uint8Array(size)
    for (let doc = 0; doc < size; doc++) if (within(doc, name)) set[doc] = 1
    counts[name] = facetNamed(facets, name).count(set, request, options.filters.get(name))
  }

  const sort = options.sort ?? (matches === undefined ? '-date' : 'relevance')
  const ranked = rank(size, matches, within, signals)
  if (sort === 'date' || sort === '-date') sortByDate(ranked, sort, facets.date)
  if (sort === 'distance') sortByDistance(ranked, facets.geo, options.near)
  return {
    total: ranked.length,
    totalUnfiltered: matches?.length ?? size,
    facets: counts,
    page: ranked.slice(options.offset, options.offset + options.limit),
  }
}

function facetNamed(facets: SearchFacets, name: string): Facet {
  const facet = facets.byName.get(name)
  if (facet === undefined)
    throw new Error(`infobox-search: the facet "${name}" was not loaded before searching; please report this.`)
  return facet
}

/** The matches within the filters, in relevance order (documents named by more of the query's signals first). */
function rank(
  size: number,
  matches: readonly Match[] | undefined,
  within: (doc: number) => boolean,
  signals: readonly DocumentSet[],
): Match[] {
  const ranked: Match[] = []
  if (matches === undefined) {
    for (let doc = 0; doc < size; doc++) if (within(doc)) ranked.push({ doc, score: 0, terms: [] })
  } else {
    for (const match of matches) if (within(match.doc)) ranked.push(match)
  }
  return signals.length === 0 ? ranked : bySignals(ranked, signals)
}

/** Oldest (`date`) or newest (`-date`) first; undated articles last either way; ties keep their order. */
function sortByDate(ranked: Match[], sort: Extract<SortOrder, 'date' | '-date'>, date: DateFacet | undefined): void {
  if (date === undefined)
    throw new Error('infobox-search: the date facet was not loaded before sorting by date; please report this.')
  const starts = date.starts
  const direction = sort === 'date' ? 1 : -1
  ranked.sort((a, b) => {
    const x = starts[a.doc] ?? null
    const y = starts[b.doc] ?? null
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0)
    return (x - y) * direction
  })
}

/** Nearest to `near` first; articles without coordinates last; ties keep their order. */
function sortByDistance(ranked: Match[], geo: GeoFacet | undefined, near: GeoPoint | undefined): void {
  if (geo === undefined || near === undefined)
    throw new Error('infobox-search: the coordinates were not loaded before sorting by distance; please report this.')
  const distances = new Map<number, number>()
  for (const { doc } of ranked) {
    const point = geo.point(doc)
    distances.set(doc, point === undefined ? Infinity : distanceKm(near, point))
  }
  ranked.sort((a, b) => {
    const x = distances.get(a.doc) ?? Infinity
    const y = distances.get(b.doc) ?? Infinity
    return x === y ? 0 : x < y ? -1 : 1
  })
}

/**
 * Matches in more of the signal sets first (a query's named times and
 * values); the same order otherwise. An article whose title is the query
 * (`Siege warfare` for "siege warfare") stays above them all: the query
 * names it before it names a kind or a place.
 */
function bySignals(ranked: Match[], signals: readonly DocumentSet[]): Match[] {
  const strength = (doc: number) => signals.reduce((sum, set) => sum + (set[doc] ?? 0), 0)
  const exactTitle = (match: Match) => (match.exactTitle === true ? 1 : 0)
  return ranked
    .map((match) => ({ match, strength: strength(match.doc) }))
    .sort((a, b) => exactTitle(b.match) - exactTitle(a.match) || b.strength - a.strength)
    .map(({ match }) => match)
}
