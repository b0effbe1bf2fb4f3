import type { FieldTerms, RecordTerms } from './countTerms.js'

/**
 * A record's term counts as numbers, for handing from a worker thread to the
 * builder: each term is an id in the worker's dictionary, and only terms the
 * worker has not sent before travel as strings. Cloning a few hundred short
 * strings per record and hashing each of them into the builder's term map
 * was most of the main thread's work in a parallel or cached build; ids make
 * it one array lookup per term.
 *
 * Layout of `codes`, per field in `searchFields` order:
 * `length, n, id₁, count₁, … idₙ, countₙ`.
 */
export interface PackedTerms {
  readonly codes: Uint32Array
  /** The worker's dictionary as received so far: `terms[id]`. */
  readonly dictionary: TermDictionary
}

/** The receiving side of one worker's dictionary: grows with each message, never changes an id. */
export interface TermDictionary {
  readonly terms: string[]
}

/** The sending side: a worker's term → id map. */
export type TermIds = Map<string, number>

/**
 * Pack `terms` with the worker's `ids`; terms seen for the first time get the
 * next ids and are returned in `newTerms`, in id order, to send along.
 */
export function packTerms(terms: RecordTerms, ids: TermIds): { codes: Uint32Array; newTerms: string[] } {
  let size = 0
  for (const field of terms) size += 2 + field.terms.length * 2
  const codes = new Uint32Array(size)
  const newTerms: string[] = []
  let at = 0
  for (const { length, terms: words, counts } of terms as readonly FieldTerms[]) {
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

/** Records whose counts arrived packed (the record itself carries no `terms`). */
const packed = new WeakMap<object, PackedTerms>()

/** Give a record its packed counts; `IndexBuilder.add` uses them instead of counting the text again. */
export function attachPackedTerms(record: object, terms: PackedTerms): void {
  packed.set(record, terms)
}

/** The packed counts given to `record`, if any. */
export function packedTermsOf(record: object): PackedTerms | undefined {
  return packed.get(record)
}
