/**
 * The named stretches of years a query or a chip speaks of — decades, "hundreds" (`the 1800s`),
 * centuries, millennia — and their early, middle and late thirds. Years are negative for BC and
 * there is no year 0, so every unit lies wholly on one side of the era boundary.
 */

/** A named stretch of years. */
export type YearUnit = 'decade' | 'hundreds' | 'century' | 'millennium'

/** `-1` BC, `1` AD. */
export type Era = -1 | 1

/** Which third of a unit `early`, `mid` and `late` mean. */
export type Third = 'early' | 'mid' | 'late'

/** First and last year (inclusive, `from <= to`). */
export type YearRange = readonly [from: number, to: number]

/**
 * Length of each unit, and how it is numbered: `count` units are named by their first year as
 * counted from the era boundary (`1940s`, `490s BC`, `1800s`), `ordinal` units by their rank
 * (`18th century`, `3rd millennium BC`).
 */
export const YEAR_UNITS = {
  decade: { size: 10, naming: 'count' },
  hundreds: { size: 100, naming: 'count' },
  century: { size: 100, naming: 'ordinal' },
  millennium: { size: 1000, naming: 'ordinal' },
} as const satisfies Record<YearUnit, { readonly size: number; readonly naming: 'count' | 'ordinal' }>

/** No span reaches past 10,000 AD or BC, as the infobox date parser has it. */
export const MAX_YEAR = 10_000

/**
 * The years of the unit numbered `n` in `era`, or `undefined` when there is no such unit
 * (`n` not a positive whole number, a decade or hundreds whose number is not a multiple of its
 * size, a unit past {@link MAX_YEAR}). A decade numbered by a multiple of 100 (`1900s`) is not a
 * decade: that name belongs to the hundreds.
 *
 * @example
 * unitYears('century', 18, 1) // [1701, 1800]
 * unitYears('century', 5, -1) // [-500, -401]
 * unitYears('decade', 490, -1) // [-499, -490]
 * unitYears('hundreds', 1800, 1) // [1800, 1899]
 * unitYears('decade', 1900, 1) // undefined
 */
export function unitYears(unit: YearUnit, n: number, era: Era): YearRange | undefined {
  const { size, naming } = YEAR_UNITS[unit]
  if (!Number.isInteger(n) || n < 1) return undefined
  if (naming === 'count' && (n % size !== 0 || (unit === 'decade' && n % 100 === 0))) return undefined
  // Distances from the era boundary: the first and last year counted outwards.
  const near = naming === 'count' ? n : (n - 1) * size + 1
  const far = naming === 'count' ? n + size - 1 : n * size
  if (far > MAX_YEAR) return undefined
  return era === 1 ? [near, far] : [-far, -near]
}

/**
 * The number and era of the unit that holds `year` (the inverse of {@link unitYears}), whether
 * or not that unit exists by the rules of `unitYears`.
 *
 * @example
 * unitOf('century', 1863) // { n: 19, era: 1 }
 * unitOf('decade', -495) // { n: 490, era: -1 }
 */
export function unitOf(unit: YearUnit, year: number): { readonly n: number; readonly era: Era } {
  const { size, naming } = YEAR_UNITS[unit]
  const distance = Math.abs(year)
  const n = naming === 'count' ? distance - (distance % size) : Math.ceil(distance / size)
  return { n, era: year < 0 ? -1 : 1 }
}

/**
 * The early, middle or late third of a stretch of years: the first and last thirds are
 * `floor(length / 3)` years long and the middle one takes the rest, so a century splits
 * 33 + 34 + 33 and a decade 3 + 4 + 3.
 *
 * @example
 * thirdOf([1701, 1800], 'early') // [1701, 1733]
 * thirdOf([1940, 1949], 'mid') // [1943, 1946]
 * thirdOf([-500, -401], 'late') // [-433, -401]
 */
export function thirdOf([from, to]: YearRange, third: Third): YearRange {
  const part = Math.floor((to - from + 1) / 3)
  if (third === 'early') return [from, from + part - 1]
  if (third === 'late') return [to - part + 1, to]
  return [from + part, to - part]
}
