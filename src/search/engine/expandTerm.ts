import { termsWithin } from './levenshtein.js'
import type { QueryTerm } from './queryTerms.js'
import type { TermIndex } from './termIndex.js'

/** An index term a query term matches, and the weight of that match. */
export interface Expansion {
  readonly term: string
  readonly weight: number
}

/**
 * Most index terms one query term expands to, by prefix and by typo each.
 * Past it, prefix matches are the first in term order and fuzzy matches the
 * closest (then shortest, then first in term order). Bounds a query's work
 * whatever the index holds.
 */
export const maxExpansions = 100

/** Weights of prefix and fuzzy matches relative to an exact one, as MiniSearch has them. */
const prefixWeight = 0.375
const fuzzyWeight = 0.45

/**
 * The index terms `query` matches: itself; with `prefix`, the terms that
 * start with it; with `maxDistance`, the terms within that many edits that
 * start with the same letter (a typo in the first letter is not forgiven: it
 * is rare, and it would make every lookup read the whole dictionary). Each
 * with MiniSearch's weight (typo matches only of a term in at most
 * `fuzzyMaxDocuments` documents: see `defaultFuzzyMaxDocuments`): 1 exact, `0.375 · n / (n + 0.3 · extra)` for a
 * prefix match of `n` units with `extra` more than the query term, and
 * `0.45 · n / (n + edits)` for a fuzzy one. In a fixed order: exact, prefix
 * matches in term order, fuzzy matches in term order.
 */
export function expandTerm(index: TermIndex, query: QueryTerm): Expansion[] {
  const { term } = query
  const expansions: Expansion[] = [{ term, weight: 1 }]
  const seen = new Set([term])
  if (query.prefix) {
    // One more than the cap: the query term itself may be among them.
    for (const match of index.termsWithPrefix(term, maxExpansions + 1)) {
      if (seen.has(match) || seen.size > maxExpansions) continue
      seen.add(match)
      const extra = match.length - term.length
      expansions.push({ term: match, weight: (prefixWeight * match.length) / (match.length + 0.3 * extra) })
    }
  }
  if (query.maxDistance > 0 && term.length > 0 && mayBeTypo(index, query)) {
    for (const { match, distance } of fuzzyMatches(index, term, query.maxDistance)) {
      if (seen.has(match)) continue
      seen.add(match)
      expansions.push({ term: match, weight: (fuzzyWeight * match.length) / (match.length + distance) })
    }
  }
  return expansions
}

/**
 * Whether typo matches of `query` are looked for: the term is in at most
 * `fuzzyMaxDocuments` documents. Not yet known (a chunk to fetch): not now;
 * the query is evaluated again once it is.
 */
function mayBeTypo(index: TermIndex, query: QueryTerm): boolean {
  return index.heldByAtMost(query.term, query.fuzzyMaxDocuments) === true
}

/** Terms within `limit` edits of `term` that share its first unit, closest first, at most `maxExpansions`, then in term order. */
function fuzzyMatches(index: TermIndex, term: string, limit: number): { match: string; distance: number }[] {
  const candidates = index.termsOfLength(term.slice(0, 1), term.length - limit, term.length + limit)
  const found = termsWithin(term, candidates, limit).filter(({ match }) => match !== term)
  const byCloseness = (a: { match: string; distance: number }, b: { match: string; distance: number }) =>
    a.distance - b.distance || a.match.length - b.match.length || (a.match < b.match ? -1 : 1)
  const kept = found.length > maxExpansions ? found.sort(byCloseness).slice(0, maxExpansions) : found
  return kept.sort((a, b) => (a.match < b.match ? -1 : a.match > b.match ? 1 : 0))
}
