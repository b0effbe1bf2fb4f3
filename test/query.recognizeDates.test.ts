import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatYearSpan } from '../src/search/query/formatYearSpan.js'
import { recognizeDateSpans, type DateSpan } from '../src/search/query/recognizeDates.js'
import { MAX_QUERY_LENGTH } from '../src/search/query/tokenizeQuery.js'
import { thirdOf, unitOf, unitYears, type Era, type Third, type YearUnit } from '../src/search/query/yearUnits.js'
import { CURRENT_YEAR, DATE_SPAN_CASES, type ExpectedSpan } from './query.recognizeDates.cases.js'

const recognize = (query: string, currentYear = CURRENT_YEAR): readonly DateSpan[] =>
  recognizeDateSpans(query, { currentYear })

/** The table's `[text, from, to, label]` as spans, each `text` looked for after the previous one. */
function spansOf(query: string, expected: readonly ExpectedSpan[]): DateSpan[] {
  let cursor = 0
  return expected.map(([text, from, to, label]) => {
    const start = query.indexOf(text, cursor)
    if (start < 0) throw new Error(`bad test table: ${JSON.stringify(text)} is not in ${JSON.stringify(query)}`)
    cursor = start + text.length
    return { start, end: cursor, from, to, label, text }
  })
}

/** The invariants of every result: in the query, in order, apart, well-formed years, the canonical label. */
function expectWellFormed(query: string, spans: readonly DateSpan[]): void {
  let previousEnd = 0
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(previousEnd)
    expect(span.end).toBeGreaterThan(span.start)
    expect(span.end).toBeLessThanOrEqual(query.length)
    expect(span.start).toBeLessThan(MAX_QUERY_LENGTH)
    expect(span.text).toBe(query.slice(span.start, span.end))
    for (const year of [span.from, span.to]) {
      expect(Number.isInteger(year) && year !== 0 && Math.abs(year) <= 10_000).toBe(true)
    }
    expect(span.from).toBeLessThanOrEqual(span.to)
    expect(span.label).toBe(formatYearSpan(span.from, span.to))
    previousEnd = span.end
  }
}

/** Pieces that come together into date-like queries, so the properties reach the grammar's corners. */
const PIECES = [
  '1863',
  '1939',
  '45',
  '490',
  '732',
  '1940s',
  "'40s",
  "1940's",
  '1800s',
  '2000s',
  '18th',
  '1st',
  '21th',
  '101st',
  'first',
  'twelfth',
  'twenty',
  'century',
  'centuries',
  'millennium',
  'c',
  'c.',
  'BC',
  'B.C.',
  'bce',
  'AD',
  'A.D.',
  'CE',
  'early',
  'mid',
  'late',
  'the',
  'from',
  'between',
  'and',
  'or',
  'to',
  'in',
  'year',
  'Route',
  'Apollo',
  'Resolution',
  'U',
  'army',
  'constructor',
  '0',
  '10000',
  '99999',
  '%',
  '#',
  ',',
  '.',
  ':',
  '(',
  ')',
  'é',
  '𝐀',
] as const
const SEPARATORS = [' ', ' ', ' ', '', '-', '–', ' – ', '/', "'", '’', '.', ',', '\n'] as const
const dateLike = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 14 })
  .map((parts) => parts.map(([piece, separator]) => piece + separator).join(''))

