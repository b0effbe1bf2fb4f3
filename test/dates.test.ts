import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { dateKey, parseDateBound, type DateInterval, type PartialDate } from '../src/core/dateKey.js'
import { parseDate } from '../src/extract/facets/dates.js'
import { DATE_CASES, NO_DATE_CASES } from './dates.cases.js'
import { fcParameters } from './robustness/helpers.js'

/** `'-490-08'` → `{ year: -490, month: 8 }` (the notation of the case table). */
function day(text: string): PartialDate {
  const [, year, month, dayOfMonth] = /^(-?\d+)(?:-(\d\d))?(?:-(\d\d))?$/.exec(text) ?? []
  if (!year) throw new Error(`bad date in test table: ${text}`)
  return dayOfMonth
    ? { year: +year, month: +month!, day: +dayOfMonth }
    : month
      ? { year: +year, month: +month }
      : { year: +year }
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

function daysInMonth(year: number, month: number): number {
  return month == 2 ? ((year < 0 ? year + 1 : year) % 4 == 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** The invariants every parse result keeps. */
function expectWellFormed(result: DateInterval | undefined): void {
  if (!result) return
  const { start, end, ongoing } = result
  for (const date of end ? [start, end] : [start]) {
    expect(Number.isInteger(date.year) && date.year != 0).toBe(true)
    if (date.month !== undefined) expect(date.month >= 1 && date.month <= 12).toBe(true)
    if (date.day !== undefined) {
      expect(date.month).toBeDefined()
      expect(date.day >= 1 && date.day <= daysInMonth(date.year, date.month!)).toBe(true)
    }
  }
  expect(end === undefined).toBe(ongoing)
  if (end) expect(dateKey(start, 'start')).toBeLessThanOrEqual(dateKey(end, 'end'))
}

describe('parseDate', () => {
  test('the table has at least 150 real-world forms', () => {
    expect(DATE_CASES.length).toBeGreaterThanOrEqual(150)
  })

  test.for(DATE_CASES)('%j', ([text, start, end, approximate]) => {
    expect(parseDate(text)).toEqual({
      start: day(start),
      end: end === null ? undefined : day(end),
      approximate: approximate === '~',
      ongoing: end === null,
    })
  })

  test.each(NO_DATE_CASES)('%j has no date', (text) => {
    expect(parseDate(text)).toBeUndefined()
  })

  test('a value that is not a string has no date', () => {
    expect(parseDate(undefined as unknown as string)).toBeUndefined()
    expect(parseDate(1863 as unknown as string)).toBeUndefined()
  })

  test('only the first 500 characters are read', () => {
    expect(parseDate(`${'x'.repeat(494)} 1863 – 1865`)).toEqual({
      start: { year: 1863 },
      end: { year: 1863 },
      approximate: false,
      ongoing: false,
    })
    expect(parseDate(`${'x'.repeat(600)} 1863`)).toBeUndefined()
  })

  test('huge and pathological inputs return', () => {
    for (const text of [
      '1 '.repeat(500_000),
      '('.repeat(100_000),
      '[('.repeat(100_000) + '1863',
      '9'.repeat(100_000),
      'c.'.repeat(100_000),
      '–'.repeat(100_000),
    ]) {
      expectWellFormed(parseDate(text))
    }
  })
})

const corpus = new URL('../../shared/corpus/articles', import.meta.url)

describe.skipIf(!existsSync(corpus))('corpus', () => {
  /** Every infobox `date` field in the shared corpus (the body runs even when skipped). */
  const dates = (existsSync(corpus) ? readdirSync(corpus) : [])
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) => {
      const text = readFileSync(join(fileURLToPath(corpus), name), 'utf8')
      const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1]
      const data: unknown = frontMatter ? parseYaml(frontMatter) : undefined
      const infoboxes: unknown = (data as { infoboxes?: unknown } | undefined)?.infoboxes
      return (Array.isArray(infoboxes) ? infoboxes : []).flatMap((box: unknown) => {
        const date: unknown = (box as { date?: { text?: unknown } } | null)?.date?.text
        return typeof date == 'string' ? [[name, date] as const] : []
      })
    })

  test('has battle dates', () => {
    expect(dates.length).toBeGreaterThan(0)
  })

  test.each(dates)('%s: %j parses', (_name, text) => {
    const result = parseDate(text)
    expect(result).toBeDefined()
    expectWellFormed(result)
  })
})

