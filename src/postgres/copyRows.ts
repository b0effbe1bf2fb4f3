import { dateKey } from '../core/dateKey.js'
import { normalizeTerm, tokenize } from '../core/fold.js'
import { roundCoordinate } from '../core/geo.js'
import type { SearchField } from '../core/options.js'
import { facetValues } from '../extract/facetValues.js'
import type { IndexRecord } from '../extract/record.js'

/**
 * The weight letter of each text field in the tsvector. PostgreSQL has four
 * (A highest); our six fields map onto them in the order of their default
 * boosts: title 5 → A, short description 2 and description 1.5 → B,
 * infobox 1.5 and custom 1.5 → C, body 1 → D. The weights a search gives
 * each letter come from the boosts (see `rankWeights`), so the ranking follows `boost`.
 */
export const fieldWeights = {
  title: 'A',
  shortDescription: 'B',
  description: 'B',
  infobox: 'C',
  custom: 'C',
  body: 'D',
} as const satisfies Readonly<Record<SearchField, 'A' | 'B' | 'C' | 'D'>>

/** tsvector limits: positions go up to 16383, a lexeme keeps at most 256 of them, the whole value under 1 MB. */
const maxPosition = 16_383
const maxPositionsPerLexeme = 255
const maxVectorBytes = 900_000
/** A lexeme must stay under 2 KB; longer "words" (a pasted hash, base64) are not worth indexing. */
const maxLexemeLength = 500

/**
 * Body words in the ranking vector: its lead. Ranking reads a tsvector per
 * match; a broad query (over `fullRankLimit` matches) reads this short one.
 */
export const rankBodyTokens = 300

/** A record's tsvector literals and its distinct lexemes (for the vocabulary). */
export interface WeightedVector {
  /** Every term of every field. */
  readonly literal: string
  /** The fields but the body, and the body's first `rankBodyTokens` terms. */
  readonly head: string
  readonly lexemes: readonly string[]
  /** Positions were dropped to keep the value under PostgreSQL's 1 MB limit. */
  readonly truncated: boolean
}

/**
 * The record's text fields as one weighted tsvector: the same terms the
 * static index holds (MiniSearch's tokenizer, then `normalizeTerm`: folded,
 * no stop words), each position tagged with its field's weight letter.
 */
export function weightedVector(record: IndexRecord): WeightedVector {
  const positions = new Map<string, string[]>()
  const head = new Map<string, string[]>()
  let bodyTokens = 0
  let position = 0
  let bytes = 0
  let truncated = false
  const fields = [
    [record.title, fieldWeights.title],
    [record.shortDescription ?? '', fieldWeights.shortDescription],
    [record.description ?? '', fieldWeights.description],
    [record.infobox, fieldWeights.infobox],
    [record.custom, fieldWeights.custom],
    [record.body, fieldWeights.body],
  ] as const
  for (const [text, weight] of fields) {
    for (const token of tokenize(text)) {
      const term = normalizeTerm(token)
      if (term === null || term.length > maxLexemeLength) continue
      position = Math.min(position + 1, maxPosition)
      let list = positions.get(term)
      if (list === undefined) {
        if (bytes + term.length * 3 + 12 > maxVectorBytes) {
          truncated = true
          continue
        }
        positions.set(term, (list = []))
        bytes += term.length * 3 + 8
      }
      if (list.length < maxPositionsPerLexeme && bytes + 2 <= maxVectorBytes) {
        list.push(`${position}${weight}`)
        bytes += 2
        if (weight !== fieldWeights.body || bodyTokens++ < rankBodyTokens) {
          const headList = head.get(term)
          if (headList === undefined) head.set(term, [`${position}${weight}`])
          else headList.push(`${position}${weight}`)
        }
      }
    }
  }
  return { literal: vectorLiteral(positions), head: vectorLiteral(head), lexemes: [...positions.keys()], truncated }
}

/** `'term':1A,5D 'other':2B`. */
function vectorLiteral(positions: ReadonlyMap<string, readonly string[]>): string {
  const parts: string[] = []
  for (const [term, list] of positions)
    parts.push(`'${term.replace(/'/g, "''").replace(/\\/g, '\\\\')}':${list.join(',')}`)
  return parts.join(' ')
}

const copyEscapes: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\uFFFD',
}

/** A value in COPY's text format: `\N` for NULL; backslash, tab and line ends escaped; NUL (never valid in text) replaced. */
export function copyValue(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '\\N'
  return typeof value === 'number' ? String(value) : value.replace(/[\\\n\r\t\0]/g, (c) => copyEscapes[c] ?? c)
}

/** A text[] literal (every element quoted), before COPY escaping. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
}

/** A record's date as sortable day keys (see `dateKey`) and years; all null when it has none. */
export function dateColumns(record: IndexRecord): { start: number | null; end: number | null } {
  const date = record.facets.date
  if (date === undefined) return { start: null, end: null }
  return { start: dateKey(date.start, 'start'), end: date.end === undefined ? null : dateKey(date.end, 'end') }
}

/** Year of a day key (floor, so BC keys map to their own year). */
export const yearOf = (key: number): number => Math.floor(key / 10_000)

/**
 * One line of the articles table's COPY, in `articleColumns` order, and the
 * record's lexemes.
 */
export function articleRow(
  record: IndexRecord,
  position: number,
  facets: readonly string[],
): { line: string; vector: WeightedVector } {
  const vector = weightedVector(record)
  const { start, end } = dateColumns(record)
  // An interval is never reversed (parseDate orders its ends); min/max keeps a range valid whatever comes.
  const range =
    start === null ? null : end === null ? `[${start},)` : `[${Math.min(start, end)},${Math.max(start, end)}]`
  const values = [
    position,
    record.id,
    record.title,
    record.shortDescription,
    record.description,
    record.image,
    record.date,
    record.place,
    record.fields === undefined ? null : JSON.stringify(record.fields),
    record.body,
    vector.literal,
    vector.head,
    start,
    end,
    start === null ? null : yearOf(start),
    end === null ? null : yearOf(end),
    range,
    degrees(record.facets.coordinates?.lat),
    degrees(record.facets.coordinates?.lon),
    arrayLiteral(record.facets.placeHierarchy),
    ...facets.map((facet) => arrayLiteral(facetValues(record, facet))),
  ]
  return { line: `${values.map(copyValue).join('\t')}\n`, vector }
}

/**
 * A coordinate as the static index stores it (`roundCoordinate`), written so
 * that PostgreSQL reads back the same double (`-0` too); null when none.
 */
function degrees(value: number | undefined): string | null {
  if (value === undefined) return null
  const rounded = roundCoordinate(value)
  return Object.is(rounded, -0) ? '-0' : String(rounded)
}
