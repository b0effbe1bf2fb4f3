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

import { dateKey, partialDate, type DateInterval, type PartialDate } from '../../core/dateKey.js'

export { dateKey, parseDateBound } from '../../core/dateKey.js'
export type { DateInterval, PartialDate } from '../../core/dateKey.js'

/** Only this many leading characters of a date field are looked at. */
const MAX_LENGTH = 500

/** Month names; a word of three letters or more that begins one (`Sept.`, `Aug`) names that month. */
const MONTHS = 'january february march april may june july august september october november december'.split(' ')

/**
 * The kinds of the words and signs of WORDS, one per group: `KINDS[g - 1]` is the kind of group `g`.
 * s: season (group 1–4; the token value, `g * 3`, is its first month); B/A: BC/AD era;
 * `/`: alternative; `&`: list; `-`: range; `;`: separator; `?`: approximate; `p`: ongoing;
 * `c`: century; `M`: millennium; `d`: duration (its number is not a date).
 */
const KINDS = 'ssssBA/&;-?pcMd'
const WORDS = /^(?:(spring)|(summer)|(autumn|fall)|(winter)|(bce?)|(ad|ce)|(\/|or)|(&|and)|(;|\n)|([-‐-―−]|to|until|till|through|thru)|([?~]|ca?|circa|about|around|approx(?:imately)?|probably|possibly|perhaps|likely|reportedly|traditionally|early|mid(?:dle)?|late|end|beginning)|(present|ongoing|now|today|since)|(centur(?:y|ies))|(millenni(?:um|a))|((?:day|week|month|year|hour)s?))$/

/** A token: its kind (a KINDS letter or sign, or n number, i ISO date, m month), value and number suffix. */
interface Token {
  readonly kind: string
  /** A number, an ISO date as `yyyymmdd`, a month or season's (first) month. */
  readonly value: number
  readonly suffix: string
}

/**
 * One date under construction; 0 means unset. `bare` is a number that is a day or a year
 * depending on its neighbours ("1–3 August" or "1914–18"); `era` is -1 BC, 1 AD as written
 * (unset when the era must be inferred); `last` is set only for a decade, century or
 * millennium, whose years are `year`..`last`; `season` is a season's first month.
 */
interface Atom { day: number; month: number; year: number; last: number; bare: number; era: number; season: number }

/**
 * Parses an infobox `date` field into an interval. Never throws; returns `undefined`
 * when the text holds no date, or an impossible one (`31 February 1943`, a year past
 * 10,000 AD or BC). Only the first 500 characters are read; notes in parentheses or
 * brackets (Old Style dates, footnotes, durations) are ignored unless no date is found
 * outside them.
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

function tokenize(s: string): Token[] {
  const tokens: Token[] = []
  const push = (kind: string, value = 0, suffix = '') => tokens.push({ kind, value, suffix })
  // ISO date | time or numeric date (skipped) | number | word | sign (‐-― is U+2010–U+2015)
  const re = /(\d{4})-(\d\d)-(\d\d)|\d+:\d\d|\d+([/.])\d+\4\d+|(\d+)(st|nd|rd|th|['’]?s)?|(\p{L}[\p{L}.]*)-?|([-‐-―−~/?;&\n])/gu
  for (const [, y, m, d, , num, suffix, word, sign] of s.matchAll(re)) {
    const w = (word ?? sign)?.replace(/\./g, '')
    if (y) push('i', +(y + m + d))
    else if (num) {
      if (+num && num.length < 5) push('n', +num, suffix)
    } else if (w) {
      const month = w.length > 2 ? MONTHS.findIndex((name) => name.startsWith(w)) + 1 : 0
      // the group that matched is the one whose text is the whole word
      const group = WORDS.exec(w)?.indexOf(w, 1) ?? 0
      const kind = month ? 'm' : KINDS[group - 1]
      if (kind) push(kind, month || group * 3)
      // "2011 – unknown" is not open-ended: an unknown word after a dash closes the range
      else if (tokens.at(-1)?.kind == '-') tokens.pop(), push('&')
    }
  }
  push(';') // the end separates like a `;`
  return tokens
}

function interval(tokens: readonly Token[]): DateInterval | undefined {
  const kinds = tokens.map((t) => t.kind).join('')
  const [atoms, ongoing] = group(tokens, kinds)
  /** The nearest atom that `has` it, looking right first ("1–3 August"), then left ("July 1–3"). */
  const near = (i: number, has: (b: Atom) => unknown) => [...atoms.slice(i + 1), ...atoms.slice(0, i).reverse()].find(has)

  // Complete each atom from its neighbours: bare numbers and short years first, then eras and months
  atoms.forEach((a, i) => {
    const p = atoms[i - 1]
    if (a.bare) {
      if (p?.day || atoms[i + 1]?.day) a.day = a.bare // "1–3 August"
      else a.year = a.bare
    }
    if (p && a.year && a.year < 100 && p.year > 99 && !(a.last || a.era || p.last || p.era)) {
      a.year += p.year - (p.year % 100) // "1942–43"
      if (a.year < p.year) a.year += 100
    }
  })
  atoms.forEach((a, i) => {
    // "264–241 BC": an era not written is the nearest written one (right first), else AD
    const era = a.era || near(i, (b) => b.era)?.era || 1
    if (a.day && !a.month) a.month = near(i, (b) => b.month)?.month ?? 0
    // BC years are negative (so a BC span's `last` is its earliest year)
    a.year *= era
    a.last *= era
  })

  // The span covering every atom: the earliest start and latest end of each atom's first and last date
  let start: PartialDate | undefined
  let end: PartialDate | undefined
  for (const [i, a] of atoms.entries()) {
    const b = !a.year && near(i, (b) => b.year && !b.last)
    if (b) {
      // "25 December – 1 January 1777": a borrowed year is one before (or after) when the months say so
      const step = atoms.indexOf(b) > i ? -1 : 1
      const am = a.month || a.season
      const bm = b.month || b.season
      const later = am * 100 + a.day - bm * 100 - b.day
      a.year = am && bm && later * step < 0 ? addYears(b.year, step) : b.year
    }
    const p = atoms[i - 1]
    // "Winter 1941–42" is one winter
    if (p?.season == 12 && !(a.month || a.season || a.last) && a.year == addYears(p.year, 1)) continue
    const first = partialDate(a.year, a.month || a.season, a.day)
    const last = a.last
      ? partialDate(a.last)
      : a.season // the season's third month, in the next year for winter
        ? partialDate(addYears(a.year, +(a.season == 12)), a.season % 12 + 2)
        : first
    if (!first || !last) return undefined
    for (const date of [first, last]) {
      if (!start || dateKey(date, 'start') < dateKey(start, 'start')) start = date
      if (!end || dateKey(date, 'end') > dateKey(end, 'end')) end = date
    }
  }
  const approximate = /[?/]/.test(kinds) || atoms.some((a) => a.last || a.season)
  return start && { start, end: ongoing ? undefined : end, approximate, ongoing }
}

