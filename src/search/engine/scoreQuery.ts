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
 * A query's matching documents and what each got: arrays indexed by
 * document, so a broad query that matches most of the index makes a few
 * arrays rather than objects per document. Ranking reads them (see
 * `compareRanked`); only the hits shown become `Match`es (see `matchOf`).
 */
export interface QueryScores {
  /** The matching documents in the order first met (with AND, the order the last query term met them in). */
  readonly docs: readonly number[]
  /** Each matching document's score: summed over the query terms, times how many it matched. */
  readonly score: Float64Array
  /** How many of the query terms matched each document. */
  readonly termsMatched: Uint8Array
  /** Whether a document's title is the query, word for word (see `ScoringOptions.queryLength`). */
  exactTitle(doc: number): boolean
  /** The index terms that matched a document, in the order met, without repeats. */
  terms(doc: number): string[]
}

/**
 * Per document, what the query terms read so far found in it (see
 * `QueryScores`); the index terms matched are kept as a list per document
 * threaded through one growing log (`log`), not an array per document.
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
  /** The index terms matched, in the order met: `names[id]` for the ids in the log. */
  readonly names: string[]
  readonly log: TermLog
}

function accumulators(documentCount: number): Accumulators {
  return {
    score: new Float64Array(documentCount),
    termScore: new Float64Array(documentCount),
    lastTerm: new Int32Array(documentCount),
    termsMatched: new Uint8Array(documentCount),
    titleTerms: new Uint8Array(documentCount),
    titleLength: new Float64Array(documentCount).fill(-1),
    names: [],
    log: createTermLog(documentCount),
  }
}

/**
 * Score the documents matching `terms`, as MiniSearch does: for each query
 * term and each index term it expands to, BM25+ per field (`k` 1.2, `b` 0.7,
 * `d` 0.5), times the expansion's weight and the field's boost, summed; the
 * query terms combined with OR (scores added) or AND (documents in all);
 * the total multiplied by the number of query terms a document matched.
 * `terms` are distinct, as `queryTerms` gives them. `rankedMatches` ranks
 * them all; `rankAndCount` ranks those within the filters (see `compareRanked`).
 */
export function scoreQuery(index: TermIndex, terms: readonly QueryTerm[], options: ScoringOptions): QueryScores {
  const found = accumulators(index.documentCount)
  const share = Math.max(1, Math.floor(maxQueryExpansions / terms.length))
  // The documents the terms read so far combine to (OR: any; AND: all), in order.
  let combined: number[] = []
  for (const [at, query] of terms.entries()) {
    const stamp = at + 1
    const met: number[] = []
    for (const { term, weight } of expandTerm(index, query).slice(0, share)) {
      found.names.push(term)
      addTermScores(index, query.term, found.names.length - 1, weight, options.fieldBoosts, stamp, found, met)
    }
    for (const doc of met) found.score[doc] = (found.score[doc] as number) + (found.termScore[doc] as number)
    if (at === 0) combined = met
    else if (options.combineWith === 'AND') {
      // In all of them: in the combination so far (matched by every earlier term) and now.
      combined = met.filter((doc) => found.termsMatched[doc] === stamp)
    } else for (const doc of met) if (found.termsMatched[doc] === 1) combined.push(doc)
  }
  // The final score: what the terms added, times how many matched (at least 1).
  for (const doc of combined)
    found.score[doc] = (found.score[doc] as number) * ((found.termsMatched[doc] as number) || 1)
  const wanted = new Set(terms.map((query) => query.term)).size
  return {
    docs: combined,
    score: found.score,
    termsMatched: found.termsMatched,
    exactTitle: (doc) =>
      wanted > 0 && found.titleTerms[doc] === wanted && found.titleLength[doc] === options.queryLength,
    terms: (doc) => distinct(loggedTerms(found.log, doc).map((id) => found.names[id] as string)),
  }
}

/**
 * The relevance order of the documents at `a` and `b` in `scores.docs`
 * (negative: `a` first): documents that match more query terms first (one
 * that matches a term very often never outranks one that matches them all),
 * then the higher score, then the one met first.
 */
