import type { MiniSearchEntry, MiniSearchHead } from '../../core/envelope.js'
import { IndexFormatError } from '../../core/errors.js'
import { lowerBound, namesAtMost, type FieldPostings, type TermIndex } from './termIndex.js'

/**
 * The term index of a whole index held in memory: MiniSearch's JSON as
 * written (terms sorted), read in place. Lookups are binary searches; a
 * term's postings are turned into arrays the first time a query reads them.
 * Nothing is built at load time.
 */
export function createLoadedTermIndex(head: MiniSearchHead, entries: readonly MiniSearchEntry[]): TermIndex {
  const terms = entries.map(([term]) => term)
  const fieldLength = head.fieldLength as Readonly<Record<string, readonly number[]>>
  const read = new Map<string, readonly FieldPostings[]>()
  /** Terms by first unit, each list ordered by length then term: fuzzy candidates are a run of one list. */
  let byFirstUnit: ReadonlyMap<string, readonly string[]> | undefined

  const postingsAt = (position: number): readonly FieldPostings[] => {
    const [term, fields] = entries[position] as MiniSearchEntry
    const known = read.get(term)
    if (known !== undefined) return known
    const postings: FieldPostings[] = []
    for (const [fieldKey, counts] of Object.entries(fields)) {
      const field = Number(fieldKey)
      const docs: number[] = []
      const tallies: number[] = []
      const lengths: number[] = []
      let previous = -1
      // Integer keys enumerate in ascending order: documents come sorted. Checked here, when a
      // query first reads them: checking every posting at load took half as long as the load.
      for (const [docKey, count] of Object.entries(counts)) {
        const doc = Number(docKey)
        if (!(
          Number.isInteger(doc) &&
          doc > previous &&
          doc < head.documentCount &&
          Number.isInteger(count) &&
          count > 0
        ))
          throw corruptPostings(term, docKey, count)
        previous = doc
        docs.push(doc)
        tallies.push(count)
        lengths.push(fieldLength[docKey]?.[field] ?? 0)
      }
      postings.push({ field, docs, counts: tallies, lengths })
    }
    read.set(term, postings)
    return postings
  }

  return {
    documentCount: head.documentCount,
    averageFieldLength: head.averageFieldLength,
    postings(term) {
      const position = lowerBound(terms, term)
      return terms[position] === term ? postingsAt(position) : undefined
    },
    heldByAtMost(term, count) {
      return namesAtMost(this.postings(term), count)
    },
    termsWithPrefix(prefix, limit) {
      const found: string[] = []
      for (let at = lowerBound(terms, prefix); at < terms.length && found.length < limit; at++) {
        const term = terms[at] as string
        if (!term.startsWith(prefix)) break
        found.push(term)
      }
      return found
    },
    termsOfLength(first, minLength, maxLength) {
      byFirstUnit ??= groupByFirstUnit(terms)
      return runOfLengths(byFirstUnit.get(first) ?? [], minLength, maxLength)
    },
  }
}

/** Terms grouped by their first UTF-16 unit, each group ordered by length, then term. */
export function groupByFirstUnit(terms: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const term of terms) {
    const first = term.slice(0, 1)
    const group = groups.get(first)
    if (group === undefined) groups.set(first, [term])
    else group.push(term)
  }
  for (const group of groups.values()) group.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
  return groups
}

/** The terms of `group` (ordered by length) whose length is from `minLength` to `maxLength`. */
export function runOfLengths(group: readonly string[], minLength: number, maxLength: number): readonly string[] {
  const firstAtLeast = (length: number): number => {
    let low = 0
    let high = group.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((group[middle] as string).length < length) low = middle + 1
      else high = middle
    }
    return low
  }
  return group.slice(firstAtLeast(minLength), firstAtLeast(maxLength + 1))
}

/** The error of a term whose postings name no document, out of order, or a count that is not a whole number ≥ 1. */
function corruptPostings(term: string, docKey: string, count: unknown): IndexFormatError {
  return new IndexFormatError(
    'ERR_INDEX_CORRUPT',
    `Cannot search: the index's postings of ${JSON.stringify(term).slice(0, 60)} are corrupt (document ${JSON.stringify(docKey).slice(0, 20)}, count ${JSON.stringify(count)?.slice(0, 20) ?? String(count)}); rebuild the index.`,
  )
}
