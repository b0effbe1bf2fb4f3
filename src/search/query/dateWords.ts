import type { Era, Third } from './yearUnits.js'

/**
 * The words of a time in a query, lower-case and without dots (`B.C.` is `bc`). Read them with
 * {@link wordIn}, which sees only a table's own keys (`constructor` is not an ordinal).
 */

/** Eras written after a number (`490 BC`, `490 bce`, `9 AD`, `9 CE`, `490 B.C.`). */
export const ERAS_AFTER = { bc: -1, bce: -1, ad: 1, ce: 1 } as const satisfies Record<string, Era>

/** Eras written before a number (`AD 9`, `A.D. 1066`). */
export const ERAS_BEFORE = { ad: 1 } as const satisfies Record<string, Era>

/** Eras glued to a number (`490bc`, `44BC`, `1066ad`). */
export const ERAS_GLUED = ERAS_AFTER

/** Units after an ordinal (`18th century`, `18th c.`, `3rd millennium`, `18th–19th centuries`). */
export const UNIT_WORDS = {
  century: 'century',
  centuries: 'century',
  cent: 'century',
  c: 'century',
  millennium: 'millennium',
  millennia: 'millennium',
  millenium: 'millennium',
  millenia: 'millennium',
} as const satisfies Record<string, 'century' | 'millennium'>

/** Ordinal words (`first century bc`, `twelfth century`); compounds are {@link TENS_WORDS} + a unit ordinal. */
export const ORDINAL_WORDS = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
} as const satisfies Record<string, number>

/** Tens that begin a compound ordinal: `twenty-first`, `twenty first`, `thirty-second`. */
export const TENS_WORDS = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
} as const satisfies Record<string, number>

/** Glued ordinal suffixes; any is accepted on any number (`21th century` is the 21st). */
export const ORDINAL_SUFFIXES = { st: true, nd: true, rd: true, th: true } as const

/** Which third of a decade, hundreds, century or millennium (`early 18th century`, `mid-1940s`). */
export const MODIFIER_WORDS = { early: 'early', mid: 'mid', middle: 'mid', late: 'late' } as const satisfies Record<
  string,
  Third
>

/** Words between the two ends of a range (`1939 to 1945`); dashes and a glued `/` also join them. */
export const RANGE_WORDS = { to: true, until: true, till: true, through: true, thru: true } as const

/** Words that join two ends only when the first borrows its unit (`18th and 19th centuries`) or after `between`. */
export const LIST_WORDS = { and: true, or: true } as const

/** Words that make a three-digit number a year (`in 732`, `c. 732`, `year 793`). */
export const CUE_WORDS = { in: true, year: true, circa: true, c: true, ca: true, anno: true } as const

/**
 * Words after which a four-digit number is a name, not a year (`Resolution 1973`, `Flight 1549`,
 * `Boeing 2707`). Shorter numbers are never years without an era or a cue, so `Route 66`,
 * `Apollo 11`, `Boeing 747` and `Hill 60` need no entry. Military words (`army`, `division`) are
 * not here: `6th army 1942` names a year.
 */
export const DESIGNATOR_WORDS = {
  airbus: true,
  apollo: true,
  area: true,
  boeing: true,
  chapter: true,
  flight: true,
  gate: true,
  height: true,
  highway: true,
  hill: true,
  interstate: true,
  mark: true,
  mk: true,
  model: true,
  no: true,
  nr: true,
  number: true,
  p: true,
  page: true,
  pages: true,
  pier: true,
  platform: true,
  point: true,
  pp: true,
  resolution: true,
  room: true,
  route: true,
  type: true,
  vol: true,
  volume: true,
  windows: true,
} as const

/** Words that open a time and belong to its span: `the 1940s`, `from 1939 to 1945`, `between 1939 and 1945`. */
export const LEAD_WORDS = { the: 'the', from: 'from', between: 'between' } as const

/**
 * `table[word]` when `word` is one of the table's own keys.
 *
 * @example
 * wordIn(ORDINAL_WORDS, 'twelfth') // 12
 * wordIn(ORDINAL_WORDS, 'constructor') // undefined
 */
export function wordIn<T>(table: Readonly<Record<string, T>>, word: string | undefined): T | undefined {
  return word !== undefined && Object.hasOwn(table, word) ? table[word] : undefined
}
