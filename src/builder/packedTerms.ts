import { searchFields } from '../core/options.js'
import type { RecordTerms } from '../extract/countTerms.js'

/**
 * A record's term counts as numbers: each term an id into a dictionary. The
 * build cache stores counts this way (one dictionary for every record), so a
 * rebuild takes an unchanged file's counts without parsing or hashing a
 * single term string, and the builder looks each id up in an array.
 *
 * Layout of `codes`, per field in `searchFields` order:
 * `length, n, id₁, count₁, … idₙ, countₙ`.
 */
export interface PackedTerms {
  readonly codes: Uint32Array
  /** The terms the ids refer to: `terms[id]`. */
  readonly dictionary: TermDictionary
}

/** A list of terms that only grows: an id, once given, names the same term for good. */
export interface TermDictionary {
  readonly terms: readonly string[]
}

/** The packing side of a dictionary: term → id. */
export type TermIds = Map<string, number>

/**
 * Pack `terms` with `ids`; terms seen for the first time get the next ids
 * and are returned in `newTerms`, in id order, for the dictionary.
 */
export function packTerms(terms: RecordTerms, ids: TermIds): { codes: Uint32Array; newTerms: string[] } {
  let size = 0
  for (const field of terms) size += 2 + field.terms.length * 2
  const codes = new Uint32Array(size)
  const newTerms: string[] = []
  let at = 0
  for (const { length, terms: words, counts } of terms) {
    codes[at++] = length
    codes[at++] = words.length
    for (let i = 0; i < words.length; i++) {
      const term = words[i] as string
      let id = ids.get(term)
      if (id === undefined) {
        id = ids.size
        ids.set(term, id)
        newTerms.push(term)
      }
      codes[at++] = id
      codes[at++] = counts[i] as number
    }
  }
  return { codes, newTerms }
}

/** Call `visit` with the position in `codes` of each term id of one record's packed counts. */
export function forEachTermId(codes: Uint32Array, visit: (at: number) => void): void {
  let at = 0
  for (let field = 0; field < searchFields.length; field++) {
    const end = at + 2 + 2 * (codes[at + 1] as number)
    for (at += 2; at < end; at += 2) visit(at)
  }
}

/** Whether `codes` are one record's packed counts (see `PackedTerms`), every id below `dictionarySize`. */
export function isPackedTerms(codes: Uint32Array, dictionarySize: number): boolean {
  let at = 0
  for (let field = 0; field < searchFields.length; field++) {
    if (at + 2 > codes.length) return false
    const end = at + 2 + 2 * (codes[at + 1] as number)
    if (end > codes.length) return false
    for (at += 2; at < end; at += 2) if ((codes[at] as number) >= dictionarySize) return false
  }
  return at === codes.length
}
