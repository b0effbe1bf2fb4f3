import type { InfoboxField } from '../../parse/article.js'
import type { WrittenValue } from '../record.js'
import { cleanValue } from './clean.js'
import {
  type LinkedValue,
  type Segment,
  dedupeValues,
  matchSegments,
  maxFieldSegments,
  mergeUnused,
} from './matchLinks.js'

/** The place facet of one infobox. */
export interface PlaceFacet {
  /** Canonical names (link page when present, else text), most specific first. */
  readonly values: readonly string[]
  /** How the infobox writes each value (the link's text, or the part as written): the sources of aliases. */
  readonly labels: readonly WrittenValue[]
  /**
   * The comma structure of the place text, least specific first: country ›
   * region › locality. Canonical names; notes such as `(modern-day …)`,
   * later `;` clauses and unmatched links are values but not levels.
   */
  readonly hierarchy: readonly string[]
}

/** One comma part of the place text, after its prefix (`near`, `then`…) is gone. */
interface Part extends Segment {
  /** Whether the part is a level of the hierarchy. */
  readonly level: boolean
  readonly era: 'then' | 'now' | undefined
  /** Named by a `(modern-day …)` note: today's names for the part before it. */
  readonly modern?: boolean
}

/** More comma levels than this is a list of places (`Europe, the Pacific, …`), not a hierarchy. */
const maxLevels = 4
/** Parts that say the place is not known. */
const unknownPlace = /^(?:unknown|uncertain|disputed|various|several|undisclosed|not known)\b/i

const relative =
  /^(?:near(?:by)?|close to|outside(?: of)?|off(?: the coast of)?|around|at|in|on|(?:the )?(?:outskirts|vicinity) of|(?:\d+(?:[.,]\d+)?\s*(?:km|kilometres|kilometers|mi|miles)\s+)?(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?(?: part)? of)\s+/i
const historic = /^(?:then|formerly|at the time)\s+/i
const modern = /^(?:present[- ]day|modern[- ]day|modern|today|now|current(?:ly)?|in present[- ]day)\s*:?\s+/i
const alias =
  /^(?:engl(?:ish)?|lat(?:in)?|ger(?:man)?|fr(?:ench)?|also(?: known as| called)?|a\.?k\.?a|or)\b\.?\s*:?\s*/i

/**
 * The place facet of an infobox `place` field: its comma-separated parts and
 * links, most specific first. A part takes the page of a link whose text or
 * page it equals (`Gettysburg` → `Gettysburg, Pennsylvania`) or of the links
 * it contains; `near X` and `15 km south of X` give X; `(modern-day X, Y)`
 * and `present day X` give the modern names as values; `(Engl.: X)` aliases,
 * flag emoji, `undefined`, empty parts and coordinates are dropped. Links no
 * part matches are values too. Never throws.
 *
 * @example
 * extractPlaces({ text: 'Adwa, Ethiopia', links: [{ type: 'internal', page: 'Adwa' }, { type: 'internal', text: 'Ethiopia', page: 'Ethiopian Empire' }] })
 * // { values: ['Adwa', 'Ethiopian Empire'], hierarchy: ['Ethiopian Empire', 'Adwa'] }
 */
export function extractPlaces(field: InfoboxField | undefined): PlaceFacet {
  if (field === undefined) return { values: [], labels: [], hierarchy: [] }
  const parts = splitParts(field.text)
  const { segments, unused } = matchSegments(parts, field.links, { contained: 'links', flagLinks: false })
  const values = dedupeValues(mergeUnused(segments.flat(), unused))
  const note = parts.findIndex((p) => p.modern === true && p.level)
  const levels = new Set(segments.flatMap((found, i) => (isLevel(parts, i, note) ? found : [])))
  const hierarchy = values.filter((value: LinkedValue) => levels.has(value)).reverse()
  return {
    values: values.map((value) => value.value),
    labels: values.map(({ value, display }) => ({ value, label: display })),
    hierarchy: hierarchy.length > maxLevels ? [] : hierarchy.map((value) => value.value),
  }
}

/**
 * Whether part `i` is a level of the hierarchy (`note`: the first modern-day note's part, or -1). A `(modern-day X, Y)` note
 * replaces the part it follows and everything after it: `Mohács, Kingdom of
 * Hungary (present-day Baranya County, Hungary)` → Hungary › Baranya County › Mohács.
 */
function isLevel(parts: readonly Part[], i: number, note: number): boolean {
  const part = parts[i]
  if (part?.level !== true) return false
  return note < 0 || part.modern === true || i < note - 1
}

/** Comma parts of every clause (`;`, line or bullet); only the first clause makes levels. */
function splitParts(text: string): readonly Part[] {
  const clauses = text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/,\s*\n\s*/g, ', ')
    .split(/[;\n•]|\s\*+\s/)
  // At most `maxFieldSegments` parts are read (see `matchSegments`): reading each costs a few patterns.
  let room = maxFieldSegments
  return clauses.flatMap((clause, index) => {
    const parts = splitTopLevel(clause).slice(0, Math.max(0, room))
    room -= parts.length
    return withEras(parts.flatMap((part) => readPart(part, index === 0)))
  })
}

/** Split on commas outside parentheses. */
function splitTopLevel(clause: string): readonly string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < clause.length; i++) {
    const char = clause[i]
    if (char === '(') depth++
    else if (char === ')') depth = Math.max(0, depth - 1)
    else if (char === ',' && depth === 0) {
      parts.push(clause.slice(start, i))
      start = i + 1
    }
  }
  parts.push(clause.slice(start))
  return parts
}

/** A part without its notes, then the places its notes name. */
function readPart(raw: string, level: boolean): readonly Part[] {
  const notes = [...raw.matchAll(/\(([^()]*)\)/g)].map((match) => match[1] ?? '')
  const main = place(raw.replace(/\([^()]*\)/g, ' '), level)
  return [...main, ...notes.flatMap((note) => readNote(note, level))]
}

function readNote(note: string, level: boolean): readonly Part[] {
  const text = note.trim()
  if (alias.test(text)) return []
  if (modern.test(text))
    return splitTopLevel(text.replace(modern, '')).flatMap((part) =>
      place(part, level).map((p) => ({ ...p, modern: true })),
    )
  if (!/^\P{Ll}/u.test(text)) return []
  return splitTopLevel(text).flatMap((part) => place(part, level))
}

/** The places one part names: prefixes dropped, `X in Y` split. */
function place(raw: string, level: boolean): readonly Part[] {
  let text = raw.replace(/\s+/g, ' ').trim()
  let era: Part['era']
  for (let previous = ''; previous !== text;) {
    previous = text
    if (historic.test(text)) era = 'then'
    if (modern.test(text)) era = 'now'
    text = text
      .replace(historic, '')
      .replace(modern, '')
      .replace(relative, '')
      .replace(/^(?:the|and|or|probably|possibly|perhaps|likely|somewhere)\s+/i, '')
  }
  if (unknownPlace.test(text)) return []
  return text
    .split(/\s+in\s+/)
    .filter((piece) => cleanValue(piece) !== undefined && /\p{L}/u.test(piece))
    .map((piece) => ({ text: piece, heading: false, level, era }))
}

/** A `then X` part next to a `present day Y` part is the same level seen earlier: only Y stays a level. */
function withEras(parts: readonly Part[]): readonly Part[] {
  return parts.map((part, i) =>
    part.era === 'then' && (parts[i - 1]?.era === 'now' || parts[i + 1]?.era === 'now')
      ? { ...part, level: false }
      : part,
  )
}
