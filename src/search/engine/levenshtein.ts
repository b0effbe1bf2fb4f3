/**
 * The Levenshtein distance of `a` and `b` (in UTF-16 units) when it is at
 * most `limit`, else `limit + 1`. Only the band of cells within `limit` of
 * the diagonal is computed, and the work stops once a whole row exceeds it.
 *
 * `rows`: two rows of the table, longer than `b` (see `distanceRows`); one
 * pair serves every candidate of a lookup, so comparing makes no garbage.
 *
 * @example
 * boundedDistance('gettysburg', 'gettysbrug', 2) // 2
 * boundedDistance('waterloo', 'wagram', 2) // 3: more than 2
 */
export function boundedDistance(
  a: string,
  b: string,
  limit: number,
  rows: DistanceRows = distanceRows(b.length),
): number {
  const beyond = limit + 1
  if (Math.abs(a.length - b.length) > limit) return beyond
  if (rows[0].length <= b.length) rows = distanceRows(b.length)
  // Two rows of the table, swapped after each row.
  let previous = rows[0]
  let current = rows[1]
  for (let j = 0; j <= b.length; j++) previous[j] = j <= limit ? j : beyond
  for (let i = 1; i <= a.length; i++) {
    current.fill(beyond, 0, b.length + 1)
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

/** Two rows of an edit-distance table (see `boundedDistance`). */
export type DistanceRows = readonly [Int32Array, Int32Array]

/** Rows for comparing with terms of up to `length` units. */
export function distanceRows(length: number): DistanceRows {
  return [new Int32Array(length + 1), new Int32Array(length + 1)]
}