describe('recognizeDateSpans', () => {
  test('the table has at least 60 phrasings, among them every must-not of the brief', () => {
    expect(DATE_SPAN_CASES.length).toBeGreaterThanOrEqual(60)
    const mustNot = [
      'Sixth Army',
      '1st Marines',
      'Route 66',
      'Apollo 11',
      'Boeing 747',
      'U-571',
      'Hill 60',
      '101st Airborne',
      'Area 51',
      'World War 2',
      '2nd Battalion',
    ]
    const noDates = DATE_SPAN_CASES.filter(([, spans]) => spans.length === 0).map(([query]) => query)
    expect(noDates).toEqual(expect.arrayContaining(mustNot))
  })

  test.each(DATE_SPAN_CASES)('%j', (query, expected) => {
    expect(recognize(query)).toEqual(spansOf(query, expected))
  })

  const withSpans = DATE_SPAN_CASES.filter(([, spans]) => spans.length > 0)
  test.each(withSpans)('the labels of %j read back as their years', (query) => {
    for (const { from, to, label } of recognize(query)) {
      expect(recognize(label).map((span) => [span.from, span.to, span.text])).toEqual([[from, to, label]])
    }
  })

  test('currentYear is the latest year a number without an era names', () => {
    expect(recognize('2030', 2029)).toEqual([])
    expect(recognize('2030', 2030)).toEqual(spansOf('2030', [['2030', 2030, 2030, '2030']]))
    expect(recognize('the 1900s', 1998)).toEqual(spansOf('the 1900s', [['the 1900s', 1900, 1909, '1900–1909']]))
    expect(recognize('2030 AD', 2029)).toEqual(spansOf('2030 AD', [['2030 AD', 2030, 2030, '2030']]))
  })

  test('without options, the current year is the latest', () => {
    const year = new Date().getUTCFullYear()
    expect(recognizeDateSpans(`${year}`).map((span) => span.from)).toEqual([year])
    expect(recognizeDateSpans(`${year + 2}`)).toEqual([])
  })

  test('a value that is not a string has no spans', () => {
    expect(recognizeDateSpans(undefined as unknown as string)).toEqual([])
    expect(recognizeDateSpans(1863 as unknown as string)).toEqual([])
  })

  test.each([
    ['a year past the first 500 characters', `${'x '.repeat(300)}1863`, []],
    ['a year cut by the limit', `${' '.repeat(MAX_QUERY_LENGTH - 2)}1863`, []],
    ['a year that ends at the limit', `${' '.repeat(MAX_QUERY_LENGTH - 4)}1863 ${'x'.repeat(1000)}`, ['1863']],
    ['a year before a long tail', `1863 ${'x'.repeat(100_000)}`, ['1863']],
  ])('only the first 500 characters are read: %s', (_, query, texts) => {
    expect(recognize(query).map((span) => span.text)).toEqual(texts)
  })
})

describe('recognizeDateSpans properties', () => {
  test('any string: never throws, and every span is well-formed', () => {
    const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 700 }), fc.string({ unit: 'grapheme' }), dateLike)
    fc.assert(
      fc.property(anyString, fc.integer({ min: -20_000, max: 20_000 }), (query, currentYear) => {
        expectWellFormed(query, recognize(query, currentYear))
      }),
    )
  })

  test('date-like strings: every label reads back as its years', () => {
    fc.assert(
      fc.property(dateLike, (query) => {
        for (const { from, to, label } of recognize(query, 10_000)) {
          expect(recognize(label, 10_000).map((span) => [span.from, span.to])).toEqual([[from, to]])
        }
      }),
    )
  })

  test('a span does not depend on plain words around it', () => {
    const words = fc.constantFrom('battle', 'siege of', 'Napoleon', 'war', 'zzz', 'Władysław', '戦い')
    fc.assert(
      fc.property(fc.constantFrom(...DATE_SPAN_CASES), words, words, ([query], before, after) => {
        const padded = `${before} ${query} ${after}`
        const shift = before.length + 1
        const moved = recognize(query).map((span) => ({ ...span, start: span.start + shift, end: span.end + shift }))
        expect(recognize(padded)).toEqual(moved)
      }),
    )
  })
})

