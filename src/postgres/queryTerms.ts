import { normalizeTerm } from '../index.js'
import { tokenize, type ResolvedSearchOptions } from './internal.js'

/** One term of a query, read the way the static index reads it. */
export interface QueryTerm {
  /** Normalised like index terms (folded, lower case). */
  readonly term: string
  /** Match index terms that begin with it. */
  readonly prefix: boolean
  /** Edits allowed for typo tolerance; 0 for exact. */
  readonly maxDistance: number
}

/** MiniSearch's `maxFuzzy` in the index's search defaults: a fraction never allows more edits. */
const maxFuzzy = 2

/**
 * The terms of a query with the static index's defaults: MiniSearch's
 * tokenizer and `normalizeTerm` (stop words dropped), prefix matching on the
 * last term, one typo per five letters (at most two) in terms of five
 * letters or more; `prefix` and `fuzzy` override them as in `search`.
 */
export function queryTerms(text: string, options: Pick<ResolvedSearchOptions, 'prefix' | 'fuzzy'>): QueryTerm[] {
  const terms = tokenize(text)
    .map(normalizeTerm)
    .filter((term): term is string => term !== null)
  return terms.map((term, i) => {
    const prefix = options.prefix ?? i === terms.length - 1
    const fuzzy =
      options.fuzzy === undefined
        ? term.length >= 5
          ? 0.2
          : 0
        : options.fuzzy === true
          ? 0.2
          : options.fuzzy === false
            ? 0
            : options.fuzzy
    const maxDistance = fuzzy < 1 ? Math.min(maxFuzzy, Math.round(term.length * fuzzy)) : Math.floor(fuzzy)
    return { term, prefix, maxDistance }
  })
}

/**
 * Levenshtein distance of `a` and `b` when it is at most `max`, else
 * `max + 1` (the same edits MiniSearch's fuzzy search counts).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      current.push(value)
      best = Math.min(best, value)
    }
    if (best > max) return max + 1
    previous = current
  }
  return Math.min(previous[b.length] ?? max + 1, max + 1)
}

/** A lexeme in tsquery syntax: quoted, `:*` for a prefix. */
export function tsqueryLexeme(term: string, prefix = false): string {
  return `'${term.replace(/'/g, "''").replace(/\\/g, '\\\\')}'${prefix ? ':*' : ''}`
}

/** `a | b | c` of lexemes, or '' when there are none. */
export const anyOf = (lexemes: readonly string[]): string => lexemes.join(' | ')