/** Words and signs date fields are made of, to build date-ish nonsense from. */
const DATE_TOKENS = [
  ...MONTH_NAMES,
  'Sept.',
  'Aug',
  'BC',
  'AD',
  'BCE',
  'CE',
  'B.C.',
  'c.',
  'circa',
  'ca.',
  'about',
  'or',
  'and',
  'to',
  'until',
  'present',
  'ongoing',
  'since',
  'early',
  'mid-',
  'late',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'century',
  'centuries',
  'millennium',
  'days',
  'years',
  'of',
  'the',
  'Sunday',
  'O.S.',
  'unknown',
  'constructor',
  '__proto__',
  'st',
  'th',
  's',
  "'s",
  '–',
  '—',
  '-',
  '/',
  '?',
  ';',
  '\n',
  ',',
  '(',
  ')',
  '[',
  ']',
  ':',
  '~',
  '&',
]
const dateIsh = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...DATE_TOKENS), fc.nat(3000).map(String), fc.nat(40).map(String)), {
      maxLength: 24,
    }),
    fc.constantFrom(' ', '', ', '),
  )
  .map(([parts, separator]) => parts.join(separator))

describe('parseDate properties', () => {
  test('never throws on any string, and results are well formed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (text) => expectWellFormed(parseDate(text))),
      fcParameters(2000),
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => expectWellFormed(parseDate(text))),
      fcParameters(2000),
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 400, maxLength: 3000 }), (text) =>
        expectWellFormed(parseDate(text)),
      ),
      fcParameters(200),
    )
  })

  test('never throws on date-ish text, and results are well formed', () => {
    fc.assert(
      fc.property(dateIsh, (text) => expectWellFormed(parseDate(text))),
      fcParameters(5000),
    )
  })

  const fullDate = fc
    .record({
      year: fc.integer({ min: 1, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(({ year, month, day }) => day <= daysInMonth(year, month))
  /** A date with its era; the day is checked against the signed year (29 February 757 BC exists, 756 BC has none). */
  const fullDateWithEra = fc
    .record({
      year: fc.integer({ min: 1, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      bc: fc.boolean(),
    })
    .filter(({ year, month, day, bc }) => day <= daysInMonth(bc ? -year : year, month))

  test.each([
    ['29 February 757 BC', { year: -757, month: 2, day: 29 }],
    ['29 February 1 BC', { year: -1, month: 2, day: 29 }],
    ['29 February 4 AD', { year: 4, month: 2, day: 29 }],
  ])('a leap day in either era: %s', (text, date) => {
    expect(parseDate(text)).toEqual({ start: date, end: date, approximate: false, ongoing: false })
  })

  test.each(['29 February 756 BC', '29 February 2 BC', '29 February 3 AD', '30 February 2000'])(
    'no such day: %s',
    (text) => {
      expect(parseDate(text)).toBeUndefined()
    },
  )

  test.each([
    '9999th millennium BC – present',
    '11th millennium BC',
    '10001 BC',
    'June 12000',
    '10000s',
    '101st century',
  ])('a year past 10,000 is no date: %s', (text) => {
    expect(parseDate(text)).toBeUndefined()
  })

  test('a date written in any infobox style parses to itself', () => {
    fc.assert(
      fc.property(fullDateWithEra, ({ year, month, day, bc }) => {
        const name = MONTH_NAMES[month - 1]!
        const expected = { year: bc ? -year : year, month, day }
        const era = bc ? ' BC' : year < 100 ? ' AD' : ''
        for (const text of [
          `${day} ${name} ${year}${era}`,
          `${name} ${day}, ${year}${era}`,
          `${name} ${day}, ${year}${era} (note)`,
        ]) {
          expect(parseDate(text)).toEqual({ start: expected, end: expected, approximate: false, ongoing: false })
        }
        if (!bc && year >= 1000) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
          expect(parseDate(iso)).toEqual({ start: expected, end: expected, approximate: false, ongoing: false })
        }
      }),
    )
  })

  test('a range of two dates parses to that range', () => {
    fc.assert(
      fc.property(fullDate, fullDate, (a, b) => {
        const [first, last] = dateKey(a, 'start') <= dateKey(b, 'start') ? [a, b] : [b, a]
        const write = ({ year, month, day }: PartialDate) =>
          `${day} ${MONTH_NAMES[month! - 1]} ${year}${year < 100 ? ' AD' : ''}`
        expect(parseDate(`${write(first)} – ${write(last)}`)).toEqual({
          start: first,
          end: last,
          approximate: false,
          ongoing: false,
        })
      }),
    )
  })
})

describe('dateKey', () => {
  test.each([
    [{ year: 1863, month: 7, day: 1 }, 'start', 18630701],
    [{ year: 1863, month: 7 }, 'start', 18630701],
    [{ year: 1863, month: 7 }, 'end', 18630731],
    [{ year: 1863 }, 'start', 18630101],
    [{ year: 1863 }, 'end', 18631231],
    [{ year: 1944, month: 2 }, 'end', 19440229],
    [{ year: 1943, month: 2 }, 'end', 19430228],
    [{ year: -490 }, 'start', -4899899],
    [{ year: -1 }, 'end', -8769],
  ] as const)('%j %s → %d', (date, side, key) => {
    expect(dateKey(date, side)).toBe(key)
  })

  const partialDate = fc
    .record({
      year: fc.integer({ min: -3000, max: 3000 }).filter((year) => year != 0),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(({ year, month, day }) => day <= daysInMonth(year, month))
    .chain((date) =>
      fc
        .constantFrom<PartialDate>(date, { year: date.year, month: date.month }, { year: date.year })
        .map((partial) => [date, partial] as const),
    )

  test('orders full dates like (year, month, day) tuples', () => {
    fc.assert(
      fc.property(partialDate, partialDate, ([a], [b]) => {
        const byTuple = Math.sign(a.year - b.year || a.month - b.month || a.day - b.day)
        expect(Math.sign(dateKey(a, 'start') - dateKey(b, 'start'))).toBe(byTuple)
        expect(dateKey(a, 'start')).toBe(dateKey(a, 'end'))
      }),
    )
  })

  test('a partial date spans every full date inside it', () => {
    fc.assert(
      fc.property(partialDate, ([full, partial]) => {
        expect(dateKey(partial, 'start')).toBeLessThanOrEqual(dateKey(full, 'start'))
        expect(dateKey(full, 'end')).toBeLessThanOrEqual(dateKey(partial, 'end'))
      }),
    )
  })
})

describe('parseDateBound', () => {
  test.each([
    [1863, { year: 1863 }],
    [-490, { year: -490 }],
    ['1863', { year: 1863 }],
    ['-490', { year: -490 }],
    ['-0490', { year: -490 }],
    ['2021-01', { year: 2021, month: 1 }],
    ['2021-12-31', { year: 2021, month: 12, day: 31 }],
    ['1944-02-29', { year: 1944, month: 2, day: 29 }],
    ['-490-08', { year: -490, month: 8 }],
    [' 1863-07-01 ', { year: 1863, month: 7, day: 1 }],
    ['1863-7-1', { year: 1863, month: 7, day: 1 }],
    [0, undefined],
    [1863.5, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [100_000, undefined],
    // The years a date field or a query may name: 10,000 BC to AD 10,000 (a histogram's first bar, a suggested time).
    [-10_000, { year: -10_000 }],
    ['10000', { year: 10_000 }],
    [10_001, undefined],
    ['-10001', undefined],
    ['0', undefined],
    ['-0', undefined],
    ['', undefined],
    ['1863-13', undefined],
    ['1863-00', undefined],
    ['1943-02-29', undefined],
    ['1863-07-32', undefined],
    ['1863-07-00', undefined],
    ['12345', undefined],
    ['July 1863', undefined],
    ['1863-07-01T00:00', undefined],
    ['1863-', undefined],
  ] as const)('%j → %j', (value, expected) => {
    expect(parseDateBound(value)).toEqual(expected)
  })

  test('a formatted date parses back to itself', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -9999, max: 9999 }).filter((year) => year != 0),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          fc.pre(day <= daysInMonth(year, month))
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
          expect(parseDateBound(text)).toEqual({ year, month, day })
          expect(parseDateBound(String(year))).toEqual({ year })
          expect(parseDateBound(year)).toEqual({ year })
        },
      ),
    )
  })
})
