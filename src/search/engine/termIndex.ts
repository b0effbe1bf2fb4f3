/** One term's occurrences in one field: documents in ascending order, with the term's count and the field's length in each. */
export interface FieldPostings {
  /** The field's position in `searchFields`. */
  readonly field: number
  readonly docs: readonly number[]
  /** How often the term occurs in the field of each document. */
  readonly counts: readonly number[]
  /** The field's length (distinct tokens) in each document, for BM25. */
  readonly lengths: readonly number[]
}

/**
 * What query evaluation reads of an index: its terms, their postings, and the
 * statistics BM25 needs. The single-file index holds all of it; the chunked
 * index holds what it has fetched, and records what a query asked for that it
 * lacks (see `loadChunkedIndex`).
 */
export interface TermIndex {
  readonly documentCount: number
  /** Average length of each field over all documents. */
  readonly averageFieldLength: readonly number[]
  /** The postings of `term`, per field; `undefined` when the index has no such term. */
  postings(term: string): readonly FieldPostings[] | undefined
  /**
   * Whether at most `count` documents hold `term` in any field (true when
   * none does); `undefined` while that is not known (the chunked index has
   * not fetched its chunk yet).
   */
  heldByAtMost(term: string, count: number): boolean | undefined
  /** The terms that start with `prefix` (itself included), in term order, at most `limit` of them. */
  termsWithPrefix(prefix: string, limit: number): readonly string[]
  /**
   * The terms whose first UTF-16 unit is `first` and whose length is from
   * `minLength` to `maxLength`: the candidates of a fuzzy match.
   */
  termsOfLength(first: string, minLength: number, maxLength: number): readonly string[]
}

/**
 * Whether the postings of a term name at most `count` documents, in any of
 * its fields (each field's documents ascending). The bounds answer most
 * terms at once: a field alone past `count`, or all of them within it.
 */
export function namesAtMost(postings: readonly FieldPostings[] | undefined, count: number): boolean {
  if (postings === undefined) return true
  const lengths = postings.map(({ docs }) => docs.length)
  if (Math.max(0, ...lengths) > count) return false
  if (lengths.reduce((sum, length) => sum + length, 0) <= count) return true
  // Merge the fields' ascending lists, counting each document once, until past `count`.
  const next = postings.map(() => 0)
  let found = 0
  while (found <= count) {
    let smallest = Infinity
    for (const [at, { docs }] of postings.entries()) smallest = Math.min(smallest, docs[next[at] as number] ?? Infinity)
    if (smallest === Infinity) return true
    found++
    for (const [at, { docs }] of postings.entries())
      if (docs[next[at] as number] === smallest) next[at] = (next[at] as number) + 1
  }
  return false
}

/** The first index of `sorted` whose item is not below `item` (binary search). */
export function lowerBound<Item extends string | number>(
  sorted: readonly Item[],
  item: Item,
  from = 0,
  to = sorted.length,
): number {
  let low = from
  let high = to
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as Item) < item) low = middle + 1
    else high = middle
  }
  return low
}
