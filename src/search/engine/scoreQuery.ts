import { tokenize } from '../../core/fold.js'
import type { Match } from '../rankAndCount.js'
import { expandTerm } from './expandTerm.js'
import type { QueryTerm } from './queryTerms.js'
import type { TermIndex } from './termIndex.js'

/** BM25+ parameters, as MiniSearch has them. */
const k = 1.2
const b = 0.7
const d = 0.5

/** How the terms of a query are scored. */
export interface ScoringOptions {
  /** Weight of each field, in `searchFields` order. */
  readonly fieldBoosts: readonly number[]
  /** `OR`: any term matches (default); `AND`: every term must. */
  readonly combineWith: 'AND' | 'OR'
  /**
   * Distinct words of the query text, stop words included, counted as a
   * field's length is: a title of that length holding every query term as
   * typed is the query's exact title (`Match.exactTitle`).
   */
  readonly queryLength?: number
}

/** The field titles are in (`searchFields` order). */
const titleField = 0

/** The distinct words of a query text, counted as a field's length is (see `ScoringOptions.queryLength`). */
export function queryLength(text: string): number {
  return new Set(tokenize(text)).size
}

/**
 * Most index terms one query reads, over all its terms: each query term may
 * expand to an equal share of them (a query of five terms or fewer is not
 * cut: each expands to at most 201, see `maxExpansions`). With
 * `maxQueryTerms` it bounds the postings a query reads to those of the
 * index's 1,000 largest terms, whatever the query.
 */
export const maxQueryExpansions = 1000

/** A document's score so far, the query terms it matched, and the index terms that matched them. */
interface Accumulated {
  score: number
  readonly queryTerms: string[]
  readonly matched: string[]
  /** Query terms found as typed in the title, and the title's length. */
  readonly inTitle: string[]
  titleLength: number
}

/**
 * Score the documents matching `terms`, as MiniSearch does: for each query
 * term and each index term it expands to, BM25+ per field (`k` 1.2, `b` 0.7,
 * `d` 0.5), times the expansion's weight and the field's boost, summed; the
 * query terms combined with OR (scores added) or AND (documents in all);
 * the total multiplied by the number of query terms a document matched.
 * Ranked by how many query terms a document matches, then by score; equal
 * ones keep the order in which documents were first met.
 */
export function scoreQuery(index: TermIndex, terms: readonly QueryTerm[], options: ScoringOptions): Match[] {
  let combined: Map<number, Accumulated> | undefined
  const share = Math.max(1, Math.floor(maxQueryExpansions / terms.length))
  for (const query of terms) {
    const results = new Map<number, Accumulated>()
    for (const { term, weight } of expandTerm(index, query).slice(0, share))
      addTermScores(index, query.term, term, weight, options.fieldBoosts, results)
    combined =
      combined === undefined
        ? results
        : options.combineWith === 'AND'
          ? intersect(combined, results)
          : unite(combined, results)
  }
  const matches: (Match & { readonly termsMatched: number })[] = []
  const wanted = new Set(terms.map((query) => query.term)).size
  for (const [doc, { score, queryTerms, matched, inTitle, titleLength }] of combined ?? []) {
    const termsMatched = distinct(queryTerms).length
    const exactTitle = wanted > 0 && distinct(inTitle).length === wanted && titleLength === options.queryLength
    matches.push({
      doc,
      score: score * (termsMatched || 1),
      terms: distinct(matched),
      termsMatched,
      ...(exactTitle ? { exactTitle } : {}),
    })
  }
  // Documents that match every query term first, then those matching fewer: a document that
  // matches one term very often never outranks one that matches them all.
  return matches
    .sort((a, b) => b.termsMatched - a.termsMatched || b.score - a.score)
    .map(({ termsMatched: _, ...match }) => match)
}

function addTermScores(
  index: TermIndex,
  queryTerm: string,
  term: string,
  weight: number,
  fieldBoosts: readonly number[],
  results: Map<number, Accumulated>,
): void {
  const postings = index.postings(term)
  if (postings === undefined) return
  for (const { field, docs, counts, lengths } of postings) {
    const fieldBoost = fieldBoosts[field] ?? 1
    const average = index.averageFieldLength[field] as number
    const inverseFrequency = Math.log(1 + (index.documentCount - docs.length + 0.5) / (docs.length + 0.5))
    for (let at = 0; at < docs.length; at++) {
      const count = counts[at] as number
      const length = lengths[at] as number
      // The same operations in the same order as MiniSearch's, so the scores agree to the last bit.
      const raw = inverseFrequency * (d + (count * (k + 1)) / (count + k * (1 - b + (b * length) / average)))
      const score = weight * fieldBoost * raw
      const doc = docs[at] as number
      const typedInTitle = field === titleField && term === queryTerm
      const found = results.get(doc)
      if (found === undefined)
        results.set(doc, {
          score,
          queryTerms: [queryTerm],
          matched: [term],
          inTitle: typedInTitle ? [queryTerm] : [],
          titleLength: typedInTitle ? length : -1,
        })
      else {
        found.score += score
        // Expansions come one after another: the same term in another field is the last one added.
        if (found.matched[found.matched.length - 1] !== term) found.matched.push(term)
        if (typedInTitle) {
          found.inTitle.push(queryTerm)
          found.titleLength = length
        }
      }
    }
  }
}

/** OR: scores added, every document kept (those new to `a` after its own, in `b`'s order). */
function unite(a: Map<number, Accumulated>, b: Map<number, Accumulated>): Map<number, Accumulated> {
  for (const [doc, found] of b) {
    const existing = a.get(doc)
    if (existing === undefined) a.set(doc, found)
    else merge(existing, found)
  }
  return a
}

/** AND: only the documents in both, in `b`'s order. */
function intersect(a: Map<number, Accumulated>, b: Map<number, Accumulated>): Map<number, Accumulated> {
  const both = new Map<number, Accumulated>()
  for (const [doc, found] of b) {
    const existing = a.get(doc)
    if (existing === undefined) continue
    merge(existing, found)
    both.set(doc, existing)
  }
  return both
}

/** Scores added, terms appended: repeats are dropped once, at the end (`distinct`), so merging stays linear. */
function merge(into: Accumulated, from: Accumulated): void {
  into.score += from.score
  for (const term of from.queryTerms) into.queryTerms.push(term)
  for (const term of from.matched) into.matched.push(term)
  for (const term of from.inTitle) into.inTitle.push(term)
  if (from.titleLength >= 0) into.titleLength = from.titleLength
}

/** `terms` without repeats, in the order first met. */
function distinct(terms: string[]): string[] {
  if (terms.length < 2) return terms
  if (terms.length <= 8) return terms.filter((term, at) => terms.indexOf(term) === at)
  return [...new Set(terms)]
}
