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
}

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
 * dropped), each with its expansion: by default the last term is a prefix
 * (search as you type) and terms of five letters or more allow 20% of
 * their length in edits (at most two). A repeated term counts once, where it
 * last occurs (so `b c b` reads as `c b`), and only the first
 * `maxQueryTerms` distinct terms are read.
 *
 * @example
 * queryTerms('Battle of Gettysbrug', {}) // [{ term: 'battle', prefix: false, maxDistance: 1 }, { term: 'gettysbrug', prefix: true, maxDistance: 2 }]
 */
export function queryTerms(text: string, options: MatchingOptions): QueryTerm[] {
  const all = tokenize(text)
    .map(normalizeTerm)
    .filter((term): term is string => term !== null)
  const lastAt = new Map(all.map((term, at) => [term, at]))
  const terms = all.filter((term, at) => lastAt.get(term) === at).slice(0, maxQueryTerms)
  return terms.map((term, index) => ({
    term,
    prefix: options.prefix ?? index === terms.length - 1,
    maxDistance: editsFor(term, options.fuzzy ?? (term.length >= fuzzyFromLength ? defaultFuzzy : false)),
  }))
}

/** `true` is the default fraction; below 1 a fraction of the term's length, from 1 a number of edits. */
function editsFor(term: string, fuzzy: boolean | number): number {
  if (fuzzy === false) return 0
  const amount = fuzzy === true ? defaultFuzzy : fuzzy
  return amount < 1 ? Math.min(maxFuzzyFromFraction, Math.round(term.length * amount)) : Math.floor(amount)
}
