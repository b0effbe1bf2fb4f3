import { ERAS_AFTER, ERAS_GLUED, MODIFIER_WORDS, ORDINAL_SUFFIXES, UNIT_WORDS, wordIn } from './dateWords.js'
import type { Era } from './yearUnits.js'

/**
 * A query split for date recognition, in one pass over its characters (no regular expression
 * runs over more than one character). Offsets are UTF-16 indices into the query.
 */
export interface QueryToken {
  readonly kind: 'number' | 'word' | 'dash' | 'slash' | 'other'
  readonly start: number
  readonly end: number
  /** A word in lower case without its dots (`B.C.` → `bc`); `''` for other kinds. */
  readonly word: string
  /** A number's value (`NaN` past five digits) and how many digits it is written with. */
  readonly value: number
  readonly digits: number
  /** What is glued to a number: `18th`, `1940s` or `1940's`, `490bc`. */
  readonly suffix: 'ordinal' | 'decade' | 'era' | ''
  /** The era of a glued era suffix, else 0. */
  readonly era: Era | 0
  /** `'40s`: a two-digit decade whose century the apostrophe leaves out. */
  readonly elided: boolean
  /** A number touching letters or signs is a code or an amount, never a date: `U571`, `U-571`, `50%`, `1,863`. */
  readonly glued: boolean
  /** The number follows `digit-` or `digit/` with no space: only the second end of a range (`1939-45`, `1914/18`). */
  readonly afterNumber: boolean
}

/** Tokens start only in this many leading characters: recognition is bounded on long input. */
export const MAX_QUERY_LENGTH = 500

const DASHES = '-‐‑‒–—―−'
const APOSTROPHES = "'’ʼ‘"
/** Signs that make a number next to them an amount or a code: `#1863`, `$1863`, `50%`, `20°`. */
const SIGNS_BEFORE = '#$€£¥@\\'
const SIGNS_AFTER = '%°'
/** Separators inside one number: `1,863`, `1863.5`, `10:30`. */
const NUMBER_SEPARATORS = '.,:'

/** One character of a word: a letter or mark, a digit other than 0–9, `_`, or half of a surrogate pair. */
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}_\p{Cs}]/u

/** Words that may touch a number through a hyphen (`mid-1940s`, `BC–480`); any other makes a code (`U-571`). */
const WORDS_BEFORE_HYPHEN: readonly Readonly<Record<string, unknown>>[] = [MODIFIER_WORDS, ERAS_AFTER, UNIT_WORDS]

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9'
const isWordCharacter = (ch: string | undefined): boolean => ch !== undefined && !isDigit(ch) && WORD_CHARACTER.test(ch)
const isLetter = (ch: string | undefined): boolean => isWordCharacter(ch) && ch !== '_'
const isIn = (chars: string, ch: string | undefined): boolean => ch !== undefined && ch !== '' && chars.includes(ch)

/** A token that is not a number (every token has every field, so all share one shape). */
function plainToken(kind: QueryToken['kind'], start: number, end: number, word = ''): QueryToken {
  return {
    kind,
    start,
    end,
    word,
    value: Number.NaN,
    digits: 0,
    suffix: '',
    era: 0,
    elided: false,
    glued: false,
    afterNumber: false,
  }
}

/**
 * The tokens of the first {@link MAX_QUERY_LENGTH} characters of `query`; a token cut by that
 * limit is dropped. Whitespace separates tokens and is not one.
 *
 * @example
 * tokenizeQuery('5th-century B.C.').map((t) => t.kind) // ['number', 'dash', 'word', 'word']
 */
export function tokenizeQuery(query: string): QueryToken[] {
  const limit = Math.min(query.length, MAX_QUERY_LENGTH)
  const tokens: QueryToken[] = []
  let i = 0
  while (i < limit) {
    const ch = query[i]!
    if (ch.trim() === '') {
      i++
      continue
    }
    const kind: QueryToken['kind'] = isIn(DASHES, ch) ? 'dash' : ch === '/' ? 'slash' : 'other'
    const token = isDigit(ch)
      ? scanNumber(query, i, limit, tokens)
      : isWordCharacter(ch)
        ? scanWord(query, i, limit)
        : plainToken(kind, i, i + 1)
    tokens.push(token)
    i = token.end
  }
  const last = tokens.at(-1)
  if (last && last.end >= limit && limit < query.length && query[limit]!.trim() !== '') tokens.pop()
  return tokens
}

