import { LEAD_WORDS, LIST_WORDS, RANGE_WORDS, wordIn } from './dateWords.js'
import { formatYearSpan } from './formatYearSpan.js'
import { atomYears, isEralessStart, parseAtom, type TimeAtom } from './timeAtom.js'
import { tokenizeQuery, type QueryToken } from './tokenizeQuery.js'
import type { YearRange } from './yearUnits.js'

/** A stretch of a query that names a time. */
export interface DateSpan {
  /** Character offsets in the query: `text === query.slice(start, end)`. */
  readonly start: number
  readonly end: number
  /** First and last year covered; negative for BC, never 0. */
  readonly from: number
  readonly to: number
  /** `formatYearSpan(from, to)`: `1863`, `490 BC`, `1939–1945`, `1480s`, `18th century`, `3rd millennium BC`. */
  readonly label: string
  /** The words of the query it came from. */
  readonly text: string
}

export interface RecognizeDatesOptions {
  /**
   * The latest year a number without an era may name: `2077` and `5000 soldiers` are not years.
   * Default: the current year (UTC). Pass it to make recognition a pure function of the query.
   */
  readonly currentYear?: number
}

type Lead = (typeof LEAD_WORDS)[keyof typeof LEAD_WORDS]

interface Context {
  readonly tokens: readonly QueryToken[]
  readonly currentYear: number
}

/** A time found in the tokens: its first token, the token after it, and its years. */
interface Found {
  readonly first: number
  readonly next: number
  readonly years: YearRange
}

/**
 * The spans of a search query that name a time, in order, never overlapping. Never throws;
 * linear in the query's length, of which only the first 500 characters are read.
 *
 * - **Years**: `1863`, `490 BC`, `490 bce`, `490 B.C.`, `490bc`, `AD 9`, `9 AD`, `9 CE`. A number
 *   with an era is a year from 1 to 10,000. Without one, a number is a year when it has four
 *   digits, from 1000 to `currentYear`, and no designator stands before it (`Resolution 1973`,
 *   `Flight 1549`); or three digits after `in`, `year`, `c.`, `ca.`, `circa` or `anno`
 *   (`in 732`). Shorter numbers need an era (`Route 66`, `Apollo 11`, `World War 2`, `Boeing 747`,
 *   `Hill 60` are not years).
 * - **Ranges**: `1939-1945`, `1939–45`, `1914/18`, `1939 to 1945` (`until`, `till`, `through`),
 *   `from 1939 to 1945`, `between 1939 and 1945`, `490–480 BC`, `44 BC – AD 14`, `18th–19th
 *   centuries`, `18th and 19th centuries`, `5th–4th century BC`, `1940s–50s`. An end without an
 *   era takes the other end's; a two-digit second end after a first of three or four digits
 *   completes the first one's century (`1939–45`, `1863–65 AD`), or the next one's after a year
 *   ending in 90–99 (`1998–02`), except in BC (`300–50 BC` is as written). The span covers both
 *   ends (reversed ends are put in order).
 * - **Decades**: `1480s`, `1940s`, `1940's`, `the 1940s`, `490s BC`; `'40s` is the 1940s (an
 *   apostrophe stands for `19`); a bare `40s` is not a decade (ages, temperatures). A number
 *   ending in `00s` names a hundred years (`the 1800s` is 1800–1899) unless they would end after
 *   `currentYear` (`the 2000s` is 2000–2009).
 * - **Centuries and millennia**, in digits or words, with or without era: `18th century`,
 *   `18th-century`, `18th c.`, `5th century BC`, `first century bc`, `twelfth century`,
 *   `twenty-first century`, `3rd millennium BC`. An ordinal without one of these words after it
 *   is not a date (`Sixth Army`, `1st Marines`, `101st Airborne`, `2nd Battalion`).
 * - **early / mid / late** narrow a decade, hundreds, century or millennium to its first,
 *   middle or last third (`early 18th century` is 1701–1733, `mid-1940s` 1943–1946); before a
 *   year they are not part of the span.
 *
 * A number glued to letters or signs is a code or an amount, never a date: `U571`, `U-571`,
 * `pre-1900`, `B-52`, `#1863`, `50%`, `1,863`, `10:30`; the glued suffixes `st`/`nd`/`rd`/`th`,
 * `s`, `'s` and an era (`490bc`) are read, and `early-`, `mid-`, `late-` may precede. A number
 * right after `1939-` is only ever the end of a range: in `1939-09-01`, `1939` is a year and the
 * rest is text.
 *
 * @example
 * recognizeDateSpans('1st century bc naval battle')
 * // [{ start: 0, end: 14, from: -100, to: -1, label: '1st century BC', text: '1st century bc' }]
 * recognizeDateSpans('battles between 1939 and 45', { currentYear: 2025 })
 * // [{ start: 8, end: 27, from: 1939, to: 1945, label: '1939–1945', text: 'between 1939 and 45' }]
 * recognizeDateSpans('Apollo 11 and Route 66') // []
 */
