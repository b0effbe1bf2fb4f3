import type { MiniSearchEntry, MiniSearchHead } from '../../core/envelope.js'
import { lowerBound, type FieldPostings, type TermIndex } from './termIndex.js'

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
      // Integer keys enumerate in ascending order: documents come sorted.
      for (const [docKey, count] of Object.entries(counts)) {
        docs.push(Number(docKey))
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
