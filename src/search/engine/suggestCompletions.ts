import type { Suggestion } from '../searchResult.js'
import { queryTerms } from './queryTerms.js'
import { rankedMatches, scoreQuery, type ScoringOptions } from './scoreQuery.js'
import type { TermIndex } from './termIndex.js'

/**
 * Completions of a query, as MiniSearch's `autoSuggest` makes them: the
 * query searched with every term required and the last one as a prefix;
 * each distinct set of matched index terms is a suggestion, scored by the
 * mean score of the documents that gave it. Best first.
 */
export function suggestCompletions(index: TermIndex, text: string, options: ScoringOptions): Suggestion[] {
  const phrases = new Map<string, { terms: readonly string[]; score: number; count: number }>()
  const scores = scoreQuery(index, queryTerms(text, {}), { ...options, combineWith: 'AND' })
  for (const { terms, score } of rankedMatches(scores)) {
    const phrase = terms.join(' ')
    const found = phrases.get(phrase)
    if (found === undefined) phrases.set(phrase, { terms, score, count: 1 })
    else {
      found.score += score
      found.count += 1
    }
  }
  const suggestions = [...phrases].map(([suggestion, { terms, score, count }]) => ({
    suggestion,
    terms,
    score: score / count,
  }))
  return suggestions.sort((a, b) => b.score - a.score)
}
