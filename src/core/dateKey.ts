/**
 * Dates as the index stores and filters them: partial dates (a year, a month or a day), the
 * interval a date field gives, the sortable key of a date bound, and the parsing of a filter
 * bound. Shared by the builder and the browser runtime; imports nothing.
 */

/** A calendar date that may lack its day, or its month and day. Years are negative for BC; there is no year 0. */
export interface PartialDate {
  readonly year: number
  readonly month?: number
  readonly day?: number
}

/** What a date field says: when the conflict started and ended. */
export interface DateInterval {
  readonly start: PartialDate
  /** The last day (or month, or year) it covers; `undefined` only when `ongoing`. */
  readonly end: PartialDate | undefined
  /** `c.`/`circa`/`about`, `or` alternatives, seasons, decades, centuries, `early`/`mid`/`late`, `?`. */
  readonly approximate: boolean
  /** `– present`, `ongoing`, `since 2011`, a trailing dash (`2011–`). */
  readonly ongoing: boolean
}

/**
 * The latest year AD and the earliest BC (as a positive number) that a date may have. Nothing in an
 * infobox is dated further away ("9999th millennium BC" is not a date), and a histogram by year over
 * ten million years would never finish.
 */
const MAX_YEAR = 10_000

/**
 * Sortable integer for a date bound: `year * 10000 + month * 100 + day`, a missing month
 * or day filled as the earliest (side `start`) or latest (side `end`) possible.
 *
 * @example
 * dateKey({ year: 1863, month: 7 }, 'end') // 18630731
 * dateKey({ year: -490 }, 'start') // -4899899
 */
export function dateKey(date: PartialDate, side: 'start' | 'end'): number {
  const month = date.month || (side === 'end' ? 12 : 1)
  const day = date.day || (side === 'end' ? daysInMonth(month, date.year) : 1)
  return date.year * 10_000 + month * 100 + day
}

/** The smallest and largest keys a date can have (1 January 10,000 BC, 31 December AD 10,000). */
export const minDateKey = dateKey({ year: -MAX_YEAR }, 'start')
export const maxDateKey = dateKey({ year: MAX_YEAR }, 'end')

/** Whether `key` is a key a date can have: an integer from `minDateKey` to `maxDateKey`. */
export function isDateKey(key: unknown): key is number {
  return typeof key === 'number' && Number.isInteger(key) && key >= minDateKey && key <= maxDateKey
}

/**
 * Parses a filter bound: a year number (negative for BC), or a string `YYYY`, `-YYYY`
 * (BC), `YYYY-MM` or `YYYY-MM-DD`. Returns `undefined` when it is not a valid date.
 *
 * @example
 * parseDateBound('2021-02') // { year: 2021, month: 2 }
 * parseDateBound(-490) // { year: -490 }
 * parseDateBound('1943-02-31') // undefined
 */
export function parseDateBound(value: number | string): PartialDate | undefined {
  // A number is read as its decimal form, so fractions, NaN and infinities do not match.
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
  // A month or day is one or two digits and not 0; `partialDate` checks that it exists (and a year up to 10,000).
  const match = /^(?<year>-?\d{1,5})(?:-(?<month>0?[1-9]|[1-9]\d)(?:-(?<day>0?[1-9]|[1-9]\d))?)?$/.exec(text)
  const parts = match?.groups
  if (!parts) return undefined
  return partialDate(Number(parts.year), Number(parts.month ?? 0), Number(parts.day ?? 0))
}

/**
 * The partial date of a year, a month (0 for none) and a day (0 for none), or `undefined` when
 * there is no such date: year 0, a year past 10,000 AD or BC, month 13, 30 February, or a day
 * without a month.
 *
 * @example
 * partialDate(1863, 7) // { year: 1863, month: 7 }
 * partialDate(-490, 2, 29) // undefined: 490 BC was no leap year
 */
export function partialDate(year: number, month = 0, day = 0): PartialDate | undefined {
  if (!year || Math.abs(year) > MAX_YEAR || month > 12) return undefined
  if (day && (!month || day > daysInMonth(month, year))) return undefined
  if (day) return { year, month, day }
  return month ? { year, month } : { year }
}

/**
 * Days in a month (1–12) of a year; 29 February in every fourth year, as the Julian calendar of
 * older dates has it.
 *
 * @example
 * daysInMonth(2, 1944) // 29
 * daysInMonth(9, 1944) // 30
 */
export function daysInMonth(month: number, year: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31 // thirty days hath September, April, June and November
}

/** Every fourth year: AD 4, 8…, and 1 BC, 5 BC… (which are the years 0, -4… of a calendar with a year 0). */
function isLeapYear(year: number): boolean {
  return (year < 0 ? year + 1 : year) % 4 === 0
}
