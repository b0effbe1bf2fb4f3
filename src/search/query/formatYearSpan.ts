import { thirdOf, unitOf, unitYears, type Era, type Third, type YearRange, type YearUnit } from './yearUnits.js'

/** Units tried for a whole-unit or third name, largest first. */
const NAMED_UNITS = ['millennium', 'century', 'hundreds', 'decade'] as const satisfies readonly YearUnit[]

/** Units whose runs get a name (`18th–19th centuries`); runs of hundreds are written as years. */
const RUN_UNITS = ['millennium', 'century', 'decade'] as const satisfies readonly YearUnit[]

const THIRDS = ['early', 'mid', 'late'] as const satisfies readonly Third[]

/** Plural of each ordinal unit, for runs. */
const PLURALS = { century: 'centuries', millennium: 'millennia' } as const

/**
 * A readable label for the years `from`..`to` (negative for BC, no year 0), for a filter chip:
 * the label names the years, not the words that were typed, so `1940-1949` and `the 1940s`
 * both read `1940s`. In order of preference:
 *
 * - one year: `1863`, `490 BC`; AD years of other than four digits carry their era (`AD 9`,
 *   `AD 732`, `AD 10000`), as such a number is not read as a year on its own;
 * - a whole millennium, century, hundreds or decade: `3rd millennium BC`, `18th century`,
 *   `1800s` (1800–1899), `1940s`, `490s BC`, `AD 40s`;
 * - the early, middle or late third of one (see `thirdOf`): `early 18th century`, `mid-1940s`;
 * - a run of whole millennia, centuries or decades: `18th–19th centuries`, `1940s–1950s`,
 *   `5th–4th centuries BC`, `1st century BC – 1st century AD`;
 * - otherwise the years: `1939–1945`, `490–480 BC`, `44 BC – AD 14`, `AD 732–1066`.
 *
 * `from` and `to` are swapped when `from > to`. Never throws: a bound that is not a whole,
 * nonzero number is written as it is (`0–5`).
 *
 * @example
 * formatYearSpan(1701, 1800) // '18th century'
 * formatYearSpan(-500, -401) // '5th century BC'
 * formatYearSpan(1939, 1945) // '1939–1945'
 * formatYearSpan(1943, 1946) // 'mid-1940s'
 * formatYearSpan(-44, 14) // '44 BC – AD 14'
 */
export function formatYearSpan(from: number, to: number): string {
  const [first, last] = from > to ? [to, from] : [from, to]
  if (!isYear(first) || !isYear(last)) return first === last ? `${first}` : `${first}–${last}`
  if (first === last) return yearLabel(first, false)
  return unitLabel([first, last]) ?? runLabel([first, last]) ?? rangeLabel([first, last])
}

/** `18th century`, `early 1940s`, … when the span is one unit or a third of one. */
function unitLabel(span: YearRange): string | undefined {
  for (const unit of NAMED_UNITS) {
    const { n, era } = unitOf(unit, span[0])
    const years = unitYears(unit, n, era)
    if (!years) continue
    if (sameRange(years, span)) return unitName(unit, n, era, false)
    const third = THIRDS.find((candidate) => sameRange(thirdOf(years, candidate), span))
    if (third) return thirdName(third, unitName(unit, n, era, false))
  }
  return undefined
}

/** `18th–19th centuries`, `1940s–1950s`, `1st century BC – 1st century AD`, when the span is a run of units. */
function runLabel(span: YearRange): string | undefined {
  for (const unit of RUN_UNITS) {
    const start = unitOf(unit, span[0])
    const end = unitOf(unit, span[1])
    const first = unitYears(unit, start.n, start.era)
    const last = unitYears(unit, end.n, end.era)
    if (!first || !last || first[0] !== span[0] || last[1] !== span[1]) continue
    if (start.era !== end.era) {
      return `${unitName(unit, start.n, start.era, true)} – ${unitName(unit, end.n, end.era, true)}`
    }
    const bc = start.era === -1 ? ' BC' : ''
    if (unit === 'decade') return `${start.n < 100 && !bc ? 'AD ' : ''}${start.n}s–${end.n}s${bc}`
    return `${ordinal(start.n)}–${ordinal(end.n)} ${PLURALS[unit]}${bc}`
  }
  return undefined
}

/** `1939–1945`, `490–480 BC`, `44 BC – AD 14`, `AD 732–1066`. */
function rangeLabel([from, to]: YearRange): string {
  if (to < 0) return `${-from}–${-to} BC`
  if (from < 0) return `${-from} BC – ${yearLabel(to, true)}`
  return from < 1000 || to > 9999 ? `AD ${from}–${to}` : `${from}–${to}`
}

/** `18th century`, `490s BC`, `AD 40s` (a two-digit decade is not read without its era); `markAd`: `1st century AD`. */
function unitName(unit: YearUnit, n: number, era: Era, markAd: boolean): string {
  const counted = unit === 'decade' || unit === 'hundreds'
  const name = counted ? `${n}s` : `${ordinal(n)} ${unit}`
  if (era === -1) return `${name} BC`
  return markAd ? `${name} AD` : counted && n < 100 ? `AD ${name}` : name
}

function thirdName(third: Third, name: string): string {
  return third === 'mid' ? `mid-${name}` : `${third} ${name}`
}

/** `490 BC`, `1863`, `AD 9`, `AD 10000`; `markAd` writes the era of any AD year (`AD 1066`). */
function yearLabel(year: number, markAd: boolean): string {
  if (year < 0) return `${-year} BC`
  return markAd || year < 1000 || year > 9999 ? `AD ${year}` : `${year}`
}

/**
 * `1st`, `2nd`, `3rd`, `11th`, `21st`.
 *
 * @example
 * ordinal(22) // '22nd'
 */
export function ordinal(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}

function isYear(year: number): boolean {
  return Number.isSafeInteger(year) && year !== 0
}

function sameRange(a: YearRange, b: YearRange): boolean {
  return a[0] === b[0] && a[1] === b[1]
}