export function compareRanked(scores: QueryScores, a: number, b: number): number {
  const x = scores.docs[a] as number
  const y = scores.docs[b] as number
  const terms = (scores.termsMatched[y] as number) - (scores.termsMatched[x] as number)
  if (terms !== 0) return terms
  const score = (scores.score[y] as number) - (scores.score[x] as number)
  return score !== 0 ? score : a - b
}

/** The match of one scored document (what a hit shows). */
export function matchOf(scores: QueryScores, doc: number): Match {
  const exactTitle = scores.exactTitle(doc)
  return { doc, score: scores.score[doc] as number, terms: scores.terms(doc), ...(exactTitle ? { exactTitle } : {}) }
}

/** Every matching document's match, best first (see `compareRanked`). */
export function rankedMatches(scores: QueryScores): Match[] {
  const order = scores.docs.map((_, at) => at)
  order.sort((a, b) => compareRanked(scores, a, b))
  return order.map((at) => matchOf(scores, scores.docs[at] as number))
}

/**
 * Add one index term's BM25+ scores to the query term's (`stamp`: its
 * position + 1); `met` gets the documents the query term meets first here.
 * `id`: the index term's place in `found.names`.
 */
function addTermScores(
  index: TermIndex,
  queryTerm: string,
  id: number,
  weight: number,
  fieldBoosts: readonly number[],
  stamp: number,
  found: Accumulators,
  met: number[],
): void {
  const term = found.names[id] as string
  const postings = index.postings(term)
  if (postings === undefined) return
  const log = found.log
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
      if (found.lastTerm[doc] !== stamp) {
        found.lastTerm[doc] = stamp
        found.termScore[doc] = score
        found.termsMatched[doc] = (found.termsMatched[doc] as number) + 1
        met.push(doc)
        logTerm(log, doc, id)
      } else {
        found.termScore[doc] = (found.termScore[doc] as number) + score
        // Expansions come one after another: the same term in another field is the last one logged.
        if (log.lastId[doc] !== id) logTerm(log, doc, id)
      }
      if (typedInTitle) {
        found.titleTerms[doc] = (found.titleTerms[doc] as number) + 1
        found.titleLength[doc] = length
      }
    }
  }
}

/**
 * The index terms each document matched, as linked lists in typed arrays:
 * entry `e` holds term `ids[e]` and the document's next entry `next[e]`
 * (-1: none). Grows by doubling.
 */
interface TermLog {
  ids: Int32Array
  next: Int32Array
  size: number
  /** Per document: its first and last entries (-1: none), and the term id of its last entry. */
  readonly first: Int32Array
  readonly last: Int32Array
  readonly lastId: Int32Array
}

function createTermLog(documentCount: number): TermLog {
  const capacity = 1024
  return {
    ids: new Int32Array(capacity),
    next: new Int32Array(capacity),
    size: 0,
    first: new Int32Array(documentCount).fill(-1),
    last: new Int32Array(documentCount).fill(-1),
    lastId: new Int32Array(documentCount).fill(-1),
  }
}

function logTerm(log: TermLog, doc: number, id: number): void {
  if (log.size === log.ids.length) {
    log.ids = grown(log.ids)
    log.next = grown(log.next)
  }
  const entry = log.size++
  log.ids[entry] = id
  log.next[entry] = -1
  const last = log.last[doc] as number
  if (last === -1) log.first[doc] = entry
  else log.next[last] = entry
  log.last[doc] = entry
  log.lastId[doc] = id
}

function grown(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2)
  larger.set(array)
  return larger
}

function loggedTerms(log: TermLog, doc: number): number[] {
  const ids: number[] = []
  for (let entry = log.first[doc] as number; entry !== -1; entry = log.next[entry] as number)
    ids.push(log.ids[entry] as number)
  return ids
}

/** `terms` without repeats, in the order first met. */
function distinct(terms: string[]): string[] {
  if (terms.length < 2) return terms
  if (terms.length <= 8) return terms.filter((term, at) => terms.indexOf(term) === at)
  return [...new Set(terms)]
}
