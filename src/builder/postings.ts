import type { MiniSearchEntry, MiniSearchHead, MiniSearchJSON } from '../core/envelope.js'
import type { FieldTerms, RecordTerms } from '../extract/countTerms.js'
import { detach } from './detach.js'
import { searchFields } from '../core/options.js'
import type { PackedTerms, TermDictionary } from './packedTerms.js'

/** Term counts of a growing index; see `createPostings`. */
export interface Postings {
  /** Add the next document's counts; documents are numbered 0, 1, 2… in the order added. */
  add(terms: RecordTerms | PackedTerms): void
  /** The index so far, as MiniSearch would serialize it. */
  toJSON(): MiniSearchJSON
}

/**
 * Collect term counts into exactly the JSON that MiniSearch's `add` followed
 * by `toJSON` would give (terms sorted), without building MiniSearch's radix
 * tree: the build only appends `term, fieldId, document, count` to one typed
 * array, and `toJSON` sorts that by term once (a stable counting sort, so
 * documents stay in the order added). A JS array per term, grown push by
 * push, cost more in garbage collection than the appending itself.
 */
export function createPostings(): Postings {
  /** term → its number, in the order first seen. */
  const termIndex = new Map<string, number>()
  /** `term, fieldId, document, count` per occurrence, in the order added. */
  let quads = new Uint32Array(4 * 4096)
  let size = 0
  const lengths: number[][] = []
  const averages: number[] = []
  /** Per worker dictionary: the term number of each id already looked up. */
  const termsById = new WeakMap<TermDictionary, number[]>()

  /** The number of `term`, given one when new. */
  const numberOf = (term: string): number => {
    let at = termIndex.get(term)
    if (at === undefined) termIndex.set(detach(term), (at = termIndex.size))
    return at
  }
  const append = (term: number, fieldId: number, doc: number, count: number): void => {
    if (4 * size === quads.length) {
      const bigger = new Uint32Array(quads.length * 2)
      bigger.set(quads)
      quads = bigger
    }
    quads[4 * size] = term
    quads[4 * size + 1] = fieldId
    quads[4 * size + 2] = doc
    quads[4 * size + 3] = count
    size++
  }
  /** Record one field's length; the same running average as MiniSearch's `addFieldLength`, so the floats agree bit for bit. */
  const addLength = (fieldLengths: number[], fieldId: number, doc: number, length: number): void => {
    averages[fieldId] = ((averages[fieldId] ?? 0) * doc + length) / (doc + 1)
    fieldLengths.push(length)
  }

  return {
    add(terms) {
      const doc = lengths.length
      const fieldLengths: number[] = []
      if ('codes' in terms) {
        const { codes, dictionary } = terms
        let numbers = termsById.get(dictionary)
        if (numbers === undefined) termsById.set(dictionary, (numbers = []))
        let at = 0
        for (let fieldId = 0; fieldId < searchFields.length; fieldId++) {
          addLength(fieldLengths, fieldId, doc, codes[at++] as number)
          for (let end = at + 2 * (codes[at++] as number); at < end; at += 2) {
            const id = codes[at] as number
            append((numbers[id] ??= numberOf(dictionary.terms[id] as string)), fieldId, doc, codes[at + 1] as number)
          }
        }
      } else {
        for (let fieldId = 0; fieldId < terms.length; fieldId++) {
          const { length, terms: words, counts } = terms[fieldId] as FieldTerms
          addLength(fieldLengths, fieldId, doc, length)
          for (let at = 0; at < words.length; at++)
            append(numberOf(words[at] as string), fieldId, doc, counts[at] as number)
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
      let lists: TermLists | undefined
      const sorted = (): TermLists => (lists ??= sortByTerm(termIndex, quads, size))
      return { head, entries: () => entries(sorted()), entriesJSON: () => entriesJSON(sorted()) }
    },
  }
}

/** Every term's `fieldId, document, count` triples, contiguous, terms sorted: term `i`'s are `triples[3 * start[i]]` up to `3 * start[i + 1]`. */
interface TermLists {
  readonly terms: readonly string[]
  readonly start: Uint32Array
  readonly triples: Uint32Array
}

/** Sort the occurrences by term (UTF-16 order), stably: within a term they stay in the order added. */
function sortByTerm(termIndex: ReadonlyMap<string, number>, quads: Uint32Array, size: number): TermLists {
  const terms = [...termIndex.keys()].sort()
  /** term number → its rank in `terms`. */
  const rank = new Uint32Array(terms.length)
  terms.forEach((term, at) => (rank[termIndex.get(term) as number] = at))
  const start = new Uint32Array(terms.length + 1)
  for (let at = 0; at < size; at++) {
    const next = (rank[quads[4 * at] as number] as number) + 1
    start[next] = (start[next] as number) + 1
  }
  for (let at = 0; at < terms.length; at++) start[at + 1] = (start[at + 1] as number) + (start[at] as number)
  const fill = start.slice(0, terms.length)
  const triples = new Uint32Array(3 * size)
  for (let at = 0; at < size; at++) {
    const term = rank[quads[4 * at] as number] as number
    const to = 3 * (fill[term] as number)
    fill[term] = (fill[term] as number) + 1
    triples[to] = quads[4 * at + 1] as number
    triples[to + 1] = quads[4 * at + 2] as number
    triples[to + 2] = quads[4 * at + 3] as number
  }
  return { terms, start, triples }
}

function* entries({ terms, start, triples }: TermLists): Generator<MiniSearchEntry> {
  for (let i = 0; i < terms.length; i++) {
    const data: Record<string, Record<string, number>> = {}
    // Integer keys enumerate in ascending order, as in MiniSearch's own JSON, whatever the insertion order.
    for (let at = 3 * (start[i] as number); at < 3 * (start[i + 1] as number); at += 3) {
      ;(data[triples[at] as number] ??= {})[triples[at + 1] as number] = triples[at + 2] as number
    }
    yield [terms[i] as string, data]
  }
}

/** `JSON.stringify` of each entry, written directly from the triples (no objects built). */
function* entriesJSON({ terms, start, triples }: TermLists): Generator<string> {
  for (let i = 0; i < terms.length; i++) {
    const from = 3 * (start[i] as number)
    const to = 3 * (start[i + 1] as number)
    let json = `[${JSON.stringify(terms[i])},{`
    let fieldCount = 0
    // Documents were added in order, so each field's counts come out by ascending document.
    for (let fieldId = 0; fieldId < searchFields.length; fieldId++) {
      let counts = ''
      for (let at = from; at < to; at += 3) {
        if (triples[at] === fieldId) counts += `${counts === '' ? '' : ','}"${triples[at + 1]}":${triples[at + 2]}`
      }
      if (counts !== '') json += `${fieldCount++ === 0 ? '' : ','}"${fieldId}":{${counts}}`
    }
    yield `${json}}]`
  }
}
