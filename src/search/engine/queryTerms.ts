import { normalizeTerm, tokenize } from '../../core/fold.js'
import type { MatchingOptions } from '../searchOptions.js'

/** One term of a query and how far it may be expanded. */
export interface QueryTerm {
  /** The normalised term (see `normalizeTerm`). */
  readonly term: string
  /** Whether index terms that start with it match too. */
  readonly prefix: boolean
  /** Most edits a fuzzy match may have; 0 for none. */
  readonly maxDistance: number
  /** Typo matches are looked for only when the term itself is in at most this many documents (see `fuzzyMaxDocuments`). */
  readonly fuzzyMaxDocuments: number
}

/** Shorter terms are never prefixes: "a" or "ba" would expand to a fair part of the index. */
const prefixFromLength = 3
/** A number matches as written: "2" is not "24", "1863" is not "1862". */
const number = /^\d+$/

/**
 * A query word that more documents than this hold is taken as typed: it is
 * no typo, and its neighbours by a letter or two are other words ('states'
 * is not 'stated', 'status' or 'stages'), each read in full for nothing.
 * Typesense likewise looks for typos only when a word as typed finds too few.
 */
export const defaultFuzzyMaxDocuments = 100

/** Default fuzziness: a fraction of the term's length, for terms of this many units or more. */
const defaultFuzzy = 0.2
const fuzzyFromLength = 5
/** Most edits a fraction of the length gives (an explicit number of edits is taken as it is). */
const maxFuzzyFromFraction = 2

/**
 * Most distinct terms a query is read for; later ones are ignored. Each term
 * may expand to a few hundred index terms, so this bounds a query's work
 * whatever it holds (500 characters make up to 166 distinct terms).
 */
export const maxQueryTerms = 32

/**
 * The terms of a query as the index reads them (tokenized, folded, stop words
 * dropped, each once), with their expansion: by default the last term is a
 * prefix (search as you type) and terms of five letters or more allow 20% of
 * their length in edits (at most two), unless more than `fuzzyMaxDocuments`
 * (100) documents hold them as typed. Whatever the options, a number is
 * matched exactly, and a term of one or two letters is never a prefix. A
 * repeated term counts once, where it first occurs, and only the first
 * `maxQueryTerms` distinct terms are read.
 *
 * @example
 * queryTerms('Battle of Gettysbrug', {}) // [{ term: 'battle', prefix: false, maxDistance: 1 }, { term: 'gettysbrug', prefix: true, maxDistance: 2 }]
 * queryTerms('world war 2', {}) // […, { term: '2', prefix: false, maxDistance: 0 }]
 */
export function queryTerms(text: string, options: MatchingOptions): QueryTerm[] {
  const terms = [
    ...new Set(
      tokenize(text)
        .map(normalizeTerm)
        .filter((term): term is string => term !== null),
    ),
  ].slice(0, maxQueryTerms)
  return terms.map((term, index) => {
    const fuzzyMaxDocuments = options.fuzzyMaxDocuments ?? defaultFuzzyMaxDocuments
    if (number.test(term)) return { term, prefix: false, maxDistance: 0, fuzzyMaxDocuments }
    const prefix = (options.prefix ?? index === terms.length - 1) && term.length >= prefixFromLength
    return {
      term,
      prefix,
      maxDistance: editsFor(term.length, options.fuzzy ?? (term.length >= fuzzyFromLength ? defaultFuzzy : false)),
      fuzzyMaxDocuments,
    }
  })
}

/**
 * Edits a term of `length` UTF-16 units allows without a `fuzzy` option: 0
 * below five units, then 20% of the length, at most two. The chunked index's
 * typo files follow it (a default lookup reads one file).
 */
export function defaultMaxDistance(length: number): number {
  return length >= fuzzyFromLength ? editsFor(length, defaultFuzzy) : 0
}

/** `true` is the default fraction; below 1 a fraction of the term's length, from 1 a number of edits. */
function editsFor(length: number, fuzzy: boolean | number): number {
  if (fuzzy === false) return 0
  const amount = fuzzy === true ? defaultFuzzy : fuzzy
  return amount < 1 ? Math.min(maxFuzzyFromFraction, Math.round(length * amount)) : Math.floor(amount)
}
