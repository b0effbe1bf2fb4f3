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

/**
 * Per document, what the query terms read so far found in it: arrays indexed
 * by document, so a broad query that matches most of the index makes a few
 * arrays rather than objects per document and term.
 */
interface Accumulators {
  /** The score over the query terms combined so far. */
  readonly score: Float64Array
  /** The score of the query term being read (added to `score` when it is done, as MiniSearch adds them). */
  readonly termScore: Float64Array
  /** `i + 1` when query term `i` was the last to match the document. */
  readonly lastTerm: Int32Array
  /** How many of the query terms matched the document. */
  readonly termsMatched: Uint8Array
  /** How many query terms were found as typed in the title, and the title's length (-1: none). */
  readonly titleTerms: Uint8Array
  readonly titleLength: Float64Array
  /** The index terms that matched, in the order met (repeats dropped at the end, by `distinct`). */
  readonly matched: (string[] | undefined)[]
}

function accumulators(documentCount: number): Accumulators {
  return {
    score: new Float64Array(documentCount),
    termScore: new Float64Array(documentCount),
    lastTerm: new Int32Array(documentCount),
    termsMatched: new Uint8Array(documentCount),
    titleTerms: new Uint8Array(documentCount),
    titleLength: new Float64Array(documentCount).fill(-1),
    // Sized up front: filled at scattered documents, it stays an array rather than a dictionary.
    matched: new Array<string[] | undefined>(documentCount),
  }
}

/**
 * Score the documents matching `terms`, as MiniSearch does: for each query
 * term and each index term it expands to, BM25+ per field (`k` 1.2, `b` 0.7,
 * `d` 0.5), times the expansion's weight and the field's boost, summed; the
 * query terms combined with OR (scores added) or AND (documents in all);
 * the total multiplied by the number of query terms a document matched.
 * Ranked by how many query terms a document matches, then by score; equal
 * ones keep the order in which documents were first met (with AND, the
 * order the last query term met them in). `terms` are distinct, as
 * `queryTerms` gives them.
 */
export function scoreQuery(index: TermIndex, terms: readonly QueryTerm[], options: ScoringOptions): Match[] {
  const found = accumulators(index.documentCount)
  const share = Math.max(1, Math.floor(maxQueryExpansions / terms.length))
  // The documents the terms read so far combine to (OR: any; AND: all), in order.
  let combined: number[] = []
  for (const [at, query] of terms.entries()) {
    const stamp = at + 1
    const met: number[] = []
    for (const { term, weight } of expandTerm(index, query).slice(0, share))
      addTermScores(index, query.term, term, weight, options.fieldBoosts, stamp, found, met)
    for (const doc of met) found.score[doc] = (found.score[doc] as number) + (found.termScore[doc] as number)
    if (at === 0) combined = met
    else if (options.combineWith === 'AND') {
      // In all of them: in the combination so far (matched by every earlier term) and now.
      combined = met.filter((doc) => found.termsMatched[doc] === stamp)
    } else for (const doc of met) if (found.termsMatched[doc] === 1) combined.push(doc)
  }
  const matches: Match[] = []
  const wanted = new Set(terms.map((query) => query.term)).size
  for (const doc of combined) {
    const exactTitle = wanted > 0 && found.titleTerms[doc] === wanted && found.titleLength[doc] === options.queryLength
    matches.push({
      doc,
      score: (found.score[doc] as number) * ((found.termsMatched[doc] as number) || 1),
      terms: distinct(found.matched[doc] ?? []),
      ...(exactTitle ? { exactTitle } : {}),
    })
  }
  // Documents that match every query term first, then those matching fewer: a document that
  // matches one term very often never outranks one that matches them all.
  const termsMatched = (match: Match) => found.termsMatched[match.doc] as number
  return matches.sort((a, b) => termsMatched(b) - termsMatched(a) || b.score - a.score)
}

/**
 * Add one index term's BM25+ scores to the query term's (`stamp`: its
 * position + 1); `met` gets the documents the query term meets first here.
 */
function addTermScores(
  index: TermIndex,
  queryTerm: string,
  term: string,
  weight: number,
  fieldBoosts: readonly number[],
  stamp: number,
  found: Accumulators,
  met: number[],
): void {
  const postings = index.postings(term)
  if (postings === undefined) return
  for (const { field, docs, counts, lengths } of postings) {
    const fieldBoost = fieldBoosts[field] ?? 1
    const average = index.averageFieldLength[field] as number
    const inverseFrequency = Math.log(1 + (index.documentCount - docs.length + 0.5) / (docs.length + 0.5))
    const typedInTitle = field === titleField && term === queryTerm
    for (let at = 0; at < docs.length; at++) {
      const count = counts[at] as number
      const length = lengths[at] as number
      // The same operations in the same order as MiniSearch's, so the scores agree to the last bit.
      const raw = inverseFrequency * (d + (count * (k + 1)) / (count + k * (1 - b + (b * length) / average)))
      const score = weight * fieldBoost * raw
      const doc = docs[at] as number
      const matched = (found.matched[doc] ??= [])
      if (found.lastTerm[doc] !== stamp) {
        found.lastTerm[doc] = stamp
        found.termScore[doc] = score
        found.termsMatched[doc] = (found.termsMatched[doc] as number) + 1
        met.push(doc)
        matched.push(term)
      } else {
        found.termScore[doc] = (found.termScore[doc] as number) + score
        // Expansions come one after another: the same term in another field is the last one added.
        if (matched[matched.length - 1] !== term) matched.push(term)
      }
      if (typedInTitle) {
        found.titleTerms[doc] = (found.titleTerms[doc] as number) + 1
        found.titleLength[doc] = length
      }
    }
  }
}

/** `terms` without repeats, in the order first met. */
function distinct(terms: string[]): string[] {
  if (terms.length < 2) return terms
  if (terms.length <= 8) return terms.filter((term, at) => terms.indexOf(term) === at)
  return [...new Set(terms)]
}
