import type { AsPlainObject } from 'minisearch'
import type { FieldTerms, RecordTerms } from './countTerms.js'
import { detach } from './detach.js'
import { searchFields } from './options.js'

/** MiniSearch's JSON before its term list, keys in the order `MiniSearch#toJSON` writes them. */
export type MiniSearchHead = Omit<AsPlainObject, 'index' | 'serializationVersion'>

/** One term of MiniSearch's JSON: `[term, { fieldId: { documentId: count } }]`. */
export type MiniSearchEntry = AsPlainObject['index'][number]

/**
 * MiniSearch's JSON in two parts, so an index can be written term by term
 * instead of as one string (which V8 caps at about 512 MB).
 */
export interface MiniSearchJSON {
  readonly head: MiniSearchHead
  /** Every term, sorted by UTF-16 code units, with its counts per field and document. */
  entries(): Iterable<MiniSearchEntry>
  /** The same entries, each as its `JSON.stringify` text, when they can be written faster than that. */
  entriesJSON?(): Iterable<string>
}

/** Term counts of a growing index; see `createPostings`. */
export interface Postings {
  /** Add the next document's counts; documents are numbered 0, 1, 2… in the order added. */
  add(terms: RecordTerms): void
  /** The index so far, as MiniSearch would serialize it. */
  toJSON(): MiniSearchJSON
}

/**
 * Collect term counts into exactly the JSON that MiniSearch's `add` followed
 * by `toJSON` would give (terms sorted), without building MiniSearch's radix
 * tree: the build only appends to a list per term and field.
 */
export function createPostings(): Postings {
  /** term → `fieldId, document, count` triples, in the order added (by document, then field). */
  const byTerm = new Map<string, number[]>()
  const lengths: number[][] = []
  const averages: number[] = []

  return {
    add(terms) {
      const doc = lengths.length
      const fieldLengths: number[] = []
      for (let fieldId = 0; fieldId < terms.length; fieldId++) {
        const { length, terms: words, counts } = terms[fieldId] as FieldTerms
        // The same running average as MiniSearch's `addFieldLength`, so the floats agree bit for bit.
        averages[fieldId] = ((averages[fieldId] ?? 0) * doc + length) / (doc + 1)
        fieldLengths.push(length)
        for (let at = 0; at < words.length; at++) {
          const term = words[at] as string
          const list = byTerm.get(term)
          if (list === undefined) byTerm.set(detach(term), [fieldId, doc, counts[at] as number])
          else list.push(fieldId, doc, counts[at] as number)
        }
      }
      lengths.push(fieldLengths)
    },
    toJSON() {
      const count = lengths.length
      const head: MiniSearchHead = {
        documentCount: count,
        nextId: count,
        documentIds: Object.fromEntries(lengths.map((_, doc) => [doc, doc])),
        fieldIds: Object.fromEntries(searchFields.map((field, fieldId) => [field, fieldId])),
        fieldLength: Object.fromEntries(lengths.map((fieldLengths, doc) => [doc, fieldLengths])),
        averageFieldLength: [...averages],
        storedFields: {},
        dirtCount: 0,
      }
      const terms = [...byTerm.keys()].sort()
      return { head, entries: () => entries(terms, byTerm), entriesJSON: () => entriesJSON(terms, byTerm) }
    },
  }
}

function* entries(terms: readonly string[], byTerm: ReadonlyMap<string, readonly number[]>): Generator<MiniSearchEntry> {
  for (const term of terms) {
    const list = byTerm.get(term) ?? []
    const data: Record<string, Record<string, number>> = {}
    // Integer keys enumerate in ascending order, as in MiniSearch's own JSON, whatever the insertion order.
    for (let at = 0; at < list.length; at += 3) (data[list[at] as number] ??= {})[list[at + 1] as number] = list[at + 2] as number
    yield [term, data]
  }
}

/** `JSON.stringify` of each entry, written directly from the triples (no objects built). */
function* entriesJSON(terms: readonly string[], byTerm: ReadonlyMap<string, readonly number[]>): Generator<string> {
  for (const term of terms) {
    const list = byTerm.get(term) ?? []
    let json = `[${JSON.stringify(term)},{`
    let fieldCount = 0
    for (let fieldId = 0; fieldId < searchFields.length; fieldId++) {
      let counts = ''
      for (let at = 0; at < list.length; at += 3) {
        if (list[at] === fieldId) counts += `${counts === '' ? '' : ','}"${list[at + 1]}":${list[at + 2]}`
      }
      if (counts !== '') json += `${fieldCount++ === 0 ? '' : ','}"${fieldId}":{${counts}}`
    }
    yield `${json}}]`
  }
}
