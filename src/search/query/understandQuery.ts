import { nameKey } from '../facets/valueNames.js'
import type { NameIndex } from './nameIndex.js'
import { recognizeDateSpans } from './recognizeDates.js'

/** Where a suggestion came from in the query: `text === query.slice(start, end)`. */
interface Span {
  readonly start: number
  readonly end: number
  readonly text: string
  /** What a chip shows: `18th century`, `Bavaria`, `France`. */
  readonly label: string
}

/** A time named in the query: a date filter `{ from, to }` to offer (years, negative for BC). */
export interface SuggestedDate extends Span {
  readonly facet: 'date'
  readonly from: number
  readonly to: number
}

/** A facet value named in the query, by itself, its label or an alias. */
export interface SuggestedValue extends Span {
  readonly facet: string
  /** The value the name most often stands for (the one with the most articles). */
  readonly value: string
  /** Every value the name stands for in this facet, `value` first: a filter of them all is what the name says. */
  readonly values: readonly string[]
}

/** A span of the query that names a filter a UI can offer as a chip. */
export type SuggestedFilter = SuggestedDate | SuggestedValue

/** Longest name read, in words. */
const maxNameWords = 6
const word = /[\p{L}\p{N}\p{M}]+/gu
/** Words that never name anything alone. */
const stopWords: ReadonlySet<string> = new Set(
  'a an and are as at be by for from in into is it its of on or that the their this to was were which with'.split(' '),
)

/**
 * The filters a query names: times (years, ranges, decades, centuries,
 * millennia, BC included) and facet values by any of their names (places,
 * sides, kinds of article: `bavaria`, `NDF`, `battles`), longest names first,
 * in query order, never overlapping. A name of one or two letters counts only
 * when typed in capitals (`US`). Pure: the same query and names give the same result.
 *
 * @example
 * understandQuery('18th century battles bavaria', names)
 * // [{ facet: 'date', from: 1701, to: 1800, label: '18th century', text: '18th century', … },
 * //  { facet: 'kind', value: 'military conflict', text: 'battles', … }, { facet: 'place', value: 'Bavaria', … }]
 */
export function understandQuery(query: string, names: NameIndex | undefined, currentYear?: number): SuggestedFilter[] {
  const dates = recognizeDateSpans(query, currentYear === undefined ? {} : { currentYear })
  const found: SuggestedFilter[] = dates.map(({ start, end, from, to, label, text }) => ({
    facet: 'date',
    from,
    to,
    label,
    text,
    start,
    end,
  }))
  if (names === undefined || names.size === 0) return found
  const words = [...query.slice(0, 500).matchAll(word)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }))
  const inDate = (start: number, end: number) => dates.some((date) => start < date.end && end > date.start)
  for (let at = 0; at < words.length;) {
    let taken = 0
    for (let count = Math.min(maxNameWords, words.length - at); count > 0 && taken === 0; count--) {
      const start = words[at]?.start ?? 0
      const end = words[at + count - 1]?.end ?? 0
      const text = query.slice(start, end)
      const key = nameKey(text)
      const entries = names.get(key)
      if (entries === undefined || inDate(start, end) || !isName(key, text)) continue
      const offered = preferred(entries)
      for (const { facet, values, label } of offered)
        found.push({ facet, value: values[0] ?? '', values, label, text, start, end })
      taken = count
    }
    at += Math.max(1, taken)
  }
  return found.sort((a, b) => a.start - b.start)
}

/**
 * Of the facets a name names, those to offer: a kind word (`battle`) is the
 * kind, not also the town of Battle; a modern country is the country, not
 * also the places written so.
 */
function preferred<Entry extends { readonly facet: string }>(entries: readonly Entry[]): readonly Entry[] {
  if (entries.some(({ facet }) => facet === 'kind')) return entries.filter(({ facet }) => facet === 'kind')
  if (entries.some(({ facet }) => facet === 'country')) return entries.filter(({ facet }) => facet !== 'place')
  return entries
}

/** Not only stop words; of three characters or more, or typed in capitals. */
export function isName(key: string, text: string): boolean {
  if (key.split(' ').every((part) => stopWords.has(part))) return false
  return key.length >= 3 || (/^\p{Lu}+$/u.test(text) && text.length >= 2)
}

/**
 * Every name (`nameKey`) `understandQuery` may look a query up by: each run
 * of up to six of its words. A server that keeps the names in a table reads
 * the rows of these keys only, and gets the suggestions of the whole index.
 */
export function nameKeysOf(query: string): string[] {
  const words = queryWords(query)
  const keys = new Set<string>()
  for (let at = 0; at < words.length; at++) {
    for (let count = 1; count <= maxNameWords && at + count <= words.length; count++) {
      const key = nameKey(query.slice(words[at]?.start ?? 0, words[at + count - 1]?.end ?? 0))
      if (key !== '') keys.add(key)
    }
  }
  return [...keys]
}

/** The words of a query that a name may start at: runs of letters, digits and marks in its first 500 characters. */
export function queryWords(query: string): { readonly start: number; readonly end: number; readonly text: string }[] {
  return [...query.slice(0, 500).matchAll(word)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  }))
}