describe('formatYearSpan', () => {
  test.each([
    [1863, 1863, '1863'],
    [-490, -490, '490 BC'],
    [9, 9, 'AD 9'],
    [999, 999, 'AD 999'],
    [1000, 1000, '1000'],
    [1939, 1945, '1939–1945'],
    [1945, 1939, '1939–1945'],
    [-490, -480, '490–480 BC'],
    [-44, 14, '44 BC – AD 14'],
    [-44, 1066, '44 BC – AD 1066'],
    [732, 1066, 'AD 732–1066'],
    [1940, 1949, '1940s'],
    [-499, -490, '490s BC'],
    [1900, 1909, '1900–1909'],
    [1800, 1899, '1800s'],
    [-599, -500, '500s BC'],
    [1701, 1800, '18th century'],
    [1801, 1900, '19th century'],
    [-100, -1, '1st century BC'],
    [1, 100, '1st century'],
    [-3000, -2001, '3rd millennium BC'],
    [1001, 2000, '2nd millennium'],
    [1701, 1733, 'early 18th century'],
    [1734, 1767, 'mid-18th century'],
    [1768, 1800, 'late 18th century'],
    [1940, 1942, 'early 1940s'],
    [1943, 1946, 'mid-1940s'],
    [1947, 1949, 'late 1940s'],
    [1800, 1832, 'early 1800s'],
    [-3000, -2668, 'early 3rd millennium BC'],
    [1701, 1900, '18th–19th centuries'],
    [-500, -301, '5th–4th centuries BC'],
    [-100, 100, '1st century BC – 1st century AD'],
    [-2000, 1000, '2nd millennium BC – 1st millennium AD'],
    [1940, 1959, '1940s–1950s'],
    [-499, -480, '490s–480s BC'],
    [40, 49, 'AD 40s'],
    [40, 59, 'AD 40s–50s'],
    [-49, -40, '40s BC'],
    [1900, 1959, '1900–1959'],
    [1800, 1999, '1800–1999'],
    [1, 9, 'AD 1–9'],
    [9901, 10_000, '100th century'],
    [10_000, 10_000, 'AD 10000'],
    [9990, 10_000, 'AD 9990–10000'],
    [0, 5, '0–5'],
    [1.5, 1.5, '1.5'],
    [Number.NaN, 1863, 'NaN–1863'],
  ])('%j to %j is %j', (from, to, label) => {
    expect(formatYearSpan(from, to)).toBe(label)
  })
})

describe('yearUnits', () => {
  test.each<[YearUnit, number, Era, readonly [number, number] | undefined]>([
    ['century', 18, 1, [1701, 1800]],
    ['century', 1, -1, [-100, -1]],
    ['century', 5, -1, [-500, -401]],
    ['millennium', 3, -1, [-3000, -2001]],
    ['millennium', 10, 1, [9001, 10_000]],
    ['millennium', 11, 1, undefined],
    ['decade', 1940, 1, [1940, 1949]],
    ['decade', 490, -1, [-499, -490]],
    ['decade', 1900, 1, undefined],
    ['decade', 1945, 1, undefined],
    ['decade', 0, 1, undefined],
    ['hundreds', 1800, 1, [1800, 1899]],
    ['hundreds', 500, -1, [-599, -500]],
    ['century', 0, 1, undefined],
    ['century', 1.5, 1, undefined],
  ])('unitYears(%j, %j, %j) is %j', (unit, n, era, years) => {
    expect(unitYears(unit, n, era)).toEqual(years)
  })

  test('unitOf finds the unit whose years hold the year', () => {
    const units = fc.constantFrom<YearUnit>('decade', 'hundreds', 'century', 'millennium')
    const year = fc.integer({ min: -10_000, max: 10_000 }).filter((y) => y !== 0)
    fc.assert(
      fc.property(units, year, (unit, y) => {
        const { n, era } = unitOf(unit, y)
        const years = unitYears(unit, n, era)
        if (years) expect(years[0] <= y && y <= years[1]).toBe(true)
      }),
    )
  })

  test.each<[readonly [number, number], Third, readonly [number, number]]>([
    [[1701, 1800], 'early', [1701, 1733]],
    [[1701, 1800], 'mid', [1734, 1767]],
    [[1701, 1800], 'late', [1768, 1800]],
    [[1940, 1949], 'mid', [1943, 1946]],
    [[-500, -401], 'late', [-433, -401]],
  ])('thirdOf(%j, %j) is %j', (years, third, part) => {
    expect(thirdOf(years, third)).toEqual(part)
  })
})

describe('src/search/query is browser-safe', () => {
  const folder = new URL('../src/search/query/', import.meta.url)
  test.each(readdirSync(folder))('%s imports only its neighbours', (file) => {
    const source = readFileSync(new URL(file, folder), 'utf8')
    const specifiers = [...source.matchAll(/ from '([^']+)'/g)].map((match) => match[1])
    expect(specifiers.filter((specifier) => !specifier?.startsWith('./'))).toEqual([])
  })
})
