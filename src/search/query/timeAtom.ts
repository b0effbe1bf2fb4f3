import {
  CUE_WORDS,
  DESIGNATOR_WORDS,
  ERAS_AFTER,
  ERAS_BEFORE,
  MODIFIER_WORDS,
  ORDINAL_WORDS,
  TENS_WORDS,
  UNIT_WORDS,
  wordIn,
} from './dateWords.js'
import type { QueryToken } from './tokenizeQuery.js'
import { MAX_YEAR, thirdOf, unitYears, type Era, type Third, type YearRange } from './yearUnits.js'

/** What one end of a time says, before its era and unit are settled by the other end of a range. */
export interface TimeAtom {
  /** Token indices: the atom's first token and the one after its last. */
  readonly first: number
  readonly next: number
  /** `undefined` for an ordinal whose unit is the other end's (`18th` of `18th–19th centuries`). */
  readonly unit: 'year' | 'decade' | 'century' | 'millennium' | undefined
  readonly ordinal: boolean
  /** The year, the decade's first year (`'40s` is 1940), or the rank of a century or millennium. */
  readonly value: number
  /** Digits as written; 4 for `'40s`. */
  readonly digits: number
  /** The era as written, 0 when none is. */
  readonly era: Era | 0
  readonly third: Third | undefined
}

/**
 * The time that starts at token `i`, if one does: `[early|mid|late] [AD] number|ordinal
 * [[-]century|millennium] [BC|AD…]`. `right` is true for the second end of a range, which may
 * follow `1939-` directly. Only the form is read here; whether it is a date is for
 * `isEralessStart` and `atomYears` to say.
 *
 * @example
 * parseAtom(tokenizeQuery('mid-18th century'), 0, false)
 * // { first: 0, next: 4, unit: 'century', ordinal: true, value: 18, digits: 2, era: 0, third: 'mid' }
 */
export function parseAtom(tokens: readonly QueryToken[], i: number, right: boolean): TimeAtom | undefined {
  let j = i
  const third = wordIn(MODIFIER_WORDS, tokens[j]?.word)
  if (third) j += tokens[j + 1]?.kind === 'dash' ? 2 : 1
  const before = tokens[j + 1]?.kind === 'number' ? wordIn(ERAS_BEFORE, tokens[j]?.word) : undefined
  if (before) j++
  const token = tokens[j]
  if (!token) return undefined
  let unit: TimeAtom['unit']
  let value: number
  let digits = 0
  if (token.kind === 'number') {
    if (token.glued || (token.afterNumber && !right) || (before && token.suffix === 'era')) return undefined
    unit = token.suffix === 'decade' ? 'decade' : token.suffix === 'ordinal' ? undefined : 'year'
    value = token.elided ? 1900 + token.value : token.value
    digits = token.elided ? 4 : token.digits
    j++
  } else {
    const word = ordinalWord(tokens, j)
    if (!word || before) return undefined
    value = word.value
    j = word.next
  }
  const ordinal = unit === undefined
  if (ordinal) {
    const dash = tokens[j]?.kind === 'dash' ? 1 : 0
    unit = wordIn(UNIT_WORDS, tokens[j + dash]?.word)
    if (unit) j += dash + 1
  }
  const after = before || token.era ? undefined : wordIn(ERAS_AFTER, tokens[j]?.word)
  if (after) j++
  const era = before ?? (token.era || after || 0)
  return { first: i, next: j, unit, ordinal, value, digits, era, third }
}

/** `twelfth`, `twenty-first`, `twenty first`: the ordinal's value and the token after it. */
function ordinalWord(tokens: readonly QueryToken[], i: number): { value: number; next: number } | undefined {
  const simple = wordIn(ORDINAL_WORDS, tokens[i]?.word)
  if (simple) return { value: simple, next: i + 1 }
  const tens = wordIn(TENS_WORDS, tokens[i]?.word)
  const dash = tokens[i + 1]?.kind === 'dash' ? 1 : 0
  const unit = wordIn(ORDINAL_WORDS, tokens[i + 1 + dash]?.word)
  return tens && unit && unit < 10 ? { value: tens + unit, next: i + 2 + dash } : undefined
}

/**
 * Whether an atom with no era written on either end of its range is a date, as the first (or
 * only) end, its unit settled (`unit`): a year of four digits from 1000 to `currentYear` not named by a designator
 * (`Resolution 1973`), or of three digits after a cue (`in 732`); a decade of three or four
 * digits up to `currentYear` (`1480s`, `'40s`); any century or millennium.
 */
export function isEralessStart(
  tokens: readonly QueryToken[],
  atom: TimeAtom,
  unit: NonNullable<TimeAtom['unit']>,
  currentYear: number,
): boolean {
  if (unit === 'decade') return atom.digits >= 3 && atom.value <= currentYear
  if (unit !== 'year') return true
  const word = wordBefore(tokens, atom.first)
  if (atom.digits === 4) return atom.value >= 1000 && atom.value <= currentYear && !wordIn(DESIGNATOR_WORDS, word)
  return atom.digits === 3 && atom.value >= 100 && wordIn(CUE_WORDS, word) === true
}

/** The word just before token `i`, past one `.` (`c. 732`). */
function wordBefore(tokens: readonly QueryToken[], i: number): string | undefined {
  const previous = tokens[i - 1]
  const dot = previous?.kind === 'other' && previous.end - previous.start === 1 && tokens[i - 2]?.end === previous.start
  const word = dot ? tokens[i - 2] : previous
  return word?.kind === 'word' ? word.word : undefined
}

/**
 * The years an atom covers in `era`, with its unit settled (`unit`), or `undefined` when there
 * are none (year 0, past 10,000, a decade numbered by a multiple of 10 below 10, the 0th
 * century). `1800s` is the hundred years 1800–1899 (BC too), unless they would end after
 * `currentYear`: `2000s` is the decade 2000–2009.
 */
export function atomYears(
  atom: TimeAtom,
  unit: NonNullable<TimeAtom['unit']>,
  era: Era,
  currentYear: number,
): YearRange | undefined {
  const { value, third } = atom
  if (!Number.isInteger(value) || value < 1 || value > MAX_YEAR) return undefined
  if (unit === 'year') return third ? undefined : [era * value, era * value]
  const years =
    unit !== 'decade'
      ? unitYears(unit, value, era)
      : value % 100 !== 0
        ? unitYears('decade', value, era)
        : era === -1 || value + 99 <= currentYear
          ? unitYears('hundreds', value, era)
          : value + 9 <= MAX_YEAR
            ? ([value, value + 9] as const)
            : undefined
  return years && third ? thirdOf(years, third) : years
}