/**
 * The state machine: tokens (and their kinds as a string, for looking ahead) → atoms, each
 * holding what the text says of one date; and whether the text says the dates are ongoing.
 */
function group(tokens: readonly Token[], kinds: string): [atoms: Atom[], ongoing: boolean] {
  const atoms: Atom[] = []
  const blank = (): Atom => ({ day: 0, month: 0, year: 0, last: 0, bare: 0, era: 0, season: 0 })
  let a = blank()
  let era = 0 // "AD 9": an era waiting for its year
  let ongoing = kinds.includes('p')
  const flush = () => {
    if (a.day || a.month || a.year || a.bare || a.season) atoms.push(a), (a = blank())
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
    const after = kinds.slice(i + 1)
    const next = after[0]
    if (kind == 'n') {
      // "12th century", "15th–16th centuries", "3rd millennium BC", "1960s"
      const span = /^(?:[-&/]n)?([cM])/.exec(after)?.[1] || (suffix.endsWith('s') && 's')
      if (next == 'd') i++ // "(3 years, 1 month and 2 days)"
      else if (span) {
        // "1960s" 1960–1969, "5th century" 401–500, "3rd millennium" 2001–3000
        const size = span == 's' ? 10 : span == 'c' ? 100 : 1000
        const last = size == 10 ? value + 9 : value * size
        flush()
        setYear(last - size + 1)
        a.last = last
        if (next == span) i++ // the unit word; after a decade, a season word
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
      a.year = (value / 1e4) | 0
      a.month = (value / 100) % 100 | 0
      a.day = value % 100
    } else if (kind == 'm') {
      if (a.month || a.year || a.season) flush()
      bareIsDay()
      a.month = value
    } else if (kind == 's') {
      // "Summer 1812", "summer 9 AD", "spring–summer 1812"; not "Fall of Saigon, 30 April"
      if (/^([-/&]|n[BA])/.test(after) || (next == 'n' && tokens[i + 1]!.value > 31)) {
        flush()
        a.season = value
      }
    } else if (kind == 'B' || kind == 'A') {
      if (a.year && !a.era) a.era = kind == 'B' ? -1 : 1
      else era = kind == 'B' ? -1 : 1
    } else if ('-/&;'.includes(kind)) {
      flush()
      // a dash with a date before it and nothing after it: "2011–", "2011–; …"
      if (kind == '-' && next == ';' && atoms.length) ongoing = true
    }
  }
  return [atoms, ongoing]
}

/** Adds years, skipping the year 0 that does not exist (1 BC + 1 = AD 1). */
function addYears(year: number, n: number): number {
  return year + n || n
}