function scanWord(query: string, start: number, limit: number): QueryToken {
  let end = start
  while (end < limit && isWordCharacter(query[end])) end++
  let letters = query.slice(start, end)
  // Abbreviations of single letters with dots: `B.C.`, `a.d.`, `B.C.E.`
  let dotted = false
  while (end - start === 1 || dotted) {
    if (query[end] !== '.' || end + 1 >= limit || !isLetter(query[end + 1]) || isWordCharacter(query[end + 2])) break
    letters += query[end + 1]
    end += 2
    dotted = true
  }
  if (dotted && query[end] === '.' && end < limit) end++
  return plainToken('word', start, end, letters.toLowerCase())
}

/** A number and what is glued to it; `tokens` so far show the word of `mid-1940s` and the apostrophe of `'40s`. */
function scanNumber(query: string, start: number, limit: number, tokens: QueryToken[]): QueryToken {
  let end = start
  while (end < limit && isDigit(query[end])) end++
  const digits = end - start
  const value = digits <= 5 ? Number(query.slice(start, end)) : Number.NaN
  const before = query[start - 1]
  // The token before a `-` or `/` that touches both it and this number: `1939-45`, `18th-19th`, `U-571`
  const joined = isIn(DASHES, before) || before === '/' ? tokens.at(-2) : undefined
  const touching = joined?.end === start - 1 ? joined : undefined
  const afterNumber = touching?.kind === 'number'
  // `U571`, `#1863`, `a/1863`; `U-571` and `pre-1900`, but not `mid-1940s`
  let glued =
    digits > 5 ||
    isWordCharacter(before) ||
    isIn(SIGNS_BEFORE, before) ||
    (before === '/' && !afterNumber) ||
    (touching?.kind === 'word' && !WORDS_BEFORE_HYPHEN.some((table) => wordIn(table, touching.word) !== undefined))
  // `1,863`, `1863.5`, `10:30`: one number (a code or an amount), read whole
  while (isIn(NUMBER_SEPARATORS, query[end]) && end + 1 < limit && isDigit(query[end + 1])) {
    glued = true
    end++
    while (end < limit && isDigit(query[end])) end++
  }
  let suffix: QueryToken['suffix'] = ''
  let era: Era | 0 = 0
  if (isWordCharacter(query[end])) {
    let next = end
    while (next < limit && isWordCharacter(query[next])) next++
    const letters = query.slice(end, next).toLowerCase()
    era = wordIn(ERAS_GLUED, letters) ?? 0
    const decade = letters === 's' && value % 10 === 0
    suffix = wordIn(ORDINAL_SUFFIXES, letters) ? 'ordinal' : decade ? 'decade' : era ? 'era' : ''
    glued ||= suffix === ''
    end = next
  } else if (isIn(APOSTROPHES, query[end]) && query[end + 1]?.toLowerCase() === 's' && end + 2 <= limit) {
    // `1940's` is a decade; `1863's` a year's possessive, whose `'s` is left out of the number
    const decade = value % 10 === 0 && !isWordCharacter(query[end + 2])
    if (decade) suffix = 'decade'
    if (decade) end += 2
  }
  if (isDigit(query[end]) || isWordCharacter(query[end]) || isIn(SIGNS_AFTER, query[end])) glued = true
  // `'40s`: the apostrophe (a token of its own so far) opens the decade
  const apostrophe = tokens.at(-1)
  const elided =
    suffix === 'decade' &&
    digits === 2 &&
    apostrophe?.end === start &&
    isIn(APOSTROPHES, before) &&
    !isWordCharacter(query[start - 2]) &&
    !isDigit(query[start - 2])
  if (elided) tokens.pop()
  const first = elided ? start - 1 : start
  return { kind: 'number', start: first, end, word: '', value, digits, suffix, era, elided, glued, afterNumber }
}
