import type { Options as MiniSearchOptions, SearchOptions as MiniSearchSearchOptions } from 'minisearch'
import type { IndexOptions } from './options.js'
import { searchFields } from './options.js'

/** A document as MiniSearch sees it: `i` is the position in the stored documents. */
export interface IndexedDocument {
  readonly i: number
  readonly title: string
  readonly shortDescription: string
  readonly description: string
  readonly infobox: string
  readonly body: string
}

/** Letters that NFKD does not decompose but readers expect to fold. */
const foldings: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th',
}
const unfolded = /[łøđðħıŀßæœþ]/g

const ascii = /^[\x20-\x7e]*$/

/** Words too common to be worth indexing. */
const stopWords: ReadonlySet<string> = new Set(
  'a an and are as at be by for from in into is it its of on or that the their this to was were which with'.split(' '),
)

/**
 * Normalise one term for indexing and querying alike: NFKD, combining marks
 * removed, lower case, a few letters folded (ł → l, ß → ss), so `hochstadt`
 * finds Höchstädt and NFC and NFD spellings are the same term. Stop words
 * give `null`.
 */
export function normalizeTerm(term: string): string | null {
  const folded = fold(term)
  return folded === '' || stopWords.has(folded) ? null : folded
}

/** Lower case, NFKD, no combining marks, `ł` → `l`, `ß` → `ss`: the spelling of index terms. */
export function fold(text: string): string {
  return ascii.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(unfolded, (letter) => foldings[letter] ?? letter)
}

/** Splits on white space and punctuation, as MiniSearch does, including the apostrophe family. */
const separators = /[\s\p{Z}\p{P}\p{S}]+/u

/** Split text into raw terms (before `normalizeTerm`). */
export function tokenize(text: string): string[] {
  return text.split(separators).filter((term) => term !== '')
}

/**
 * The one MiniSearch configuration: used by `buildIndex` and `loadIndex`.
 * Documents are stored by us, not by MiniSearch (`storeFields` is empty).
 */
export function miniSearchOptions(options: IndexOptions): MiniSearchOptions<IndexedDocument> {
  return {
    idField: 'i',
    fields: [...searchFields],
    storeFields: [],
    tokenize,
    processTerm: normalizeTerm,
    searchOptions: defaultSearchOptions(options),
  }
}

/**
 * Search-as-you-type defaults: prefix match on the last term, one typo
 * allowed in words of five letters or more, all terms preferred (OR with
 * ranking), field boosts from the index options.
 */
export function defaultSearchOptions(options: IndexOptions): MiniSearchSearchOptions {
  return {
    boost: { ...options.boost },
    prefix: (_term, index, terms) => index === terms.length - 1,
    fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    maxFuzzy: 2,
    combineWith: 'OR',
  }
}
