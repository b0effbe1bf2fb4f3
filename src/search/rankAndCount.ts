import { distanceKm, type GeoPoint } from '../core/geo.js'
import type { DateFacet } from './facets/dateFacet.js'
import type { GeoFacet } from './facets/geoFacet.js'
import type { DocumentSet, Facet, FacetCount } from './facets/facet.js'
import { compareRanked, matchOf, type QueryScores } from './engine/scoreQuery.js'
import type { ResolvedSearchOptions, SortOrder } from './searchOptions.js'
import { topRanked } from './topRanked.js'

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
 * @param scores the query's matching documents; `undefined` to browse every document.
 * @param signals sets of documents that rank first, those in more of them before (see `applySuggestions`).
 * @param required sets every document must be in, whatever facet is counted (see `applySuggestions`).
 */
export function rankAndCount(
  size: number,
  scores: QueryScores | undefined,
  facets: SearchFacets,
  options: ResolvedSearchOptions,
  signals: readonly DocumentSet[] = [],
  required: readonly DocumentSet[] = [],
): RankedResult {
  const matched = new Uint8Array(size)
  if (scores === undefined) matched.fill(1)
  else for (const doc of scores.docs) matched[doc] = 1

  // One set per active filter; a facet's counts use every set but its own.
  const filters = new Map<string, DocumentSet>()
  for (const [name, filter] of options.filters) filters.set(name, facetNamed(facets, name).select(filter))
  // Indexed loops: `within` runs for every matching document, once per facet counted.
  const filterSets = [...filters]
  const within = (doc: number, except?: string): boolean => {
    if (matched[doc] !== 1) return false
    for (let at = 0; at < required.length; at++) if ((required[at] as DocumentSet)[doc] !== 1) return false
    for (let at = 0; at < filterSets.length; at++) {
      const [name, set] = filterSets[at] as [string, DocumentSet]
      if (name !== except && set[doc] !== 1) return false
    }
    return true
  }

  const counts: Record<string, readonly FacetCount[]> = {}
  for (const [name, request] of options.facets) {
    const set = new Uint8Array(size)
    for (let doc = 0; doc < size; doc++) if (within(doc, name)) set[doc] = 1
    counts[name] = facetNamed(facets, name).count(set, request, options.filters.get(name))
  }

  const sort = options.sort ?? (scores === undefined ? '-date' : 'relevance')
  const end = options.offset + options.limit
  let total: number
  let docs: number[]
  if (scores === undefined) {
    docs = []
    for (let doc = 0; doc < size; doc++) if (within(doc)) docs.push(doc)
    total = docs.length
  } else {
    // Positions in `scores.docs` (ties keep the order documents were met in).
    const positions: number[] = []
    // Every match is within when nothing filters.
    const unfiltered = required.length === 0 && filterSets.length === 0
    for (let at = 0; at < scores.docs.length; at++)
      if (unfiltered || within(scores.docs[at] as number)) positions.push(at)
    total = positions.length
    const compare = relevanceOrder(size, scores, signals)
    // Sorted by date or distance, every match is placed; by relevance, only the page and those before it.
    const ranked = sort === 'relevance' ? topRanked(positions, end, compare) : positions.sort(compare)
    docs = ranked.map((at) => scores.docs[at] as number)
  }
  if (sort === 'date' || sort === '-date') sortByDate(docs, sort, facets.date)
  if (sort === 'distance') sortByDistance(docs, facets.geo, options.near)
  const page = docs.slice(options.offset, end)
  return {
    total,
    totalUnfiltered: scores?.docs.length ?? size,
    facets: counts,
    page: page.map((doc) => (scores === undefined ? { doc, score: 0, terms: [] } : matchOf(scores, doc))),
  }
}

function facetNamed(facets: SearchFacets, name: string): Facet {
  const facet = facets.byName.get(name)
  if (facet === undefined)
    throw new Error(`infobox-search: the facet "${name}" was not loaded before searching; please report this.`)
  return facet
}

/**
 * Relevance order over positions in `scores.docs`: documents named by more
 * of the query's signals (its named times and values) first, the rest as
 * `compareRanked` ranks them. An article whose title is the query (`Siege
 * warfare` for "siege warfare") stays above them all: the query names it
 * before it names a kind or a place.
 */
function relevanceOrder(
  size: number,
  scores: QueryScores,
  signals: readonly DocumentSet[],
): (a: number, b: number) => number {
  const byScore = (a: number, b: number) => compareRanked(scores, a, b)
  if (signals.length === 0) return byScore
  // One number per matching document: an exact title above any count of signals, then the count.
  const standing = new Uint16Array(size)
  const { docs } = scores
  let strongest = 0
  for (const set of signals)
    for (let at = 0; at < docs.length; at++) {
      const doc = docs[at] as number
      standing[doc] = (standing[doc] as number) + (set[doc] ?? 0)
      strongest = Math.max(strongest, standing[doc])
    }
  const aboveSignals = strongest + 1
  for (let at = 0; at < docs.length; at++) {
    const doc = docs[at] as number
    if (scores.exactTitle(doc)) standing[doc] = (standing[doc] as number) + aboveSignals
  }
  return (a, b) => (standing[docs[b] as number] as number) - (standing[docs[a] as number] as number) || byScore(a, b)
}

/** Oldest (`date`) or newest (`-date`) first; undated articles last either way; ties keep their order. */
function sortByDate(docs: number[], sort: Extract<SortOrder, 'date' | '-date'>, date: DateFacet | undefined): void {
  if (date === undefined)
    throw new Error('infobox-search: the date facet was not loaded before sorting by date; please report this.')
  const starts = date.starts
  const direction = sort === 'date' ? 1 : -1
  docs.sort((a, b) => {
    const x = starts[a] ?? null
    const y = starts[b] ?? null
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0)
    return (x - y) * direction
  })
}

/** Nearest to `near` first; articles without coordinates last; ties keep their order. */
function sortByDistance(docs: number[], geo: GeoFacet | undefined, near: GeoPoint | undefined): void {
  if (geo === undefined || near === undefined)
    throw new Error('infobox-search: the coordinates were not loaded before sorting by distance; please report this.')
  const distances = new Map<number, number>()
  for (const doc of docs) {
    const point = geo.point(doc)
    distances.set(doc, point === undefined ? Infinity : distanceKm(near, point))
  }
  docs.sort((a, b) => {
    const x = distances.get(a) ?? Infinity
    const y = distances.get(b) ?? Infinity
    return x === y ? 0 : x < y ? -1 : 1
  })
}
