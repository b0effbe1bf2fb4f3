import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../src/build.js'
import { expandTerm } from '../src/search/engine/expandTerm.js'
import { createLoadedTermIndex } from '../src/search/engine/loadedTermIndex.js'
import { queryTerms, type QueryTerm } from '../src/search/engine/queryTerms.js'
import {
  maxQueryExpansions,
  queryLength,
  rankedMatches,
  scoreQuery,
  type ScoringOptions,
} from '../src/search/engine/scoreQuery.js'
import type { TermIndex } from '../src/search/engine/termIndex.js'
import type { Match } from '../src/search/rankAndCount.js'
import { scoringOptions } from '../src/search/searchIndex.js'
import type { MatchingOptions } from '../src/search/searchOptions.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

// scoreQuery accumulates in arrays indexed by document; this is the version it replaced, an
// object per document and query term, merged term by term. Both must give the same matches,
// bit for bit, in the same order: scores, terms, exact titles.

const k = 1.2
const b = 0.7
const d = 0.5
const titleField = 0

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
function referenceScoreQuery(index: TermIndex, terms: readonly QueryTerm[], options: ScoringOptions): Match[] {
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

function indexOf(articles: readonly { text: string; id: string }[]) {
  const index = buildIndex(
    articles.map(({ text, id }) => parseArticle(text, { id })),
    { body: 'full' },
  )
  const { head, entries } = index.data.terms
  const terms = createLoadedTermIndex(head, [...entries()])
  const vocabulary = [...entries()].map(([term]) => term)
  return { index, terms, vocabulary }
}

const fixtures = indexOf(fixtureSlugs().map((slug) => ({ text: readFixture(slug), id: slug })))

function sameMatches({ index, terms, vocabulary }: ReturnType<typeof indexOf>, runs: number) {
  const word = fc.constantFrom(...vocabulary)
  const piece = fc.oneof(
    word,
    word.map((term) => term.slice(0, Math.max(1, term.length - 2))),
    word.map((term) => `${term.slice(0, 1)}${term.slice(2)}`),
    fc.constantFrom('battle', 'of', 'the', 'siege', 'war'),
  )
  const options = fc.record({
    prefix: fc.option(fc.boolean(), { nil: undefined }),
    fuzzy: fc.option(fc.constantFrom(false, 0.2, 1, 2), { nil: undefined }),
    combineWith: fc.constantFrom('AND' as const, 'OR' as const),
  })
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), options, (words, given) => {
      const text = words.join(' ')
      const matching: MatchingOptions = given
      const query = queryTerms(text, matching)
      const scoring = { ...scoringOptions(index.options, matching), queryLength: queryLength(text) }
      expect(rankedMatches(scoreQuery(terms, query, scoring))).toEqual(referenceScoreQuery(terms, query, scoring))
    }),
    { ...fcParameters<[string[], MatchingOptions]>(runs), examples: [[['siege', 'warfare'], { combineWith: 'OR' }]] },
  )
}

describe('scoreQuery gives the matches of the object-per-document version it replaced', () => {
  test('fixtures', () => sameMatches(fixtures, 400))
  test.skipIf(!hasCorpus)('corpus + fixtures', () =>
    sameMatches(
      indexOf([
        ...fixtureSlugs().map((slug) => ({ text: readFixture(slug), id: slug })),
        ...corpusFiles().map((file) => ({ text: readFileSync(`${corpusDir}${file}`, 'utf8'), id: file.slice(0, -3) })),
      ]),
      200,
    ),
  )
})
