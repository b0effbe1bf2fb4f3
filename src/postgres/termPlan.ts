import { boundedDistance } from '../search/engine/levenshtein.js'
import type { QueryTerm } from '../search/engine/queryTerms.js'
import type { Queryable } from './connect.js'
import { anyOf, tsqueryLexeme } from './tsqueryLexeme.js'
import type { TableNames } from './tableNames.js'

/** How a text query runs in SQL: what matches, and how matches are ranked. */
export interface TermPlan {
  /** The tsquery of matching articles: each term with its typo and prefix variants, OR-ed or AND-ed. */
  readonly match: string
  /** Per query term, the tsquery of it and its variants: an article matching more of them ranks first. */
  readonly terms: readonly string[]
  /** How `match` combines them: with `AND` every match matches every term. */
  readonly combineWith: 'AND' | 'OR'
  /** The score is Σ weight × ts_rank(article, query) over these. */
  readonly components: readonly { readonly query: string; readonly weight: number }[]
  /** Index terms a hit may have matched exactly or by a typo (for `terms` and snippets). */
  readonly words: readonly string[]
  /** Prefixes a hit's terms may begin with. */
  readonly prefixes: readonly string[]
}

/** MiniSearch's weights of a typo and of a prefix match next to an exact one. */
const fuzzyWeight = 0.45
const prefixWeight = 0.375
/** Typo variants kept per term, the most common first. */
const maxVariants = 50

interface TermRow {
  readonly i: number
  readonly kind: 'e' | 'f' | 'p'
  readonly term: string | null
  readonly documents: number | null
}

/**
 * Look the query's terms up in the vocabulary: their document frequencies
 * (for an inverse document frequency, which ts_rank lacks), the index terms
 * within their edit distance that begin with the same letter (pg_trgm
 * narrows, Levenshtein decides: the static index's rule for a typo), and the
 * commonest term of each prefix.
 */
export async function planTerms(
  client: Queryable,
  names: TableNames,
  terms: readonly QueryTerm[],
  combineWith: 'AND' | 'OR',
  documents: number,
  fuzzy: boolean,
): Promise<TermPlan> {
  const words = terms.map((t) => t.term)
  const parts = [
    `SELECT q.i::int AS i, 'e' AS kind, t.term, t.documents FROM unnest($1::text[]) WITH ORDINALITY q(term, i) JOIN ${names.terms} t ON t.term = q.term`,
    `SELECT q.i::int, 'p', NULL, (SELECT max(t.documents) FROM ${names.terms} t WHERE t.term >= q.term AND t.term < q.term || chr(1114111))
     FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY q(term, prefix, i) WHERE q.prefix`,
  ]
  if (fuzzy && terms.some((t) => t.maxDistance > 0)) {
    parts.push(`SELECT q.i::int, 'f', t.term, t.documents FROM unnest($1::text[], $3::int[]) WITH ORDINALITY q(term, distance, i)
      CROSS JOIN LATERAL (SELECT term, documents FROM ${names.terms} WHERE q.distance > 0 AND term % q.term
        AND left(term, 1) = left(q.term, 1) AND length(term) BETWEEN length(q.term) - q.distance AND length(q.term) + q.distance) t`)
  }
  const values = [words, terms.map((t) => t.prefix), terms.map((t) => t.maxDistance)]
  const result = await client.query(parts.join('\nUNION ALL\n'), parts.length === 3 ? values : values.slice(0, 2))
  const rows = result.rows as readonly TermRow[]

  const groups: string[] = []
  const components: { query: string; weight: number }[] = []
  const matched = new Set<string>(words)
  const prefixes: string[] = []
  terms.forEach(({ term, prefix, maxDistance, fuzzyMaxDocuments }, index) => {
    const mine = rows.filter((row) => row.i === index + 1)
    const exact = mine.find((row) => row.kind === 'e')?.documents ?? undefined
    // A word more articles hold than `fuzzyMaxDocuments` is taken as typed, as the static index takes it.
    const mayBeTypo = (exact ?? 0) <= fuzzyMaxDocuments
    const variants = mine
      .filter(
        (row): row is TermRow & { term: string } =>
          mayBeTypo &&
          row.kind === 'f' &&
          row.term !== null &&
          row.term !== term &&
          row.term.slice(0, 1) === term.slice(0, 1) &&
          boundedDistance(term, row.term, maxDistance) <= maxDistance,
      )
      .sort((a, b) => (b.documents ?? 0) - (a.documents ?? 0) || (a.term < b.term ? -1 : 1))
      .slice(0, maxVariants)
    const prefixDocuments = prefix ? (mine.find((row) => row.kind === 'p')?.documents ?? undefined) : undefined
    const frequency = exact ?? Math.max(0, prefixDocuments ?? 0, ...variants.map((row) => row.documents ?? 0))
    const idf = Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
    const lexemes = [tsqueryLexeme(term), ...variants.map((row) => tsqueryLexeme(row.term))]
    components.push({ query: tsqueryLexeme(term), weight: idf })
    if (variants.length > 0)
      components.push({ query: anyOf(variants.map((row) => tsqueryLexeme(row.term))), weight: idf * fuzzyWeight })
    if (prefix) {
      lexemes.push(tsqueryLexeme(term, true))
      components.push({ query: tsqueryLexeme(term, true), weight: idf * prefixWeight })
      prefixes.push(term)
    }
    for (const row of variants) matched.add(row.term)
    groups.push(`(${anyOf(lexemes)})`)
  })
  return {
    match: groups.join(combineWith === 'AND' ? ' & ' : ' | '),
    terms: groups,
    combineWith,
    components,
    words: [...matched],
    prefixes,
  }
}
