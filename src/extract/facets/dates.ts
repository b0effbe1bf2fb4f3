/**
 * The `date` facet: an infobox date field ("1–3 August 1798", "264–241 BC",
 * "15 March 2011 – present") parsed into an interval of partial dates.
 *
 * A tokenizer (`dateTokens.ts`) turns the text into numbers, months, seasons,
 * eras and connectors; a small state machine (`dateAtoms.ts`) groups them into
 * atoms (one date each); here, the gaps of each atom (a range's shared month or
 * year, the era of "264–241 BC", the century of "1942–43") are filled from its
 * neighbours, and the result is the span covering every atom.
 */

import { dateKey, partialDate, type DateInterval, type PartialDate } from '../../core/dateKey.js'
import { readAtoms, type Atom } from './dateAtoms.js'
import { tokenize, type Token } from './dateTokens.js'

/** Only this many leading characters of a date field are looked at. */
const MAX_LENGTH = 500

/**
 * Parses an infobox `date` field into an interval. Never throws; returns `undefined`
 * when the text holds no date, or an impossible one (`31 February 1943`, a year past
 * 10,000 AD or BC). Only the first 500 characters are read; notes in parentheses or
 * brackets (Old Style dates, footnotes, durations) are ignored unless no date is found
 * outside them.
 *
 * @example
 * parseDate('July 1–3, 1863')
 * // { start: { year: 1863, month: 7, day: 1 }, end: { year: 1863, month: 7, day: 3 },
 * //   approximate: false, ongoing: false }
 * parseDate('August/September (Metageitnion), 490 BC')
 * // { start: { year: -490, month: 8 }, end: { year: -490, month: 9 }, approximate: true, ongoing: false }
 * parseDate('15 March 2011 – present')
 * // { start: { year: 2011, month: 3, day: 15 }, end: undefined, approximate: false, ongoing: true }
 */
export function parseDate(text: string): DateInterval | undefined {
  if (typeof text !== 'string') return undefined
  const lowerCase = text.slice(0, MAX_LENGTH).toLowerCase()
  const withoutNotes = lowerCase.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ')
  return toInterval(tokenize(withoutNotes)) ?? toInterval(tokenize(lowerCase))
}

/** The interval of the atoms the tokens make, or `undefined` when there is none or one is no date. */
function toInterval(tokens: readonly Token[]): DateInterval | undefined {
  const { atoms, ongoing } = readAtoms(tokens)
  fillDaysAndShortYears(atoms)
  fillErasAndMonths(atoms)
  fillYears(atoms)

  // The span covering every atom: the earliest start and the latest end of each atom's first and last date
  let start: PartialDate | undefined
  let end: PartialDate | undefined
  for (const [index, atom] of atoms.entries()) {
    const previous = atoms[index - 1]
    // "Winter 1941–42" is one winter
    const winterYears = previous?.season === 12 && !(atom.month || atom.season || atom.lastYear)
    if (winterYears && atom.year === addYear(previous.year, 1)) continue
    const dates = firstAndLastDate(atom)
    if (!dates) return undefined
    for (const date of dates) {
      if (!start || dateKey(date, 'start') < dateKey(start, 'start')) start = date
      if (!end || dateKey(date, 'end') > dateKey(end, 'end')) end = date
    }
  }
  if (!start) return undefined
  // "c. 1274 BC", "1565 or 1566", "1960s", "Summer 1812"
  const hedged = tokens.some((token) => token.kind === 'approximate' || token.kind === 'or')
  const approximate = hedged || atoms.some((atom) => atom.lastYear || atom.season)
  return { start, end: ongoing ? undefined : end, approximate, ongoing }
}

/**
 * Decides each number that is a day or a year by its neighbours ("1–3 August" or "1914–18"), and
 * completes a two-digit year from the year before it ("1942–43").
 */
function fillDaysAndShortYears(atoms: Atom[]): void {
  for (const [index, atom] of atoms.entries()) {
    const previous = atoms[index - 1]
    if (atom.dayOrYear) {
      if (previous?.day || atoms[index + 1]?.day) atom.day = atom.dayOrYear
      else atom.year = atom.dayOrYear
    }
    if (!previous || !atom.year || atom.year >= 100 || previous.year < 100) continue
    // not when either is a span ("1st–2nd centuries") or has its era written: BC years count down ("1250–50 BC")
    if (atom.lastYear || atom.era || previous.lastYear || previous.era) continue
    atom.year += previous.year - (previous.year % 100) // "1942–43": in the century of the year before
    if (atom.year < previous.year) atom.year += 100 // "1999–01": in the next one
  }
}

/** Gives each atom its era and each day its month, from the nearest atom that has one. Years BC become negative. */
function fillErasAndMonths(atoms: Atom[]): void {
  for (const [index, atom] of atoms.entries()) {
    // "264–241 BC": an era not written is the nearest written one (right first), else AD
    const era = atom.era || nearestAtom(atoms, index, (other) => other.era !== 0)?.era || 1
    // "1–3 August", "July 1–3"
    if (atom.day && !atom.month) atom.month = nearestAtom(atoms, index, (other) => other.month !== 0)?.month ?? 0
    // BC years are negative, so a BC span's `lastYear` is its earliest year
    atom.year *= era
    atom.lastYear *= era
  }
}

/** Gives each atom without a year that of the nearest atom with a year and no span ("1–3 August 1798"). */
function fillYears(atoms: Atom[]): void {
  for (const [index, atom] of atoms.entries()) {
    if (atom.year) continue
    const donor = nearestAtom(atoms, index, (other) => other.year !== 0 && other.lastYear === 0)
    if (!donor) continue
    const donorIsAfter = atoms.indexOf(donor) > index
    const month = atom.month || atom.season
    const donorMonth = donor.month || donor.season
    // How much later in the year this date is than the donor's, by month and then day
    const later = month * 100 + atom.day - (donorMonth * 100 + donor.day)
    // "25 December – 1 January 1777": a date later in the year than the one after it is in the year before;
    // "25 December 1776 – 1 January": one earlier in the year than the one before it is in the year after
    const crossesYear = month && donorMonth && (donorIsAfter ? later > 0 : later < 0)
    atom.year = crossesYear ? addYear(donor.year, donorIsAfter ? -1 : 1) : donor.year
  }
}

/** The nearest other atom that `has` something, looking right first ("1–3 August"), then left ("July 1–3"). */
function nearestAtom(atoms: readonly Atom[], index: number, has: (atom: Atom) => boolean): Atom | undefined {
  for (let other = index + 1; other < atoms.length; other++) if (has(atoms[other]!)) return atoms[other]
  for (let other = index - 1; other >= 0; other--) if (has(atoms[other]!)) return atoms[other]
  return undefined
}

/**
 * The first and last date an atom covers: a day, a month or a year is both; a season runs three
 * months, a span from its first year to its last. `undefined` when either is no date.
 */
function firstAndLastDate(atom: Atom): [first: PartialDate, last: PartialDate] | undefined {
  const first = partialDate(atom.year, atom.month || atom.season, atom.day)
  let last = first
  if (atom.lastYear) last = partialDate(atom.lastYear)
  else if (atom.season) {
    // the season's third month, in the next year for winter (December to February)
    const year = atom.season === 12 ? addYear(atom.year, 1) : atom.year
    last = partialDate(year, (atom.season % 12) + 2)
  }
  return first && last && [first, last]
}

/** A year one year on (`step` 1) or back (-1), over the year 0 that does not exist: 1 BC + 1 = AD 1. */
function addYear(year: number, step: 1 | -1): number {
  const sum = year + step
  return sum === 0 ? step : sum
}
