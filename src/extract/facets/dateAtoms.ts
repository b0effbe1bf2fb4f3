/**
 * The state machine of the date parser (see `dates.ts`): tokens → atoms, one date each, holding
 * what the text says of it; `dates.ts` fills their gaps from their neighbours.
 */

import type { Token } from './dateTokens.js'

/** Decades, centuries and millennia: a number followed by `s`, by `century` or by `millennium`. */
type Span = 'decade' | 'century' | 'millennium'

const SPAN_YEARS = { decade: 10, century: 100, millennium: 1000 } as const satisfies Record<Span, number>

/**
 * One date under construction; 0 means unset. `dayOrYear` is a number that is a day or a year
 * depending on its neighbours ("1–3 August" or "1914–18"); `era` is -1 BC, 1 AD as written
 * (unset when the era must be inferred); `lastYear` is set only for a decade, century or
 * millennium, whose years are `year`..`lastYear`; `season` is a season's first month.
 */
export interface Atom {
  day: number
  month: number
  year: number
  lastYear: number
  dayOrYear: number
  era: number
  season: number
}

/**
 * Groups the tokens into atoms, each holding what the text says of one date, and tells whether
 * the text says the dates are ongoing (`present`, `since`, a dash at the end).
 */
export function readAtoms(tokens: readonly Token[]): { atoms: Atom[]; ongoing: boolean } {
  const atoms: Atom[] = []
  let atom = emptyAtom()
  let pendingEra = 0 // "AD 9": an era written before its year
  let ongoing = tokens.some((token) => token.kind === 'ongoing')
  /** Ends the atom under construction, if it holds anything, and starts the next. */
  const flush = () => {
    if (atom.day || atom.month || atom.year || atom.dayOrYear || atom.season) {
      atoms.push(atom)
      atom = emptyAtom()
    }
  }
  /** A number before a month or a year is a day ("July 1–3, 1863"). */
  const dayOrYearIsDay = () => {
    if (atom.dayOrYear) atom.day = atom.dayOrYear
    atom.dayOrYear = 0
  }
  const setYear = (year: number) => {
    if (atom.year) flush()
    dayOrYearIsDay()
    atom.year = year
    atom.era = pendingEra
    pendingEra = 0
  }

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!
    const next = tokens[index + 1]
    switch (token.kind) {
      case 'number': {
        const { value, suffix } = token
        const span = centuryOrMillennium(tokens, index) ?? (suffix.endsWith('s') ? 'decade' : undefined)
        if (next?.kind === 'duration')
          index++ // "(3 years, 1 month and 2 days)": skip the number and its unit
        else if (span) {
          // "1960s" is 1960–1969, "5th century" 401–500, "3rd millennium" 2001–3000
          const years = SPAN_YEARS[span]
          const firstYear = span === 'decade' ? value : (value - 1) * years + 1
          flush()
          setYear(firstYear)
          atom.lastYear = firstYear + years - 1
          // the unit word goes with the number; after a decade, so does a season word ("1960s summer" is the 1960s)
          if (next?.kind === (span === 'decade' ? 'season' : span)) index++
        } else if (pendingEra || value > 31 || next?.kind === 'bc' || next?.kind === 'ad') {
          setYear(value) // "AD 9", "1863", "9 BC"
        } else if (atom.month && !atom.day && !atom.year && next?.kind !== 'month')
          atom.day = value // "July 1"
        else if (suffix || next?.kind === 'month') {
          flush() // "1 July", "3rd of June"
          atom.day = value
        } else if (atom.day && !atom.year)
          setYear(value) // "2 September 31 BC"
        else {
          flush() // "1–3 August" or "1914–18": its neighbours decide, once all atoms are read
          atom.dayOrYear = value
        }
        break
      }
      case 'isoDate':
        flush()
        atom.year = token.year
        atom.month = token.month
        atom.day = token.day
        break
      case 'month':
        if (atom.month || atom.year || atom.season) flush()
        dayOrYearIsDay()
        atom.month = token.month
        break
      case 'season':
        // "Summer 1812", "summer 9 AD", "spring–summer 1812"; not "Fall of Saigon, 30 April"
        if (seasonIsDate(tokens, index)) {
          flush()
          atom.season = token.month
        }
        break
      case 'bc':
      case 'ad': {
        const era = token.kind === 'bc' ? -1 : 1
        if (atom.year && !atom.era)
          atom.era = era // "31 BC"
        else pendingEra = era // "AD 9"
        break
      }
      case 'range':
      case 'or':
      case 'and':
      case 'separator':
        flush()
        // a dash with a date before it and nothing after it: "2011–", "2011–; …"
        if (token.kind === 'range' && next?.kind === 'separator' && atoms.length > 0) ongoing = true
        break
      default: // approximate, ongoing, century, millennium and duration words are read around other tokens
    }
  }
  return { atoms, ongoing }
}

function emptyAtom(): Atom {
  return { day: 0, month: 0, year: 0, lastYear: 0, dayOrYear: 0, era: 0, season: 0 }
}

/**
 * `century` or `millennium` when the number at `index` counts them: "12th century", "3rd millennium",
 * or the first number of "15th–16th centuries".
 */
function centuryOrMillennium(tokens: readonly Token[], index: number): 'century' | 'millennium' | undefined {
  let unit = tokens[index + 1]
  const joined = unit?.kind === 'range' || unit?.kind === 'and' || unit?.kind === 'or'
  if (joined && tokens[index + 2]?.kind === 'number') unit = tokens[index + 3]
  return unit?.kind === 'century' || unit?.kind === 'millennium' ? unit.kind : undefined
}

/**
 * Whether the season word at `index` is part of a date: joined to another ("spring–summer"), or
 * before a year (a number over 31, or one with an era: "summer 9 AD").
 */
function seasonIsDate(tokens: readonly Token[], index: number): boolean {
  const next = tokens[index + 1]
  if (next?.kind === 'range' || next?.kind === 'or' || next?.kind === 'and') return true
  if (next?.kind !== 'number') return false
  const afterNext = tokens[index + 2]?.kind
  return next.value > 31 || afterNext === 'bc' || afterNext === 'ad'
}
