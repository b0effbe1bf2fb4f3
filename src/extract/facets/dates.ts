/**
 * The `date` facet: an infobox date field ("1–3 August 1798", "264–241 BC",
 * "15 March 2011 – present") parsed into an interval of partial dates.
 *
 * A tokenizer turns the text into numbers, months, seasons, eras and
 * connectors; a small state machine groups them into atoms (one date each);
 * the gaps of each atom (a range's shared month or year, the era of
 * "264–241 BC", the century of "1942–43") are filled from its neighbours;
 * the result is the span covering every atom.
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

/** Only this many leading characters of a date field are looked at. */
const MAX_LENGTH = 500

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
] as const

/** Seasons in order; each spans three months, spring from March. */
const SEASONS = ['spring', 'summer', 'autumn', 'winter'] as const

/**
 * Token kind → the words of that kind. B/A: BC/AD era; `/`: alternative; `&`: list;
 * `-`: range; `?`: approximate; `p`: ongoing; `c`: century; `M`: millennium; `d`: duration (its number is not a date).
 */
const WORDS = {
  B: 'bc bce', A: 'ad ce', '/': 'or', '&': 'and', '-': 'to until till through thru',
  '?': 'c ca circa about around approx approximately probably possibly perhaps likely reportedly traditionally early mid middle late end beginning',
  p: 'present ongoing now today since', c: 'century centuries', M: 'millennium millennia',
  d: 'day days week weeks month months year years hour hours',
} as const satisfies Readonly<Record<string, string>>

/** A token: its kind (a WORDS key, or n number, i ISO date, m month, s season), value and number suffix. */
interface Token {
  readonly kind: string
  readonly value: number
  readonly suffix: string
}

/**
 * One date under construction; 0 means unset. `bare` is a number that is a day or a year
 * depending on its neighbours ("1–3 August" or "1914–18"); `era` is -1 BC, 1 AD; `span` is
 * 1 century, 2 decade or 3 millennium, whose years become `year`..`last`; `season` is a
 * season's first month.
 */
interface Atom { day: number; month: number; year: number; last: number; bare: number; era: number; span: number; season: number }

/**
 * Parses an infobox `date` field into an interval. Never throws; returns `undefined`
 * when the text holds no date, or an impossible one (`31 February 1943`). Only the first
 * 500 characters are read; notes in parentheses or brackets (Old Style dates, footnotes,
 * durations) are ignored unless no date is found outside them.
 *
 * @example
 * parseDate('July 1–3, 1863')
 * // { start: { year: 1863, month: 7, day: 1 }, end: { year: 1863, month: 7, day: 3 }, approximate: false, ongoing: false }
 * parseDate('August/September (Metageitnion), 490 BC')
 * // { start: { year: -490, month: 8 }, end: { year: -490, month: 9 }, approximate: true, ongoing: false }
 * parseDate('15 March 2011 – present')
 * // { start: { year: 2011, month: 3, day: 15 }, end: undefined, approximate: false, ongoing: true }
 */
export function parseDate(text: string): DateInterval | undefined {
  if (typeof text != 'string') return undefined
  const s = text.slice(0, MAX_LENGTH).toLowerCase()
  return interval(tokenize(s.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' '))) ?? interval(tokenize(s))
}

/**
 * Sortable integer for a date bound: `year * 10000 + month * 100 + day`, a missing month
 * or day filled as the earliest (side `start`) or latest (side `end`) possible.
 *
 * @example
 * dateKey({ year: 1863, month: 7 }, 'end') // 18630731
 * dateKey({ year: -490 }, 'start') // -4899899
 */
