/** Letters that NFKD does not decompose but readers expect to fold. */
const foldings: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
}
const unfolded = /[łøđðħıŀßæœþ]/g

const ascii = /^[\x20-\x7e]*$/

/** Words too common to be worth indexing. */
const stopWords: ReadonlySet<string> = new Set(
  'a an and are as at be by for from in into is it its of on or that the their this to was were which with'.split(' '),
)

/**
 * Lower case, NFKD, no combining marks, `ł` → `l`, `ß` → `ss`: the spelling of
 * index terms, and the key facet values are compared by. The one folding of
 * the library: index, query, snippets and facet matching all use it.
 *
 * @example
 * fold('Höchstädt') // 'hochstadt'
 * fold('Władysław') // 'wladyslaw'
 */
export function fold(text: string): string {
  if (ascii.test(text)) return text.toLowerCase()
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(unfolded, (letter) => foldings[letter] ?? letter)
}

/**
 * Normalise one term for indexing and querying alike: `fold`, so `hochstadt`
 * finds Höchstädt and NFC and NFD spellings are the same term. Stop words
 * give `null`.
 */
export function normalizeTerm(term: string): string | null {
  const folded = fold(term)
  return folded === '' || stopWords.has(folded) ? null : folded
}

/** Splits on white space and punctuation, as MiniSearch does, including the apostrophe family. */
const separators = /[\s\p{Z}\p{P}\p{S}]+/u

/** Split text into raw terms (before `normalizeTerm`). */
export function tokenize(text: string): string[] {
  return text.split(separators).filter((term) => term !== '')
}