export function recognizeDateSpans(query: string, options: RecognizeDatesOptions = {}): readonly DateSpan[] {
  if (typeof query !== 'string') return []
  const tokens = tokenizeQuery(query)
  const context = { tokens, currentYear: options.currentYear ?? new Date().getUTCFullYear() }
  const spans: DateSpan[] = []
  for (let i = 0; i < tokens.length;) {
    const found = timeAt(context, i)
    if (!found) {
      i++
      continue
    }
    const start = tokens[found.first]!.start
    const end = tokens[found.next - 1]!.end
    const [from, to] = found.years
    spans.push({ start, end, from, to, label: formatYearSpan(from, to), text: query.slice(start, end) })
    i = found.next
  }
  return spans
}

/** The time starting at token `i`, with its lead word (`the`, `from`, `between`) if it has one. */
function timeAt(context: Context, i: number): Found | undefined {
  const token = context.tokens[i]
  const lead = token?.kind === 'word' ? wordIn(LEAD_WORDS, token.word) : undefined
  const found = timeFrom(context, lead ? i + 1 : i, lead)
  return found && lead ? { first: i, next: found.next, years: found.years } : found
}

function timeFrom(context: Context, i: number, lead: Lead | undefined): Found | undefined {
  const { tokens, currentYear } = context
  const left = parseAtom(tokens, i, false)
  if (!left) return undefined
  const range = rangeFrom(context, left, lead)
  if (range || lead === 'from' || lead === 'between') return range
  if (!left.unit || (lead === 'the' && left.unit === 'year')) return undefined
  if (!left.era && !isEralessStart(tokens, left, left.unit, currentYear)) return undefined
  const years = atomYears(left, left.unit, left.era || 1, currentYear)
  return years && { first: left.first, next: left.next, years }
}

/** `left` as the first end of a range, if a connector and a second end follow it. */
function rangeFrom(context: Context, left: TimeAtom, lead: Lead | undefined): Found | undefined {
  const { tokens, currentYear } = context
  if (!joins(tokens, left, lead)) return undefined
  const right = parseAtom(tokens, left.next + 1, true)
  if (!right?.unit) return undefined
  const unit = left.unit ?? (left.ordinal && right.ordinal ? right.unit : undefined)
  if (!unit || (lead === 'the' && unit === 'year')) return undefined
  const era = left.era || right.era
  // `1939–45`, `1863–65 AD`; not `300–50 BC`, which are years as written
  const second = era === -1 ? right : (completed(left, right) ?? right)
  if (!era) {
    if (!isEralessStart(tokens, left, unit, currentYear)) return undefined
    const counted = second.unit === 'year' || second.unit === 'decade'
    if (counted && (second.digits < 3 || second.value < 100 || second.value > currentYear)) return undefined
  }
  const first = atomYears(left, unit, left.era || era || 1, currentYear)
  const last = atomYears(second, right.unit, right.era || era || 1, currentYear)
  if (!first || !last) return undefined
  return { first: left.first, next: right.next, years: [Math.min(first[0], last[0]), Math.max(first[1], last[1])] }
}

/** Whether the token after `left` joins it to a second end: a dash, a glued `/`, `to`…, `and`/`or` where allowed. */
function joins(tokens: readonly QueryToken[], left: TimeAtom, lead: Lead | undefined): boolean {
  const connector = tokens[left.next]
  if (!connector) return false
  const word = connector.kind === 'word' ? connector.word : undefined
  if (lead === 'between') return word === 'and'
  if (connector.kind === 'dash' || wordIn(RANGE_WORDS, word)) return true
  if (connector.kind === 'slash') {
    return tokens[left.next - 1]?.end === connector.start && tokens[left.next + 1]?.start === connector.end
  }
  return wordIn(LIST_WORDS, word) === true && !left.unit && lead !== 'from'
}

/** A two-digit second end in the first end's century: `1939–45` is 1945, `1998–02` 2002, `1940s–50s` 1950s. */
function completed(left: TimeAtom, right: TimeAtom): TimeAtom | undefined {
  if (right.digits > 2 || right.ordinal || right.unit !== left.unit || left.digits < 3) return undefined
  let value = left.value - (left.value % 100) + right.value
  if (value < left.value) {
    if (left.value % 100 < 90) return undefined
    value += 100
  }
  const { first, next, unit, ordinal, era, third } = right
  return { first, next, unit, ordinal, value, digits: 4, era, third }
}