export function dateKey(date: PartialDate, side: 'start' | 'end'): number {
  const end = side == 'end'
  const month = date.month || (end ? 12 : 1)
  return date.year * 1e4 + month * 100 + (date.day || (end ? daysIn(month, date.year) : 1))
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
  if (typeof value == 'number') return Number.isInteger(value) && value && Math.abs(value) < 1e4 ? { year: value } : undefined
  const match = /^(-?)(\d{1,4})(?:-(\d\d?)(?:-(\d\d?))?)?$/.exec(typeof value == 'string' ? value.trim() : '')
  if (!match) return undefined
  const year = +(match[1]! + match[2]!)
  const month = +(match[3] ?? 0)
  const day = +(match[4] ?? 0)
  const valid = year && (!match[3] || (month && month < 13)) && (!match[4] || (day && day <= daysIn(month, year)))
  return valid ? partial(year, month, day) : undefined
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = []
  const push = (kind: string, value = 0, suffix = '') => tokens.push({ kind, value, suffix })
  // ISO date | time or numeric date (skipped) | number | word | sign
  const re = /(\d{4})-(\d\d)-(\d\d)|\d+:\d\d|\d+([/.])\d+\4\d+|(\d+)(st|nd|rd|th|['’]?s)?|(\p{L}[\p{L}.]*)-?|([-‐‑–—‒―−~/?;&\n])/gu
  for (const [, y, m, d, , num, suffix, word, sign] of s.matchAll(re)) {
    if (y) push('i', +y * 1e4 + +m! * 100 + +d!)
    else if (num) {
      if (+num && num.length < 5) push('n', +num, suffix)
    } else if (word) {
      const w = word.replace(/\./g, '')
      const month = w.length > 2 ? MONTHS.findIndex((name) => name.startsWith(w)) + 1 : 0
      const season = SEASONS.findIndex((name) => name == (w == 'fall' ? 'autumn' : w)) * 3 + 3
      const kind = month ? 'm' : season ? 's' : Object.keys(WORDS).find((k) => WORDS[k as keyof typeof WORDS].split(' ').includes(w))
      if (kind) push(kind, month || season)
      // "2011 – unknown" is not open-ended: an unknown word after a dash closes the range
      else if (tokens.at(-1)?.kind == '-') tokens[tokens.length - 1] = { kind: '&', value: 0, suffix: '' }
    } else if (sign) push(sign == '/' || sign == '&' ? sign : '?~'.includes(sign) ? '?' : ';\n'.includes(sign) ? ';' : '-')
  }
  return tokens
}

function interval(tokens: readonly Token[]): DateInterval | undefined {
  const { atoms, approximate, ongoing } = group(tokens)
  fill(atoms)
  let start: PartialDate | undefined
  let end: PartialDate | undefined
  for (const [i, a] of atoms.entries()) {
    const p = atoms[i - 1]
    // "Winter 1941–42" is one winter
    if (p?.season == 12 && !(a.month || a.season || a.span) && a.year == addYears(p.year, 1)) continue
    if (!a.year || a.month > 12 || (a.day && (!a.month || a.day > daysIn(a.month, a.year)))) return undefined
    const first = partial(a.year, a.month || a.season, a.day)
    const last = a.span
      ? partial(a.last)
      : a.season
        ? partial(a.season == 12 ? addYears(a.year, 1) : a.year, a.season == 12 ? 2 : a.season + 2)
        : first
    if (!start || dateKey(first, 'start') < dateKey(start, 'start')) start = first
    if (!end || dateKey(last, 'end') > dateKey(end, 'end')) end = last
  }
  const vague = approximate || atoms.some((a) => a.span || a.season)
  return start && end && { start, end: ongoing ? undefined : end, approximate: vague, ongoing }
}

/** The state machine: tokens → atoms, each holding what the text says of one date. */
function group(tokens: readonly Token[]): { atoms: Atom[]; approximate: boolean; ongoing: boolean } {
  const atoms: Atom[] = []
  const blank = (): Atom => ({ day: 0, month: 0, year: 0, last: 0, bare: 0, era: 0, span: 0, season: 0 })
  let a = blank()
  let era = 0 // "AD 9": an era waiting for its year
  let approximate = false
  let ongoing = false
  let open = false // a range dash with nothing after it yet: "2011–"
  const flush = () => {
    if (a.day || a.month || a.year || a.bare || a.season) {
      atoms.push(a)
      a = blank()
    }
  }
  const bareIsDay = () => {
    if (a.bare) a.day = a.bare
    a.bare = 0
  }
  const setYear = (year: number) => {
    if (a.year) flush()
    bareIsDay() // "July 1–3, 1863"
    a.year = year
    a.era = era
    era = 0
  }

  for (let i = 0; i < tokens.length; i++) {
    const { kind, value, suffix } = tokens[i]!
    const next = tokens[i + 1]?.kind ?? ''
    if (kind == 'n') {
      // "12th century", "15th–16th centuries", "3rd millennium BC", "1960s"
      const spanOf = (k: string) => (next == k || ('-&/'.includes(next) && tokens[i + 2]?.kind == 'n' && tokens[i + 3]?.kind == k)) && k
      const span = spanOf('c') || spanOf('M') || (suffix.endsWith('s') && 's')
      if (next == 'd') i++ // "(3 years, 1 month and 2 days)"
      else if (span) {
        flush()
        setYear(value)
        a.span = ' csM'.indexOf(span)
        if (next == span) i++
      } else if (era || value > 31 || next == 'B' || next == 'A') setYear(value)
      else if (a.month && !a.day && !a.year && next != 'm') a.day = value // "July 1"
      else if (suffix || next == 'm') {
        flush() // "1 July", "3rd of June"
        a.day = value
      } else if (a.day && !a.year) setYear(value) // "2 September 31 BC"
      else {
        flush()
        a.bare = value
      }
    } else if (kind == 'i') {
      flush()
      a.year = Math.floor(value / 1e4)
      a.month = Math.floor(value / 100) % 100
      a.day = value % 100
    } else if (kind == 'm') {
      if (a.month || a.year || a.season) flush()
      bareIsDay()
      a.month = value
    } else if (kind == 's') {
      // "Summer 1812", "summer 9 AD", "spring–summer 1812"; not "Fall of Saigon, 30 April"
      const after = tokens[i + 1]
      if (after && ('-/&'.includes(after.kind) || (after.kind == 'n' && (after.value > 31 || 'BA'.includes(tokens[i + 2]?.kind || '_'))))) {
        flush()
        a.season = value
      }
    } else if (kind == 'B' || kind == 'A') {
      if (a.year && !a.era) a.era = kind == 'B' ? -1 : 1
      else era = kind == 'B' ? -1 : 1
    } else if ('-/&;'.includes(kind)) {
      flush()
      if (kind == '/') approximate = true
      if (kind == ';' && open) ongoing = true
    } else if (kind == '?') approximate = true
    else if (kind == 'p') ongoing = true
    open = kind == '-' && atoms.length > 0
  }
  flush()
  return { atoms, approximate, ongoing: ongoing || open }
}

/** Completes each atom from its neighbours: bare numbers, short years, eras, months, years. */
function fill(atoms: Atom[]): void {
  /** The nearest atom that `has` it, looking right first ("1–3 August"), then left ("July 1–3"). */
  const near = (i: number, has: (b: Atom) => number | boolean): number => {
    for (let j = i + 1; j < atoms.length; j++) if (has(atoms[j]!)) return j
    for (let j = i - 1; j >= 0; j--) if (has(atoms[j]!)) return j
    return -1
  }
  atoms.forEach((a, i) => {
    const p = atoms[i - 1]
    if (a.bare) {
      if (p?.day || atoms[i + 1]?.day) a.day = a.bare // "1–3 August"
      else a.year = a.bare
    }
    if (p && a.year && a.year < 100 && !a.span && !a.era && !p.era && !p.span && p.year > 99) {
      a.year += p.year - (p.year % 100) // "1942–43"
      if (a.year < p.year) a.year += 100
    }
  })
  atoms.forEach((a, i) => {
    if (a.year && !a.era) a.era = atoms[near(i, (b) => b.era)]?.era ?? 1 // "264–241 BC"
  })
  atoms.forEach((a, i) => {
    if (a.span) {
      const size = a.span == 1 ? 100 : a.span == 2 ? 10 : 1000
      const first = a.span == 2 ? a.year : (a.year - 1) * size + 1
      const last = first + size - 1
      ;[a.year, a.last] = a.era < 0 ? [-last, -first] : [first, last]
    } else if (a.era < 0) a.year = -a.year
    if (a.day && !a.month) a.month = atoms[near(i, (b) => b.month)]?.month ?? 0
  })
  atoms.forEach((a, i) => {
    const j = a.year ? -1 : near(i, (b) => b.year && !b.span)
    const b = atoms[j]
    if (!b) return
    a.year = b.year
    // "25 December – 1 January 1777": a borrowed year is one before (or after) when the months say so
    const am = a.month || a.season
    const bm = b.month || b.season
    const later = am * 100 + a.day - bm * 100 - b.day
    if (am && bm && (j > i ? later > 0 : later < 0)) a.year = addYears(a.year, j > i ? -1 : 1)
  })
}

function partial(year: number, month = 0, day = 0): PartialDate {
  return day ? { year, month, day } : month ? { year, month } : { year }
}

/** Adds years, skipping the year 0 that does not exist (1 BC + 1 = AD 1). */
function addYears(year: number, n: number): number {
  return year + n || n
}

/** Days in a month; 29 February in every fourth year, as the Julian calendar of older dates has it. */
function daysIn(month: number, year: number): number {
  return month == 2 ? ((year < 0 ? year + 1 : year) % 4 ? 28 : 29) : 30 + ((month + (month >> 3)) & 1)
}
