/**
 * The Levenshtein distance of `a` and `b` (in UTF-16 units) when it is at
 * most `limit`, else `limit + 1`. Only the band of cells within `limit` of
 * the diagonal is computed, and the work stops once a whole row exceeds it.
 *
 * @example
 * boundedDistance('gettysburg', 'gettysbrug', 2) // 2
 * boundedDistance('waterloo', 'wagram', 2) // 3: more than 2
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  const beyond = limit + 1
  if (Math.abs(a.length - b.length) > limit) return beyond
  // Two rows of the table, swapped after each row (typed: no garbage per candidate term beyond them).
  let previous = new Int32Array(b.length + 1)
  for (let j = 0; j <= b.length; j++) previous[j] = j <= limit ? j : beyond
  let current = new Int32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    current.fill(beyond)
    current[0] = i <= limit ? i : beyond
    let best = current[0]
    for (let j = Math.max(1, i - limit); j <= Math.min(b.length, i + limit); j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      const cell = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1, beyond)
      current[j] = cell
      if (cell < best) best = cell
    }
    if (best > limit) return beyond
    const done = previous
    previous = current
    current = done
  }
  return Math.min(previous[b.length] as number, beyond)
}

/** A candidate term within the edit limit, and its distance. */
export interface TypoMatch {
  readonly match: string
  readonly distance: number
}

/**
 * The terms of `candidates` within `limit` edits of `term` (UTF-16 units),
 * with their Levenshtein distances, in `candidates`' order: what
 * `boundedDistance` finds, candidate by candidate, in less work. The table
 * is filled a row per unit of the candidate, so candidates that follow one
 * another and share a start (sorted runs do) share the rows of it; and once
 * a row has no cell within the limit, nothing that starts that way can come
 * back within it (a row's least cell never decreases), so the candidates that
 * share that start are passed over.
 *
 * @example
 * termsWithin('actium', ['actian', 'action', 'active', 'actium', 'actors'], 1)
 * // [{ match: 'actian', distance: 1 }, { match: 'actium', distance: 0 }]
 */
export function termsWithin(term: string, candidates: readonly string[], limit: number): TypoMatch[] {
  const found: TypoMatch[] = []
  const width = term.length + 1
  // rows[j]: the distances of the candidate's first j units to each start of `term`.
  const rows: Int32Array[] = [Int32Array.from({ length: width }, (_, i) => i)]
  let previous = ''
  // Rows of `previous` computed, and the first of them with no cell within the limit (Infinity: none).
  let computed = 0
  let outFrom = Infinity
  for (const candidate of candidates) {
    const shared = Math.min(commonStart(previous, candidate), computed)
    previous = candidate
    if (shared >= outFrom) continue // it starts as a candidate that could not come within the limit
    outFrom = Infinity
    computed = shared
    for (let j = shared + 1; j <= candidate.length; j++) {
      const above = rows[j - 1] as Int32Array
      const row = (rows[j] ??= new Int32Array(width))
      row[0] = j
      let least = j
      const unit = candidate.charCodeAt(j - 1)
      for (let i = 1; i < width; i++) {
        const substitution = (above[i - 1] as number) + (term.charCodeAt(i - 1) === unit ? 0 : 1)
        const cell = Math.min(substitution, (above[i] as number) + 1, (row[i - 1] as number) + 1)
        row[i] = cell
        if (cell < least) least = cell
      }
      computed = j
      if (least > limit) {
        outFrom = j
        break
      }
    }
    if (outFrom !== Infinity) continue
    const distance = (rows[candidate.length] as Int32Array)[term.length] as number
    if (distance <= limit) found.push({ match: candidate, distance })
  }
  return found
}

/** How many units `a` and `b` start with in common. */
function commonStart(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length)
  let at = 0
  while (at < shorter && a.charCodeAt(at) === b.charCodeAt(at)) at++
  return at
}
