/**
 * The tokenizer of the date parser (see `dates.ts`): lower-case text → numbers, ISO dates,
 * months, seasons, and the words and signs of the `WORDS` table.
 */

/** Month names; a word of three letters or more that begins one (`Sept.`, `Aug`) names that month. */
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const

/** Season words and the first of the three months each one spans. */
const SEASONS = [
  ['spring', 3],
  ['summer', 6],
  ['autumn', 9],
  ['fall', 9],
  ['winter', 12],
] as const satisfies ReadonlyArray<readonly [string, number]>

/** The dashes that join a range: hyphen-minus, U+2010–U+2015 (hyphen, en and em dash, …) and minus. */
const DASHES = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']

/** The kinds of the words and signs that dates are written with, besides months and seasons. */
type WordKind =
  'bc' | 'ad' | 'or' | 'and' | 'range' | 'separator' | 'approximate' | 'ongoing' | 'century' | 'millennium' | 'duration'

/**
 * Token kind → the words and signs of that kind (a word is compared without its dots: `c.`, `B.C.`).
 * `or` makes the date approximate ("1565 or 1566"); a `duration` ("3 years") makes the number
 * before it no date. A word in no list is skipped, except that it closes an open range ("2011 – unknown").
 */
const WORDS: ReadonlyArray<readonly [kind: WordKind, words: readonly string[]]> = [
  ['bc', ['bc', 'bce']],
  ['ad', ['ad', 'ce']],
  ['or', ['/', 'or']],
  ['and', ['&', 'and']],
  ['range', [...DASHES, 'to', 'until', 'till', 'through', 'thru']],
  ['separator', [';', '\n']],
  [
    'approximate',
    [
      '?',
      '~',
      'c',
      'ca',
      'circa',
      'about',
      'around',
      'approx',
      'approximately',
      'probably',
      'possibly',
      'perhaps',
      'likely',
      'reportedly',
      'traditionally',
      'early',
      'mid',
      'middle',
      'late',
      'end',
      'beginning',
    ],
  ],
  ['ongoing', ['present', 'ongoing', 'now', 'today', 'since']],
  ['century', ['century', 'centuries']],
  ['millennium', ['millennium', 'millennia']],
  ['duration', ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'hour', 'hours']],
]

/** A token: a number with its suffix (`3rd`, `1960s`), an ISO date, a month or season, or a word of `WORDS`. */
export type Token =
  | { readonly kind: 'number'; readonly value: number; readonly suffix: string }
  | { readonly kind: 'isoDate'; readonly year: number; readonly month: number; readonly day: number }
  | { readonly kind: 'month' | 'season'; readonly month: number }
  | { readonly kind: WordKind }

/**
 * The tokenizer's pattern: one alternative per line, tried in this order at each position.
 * Whatever matches none of them (spaces, commas, other signs) is skipped.
 */
const TOKEN_PATTERN = [
  String.raw`(?<isoYear>\d{4})-(?<isoMonth>\d\d)-(?<isoDay>\d\d)`, // an ISO date: 1863-07-01
  String.raw`\d+:\d\d`, // a time (14:30): skipped
  String.raw`\d+(?<slashOrDot>[/.])\d+\k<slashOrDot>\d+`, // a numeric date (1/7/1863, 1.7.1863): skipped
  String.raw`(?<number>\d+)(?<suffix>st|nd|rd|th|['’]?s)?`, // 1863, 3rd, 1960s, 1960's
  String.raw`(?<word>\p{L}[\p{L}.]*)-?`, // a word with its dots; a hyphen right after it is part of it ("mid-1990s")
  String.raw`(?<sign>[-\u2010-\u2015\u2212~/?;&\n])`, // a dash (see DASHES), `~`, `/`, `?`, `;`, `&` or a line break
].join('|')

/** The tokens of a lower-case date field, ending with a `separator` (the end separates like a `;`). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(new RegExp(TOKEN_PATTERN, 'gu'))) {
    const {
      isoYear,
      isoMonth,
      isoDay,
      number,
      suffix = '',
      word,
      sign,
    }: Partial<Record<string, string>> = match.groups ?? {}
    const wordOrSign = word ?? sign
    if (isoYear) tokens.push({ kind: 'isoDate', year: Number(isoYear), month: Number(isoMonth), day: Number(isoDay) })
    else if (number) {
      // 0 is no day or year, and a number of five digits or more is none this parser reads
      if (Number(number) > 0 && number.length < 5) tokens.push({ kind: 'number', value: Number(number), suffix })
    } else if (wordOrSign) {
      const token = wordToken(wordOrSign.replaceAll('.', ''))
      if (token) tokens.push(token)
      // "2011 – unknown" is not open-ended: an unknown word after a dash closes the range
      else if (tokens.at(-1)?.kind === 'range') tokens[tokens.length - 1] = { kind: 'and' }
    }
  }
  tokens.push({ kind: 'separator' }) // the end separates like a `;`
  return tokens
}

/** The token of a word or sign, or `undefined` when it is none that dates are written with. */
function wordToken(word: string): Token | undefined {
  const month = word.length > 2 ? MONTHS.findIndex((name) => name.startsWith(word)) + 1 : 0
  if (month) return { kind: 'month', month }
  const season = SEASONS.find(([name]) => name === word)
  if (season) return { kind: 'season', month: season[1] }
  const kind = WORDS.find(([, words]) => words.includes(word))?.[0]
  return kind && { kind }
}
