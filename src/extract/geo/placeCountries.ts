/**
 * Modern countries named in an infobox `place` field, for places without
 * usable coordinates.
 */
import type { InfoboxField } from '../../parse/article.js'
import { MAX_NAME_WORDS, PLACE_NAMES, type PlaceName, placeWords } from './placeNames.js'

/** A country found in place text: its code, the words that named it, and how. */
export interface PlaceCountry {
  readonly code: string
  /** The name as found, normalized: `bulgaria`, `kingdom of france`. */
  readonly matched: string
  readonly source: 'place-text' | 'historical-state'
}

/** Longer place text is read up to here. */
const MAX_LENGTH = 2000

/** Words that open a note naming the place today: `(modern-day …)`, `present day …`, `today …`, `now …`. */
const MODERN_NOTE = [
  ['modern', 'day'],
  ['present', 'day'],
  ['in', 'modern', 'day'],
  ['in', 'present', 'day'],
  ['modern'],
  ['today'],
  ["today's"],
  ['now'],
  ['nowadays'],
  ['currently'],
] as const
/** Words that open a part naming the place as it was (`then Netherlands`): no evidence of today's country. */
const THEN = [['then'], ['formerly'], ['at', 'the', 'time']] as const
/** Words before a name that say the place is not in that country (`North Sea, near Denmark`). */
const OUTSIDE = [
  ['near'],
  ['off'],
  ['off', 'the', 'coast', 'of'],
  ['off', 'coast', 'of'],
  ['gulf', 'of'],
  ['bay', 'of'],
  ['sea', 'of'],
  ['strait', 'of'],
  ['straits', 'of'],
] as const
/** Words after a name that make it a river, a sea…: `Jordan River`, `Niger Delta`. */
const FEATURE_AFTER = new Set(['river', 'sea', 'strait', 'straits', 'delta', 'gulf', 'bay'])
/** Words that, with `of`, make a modern country's name a historical state's: `Kingdom of France`. */
const STATE_WORDS = new Set([
  'kingdom',
  'empire',
  'duchy',
  'archduchy',
  'principality',
  'electorate',
  'county',
  'margraviate',
  'khanate',
  'sultanate',
  'emirate',
  'caliphate',
  'tsardom',
  'dominion',
  'viceroyalty',
  'colony',
])

/** A run of words between punctuation, and where it stands. */
interface Run {
  readonly words: readonly string[]
  /** Inside a `(modern-day …)` / `present day …` note. */
  readonly note: boolean
  readonly parenthesized: boolean
}

/**
 * The modern countries an infobox `place` field names, best evidence
 * first. In order, the first that finds anything wins:
 *
 * 1. countries in a note naming the place today — `(modern-day Razgrad,
 *    Bulgaria)`, `present-day Walloon Brabant, Belgium`, `(today Ukraine)`,
 *    `(now Czech Republic)`; a note runs to its closing parenthesis,
 *    a `;`, a line end outside parentheses, or the end of the text;
 * 2. countries outside parentheses, then inside them (`Palaeopharsalos
 *    (Greece)`; `Syria (with spillover into Lebanon…)` is Syria);
 * 3. the first historical state (`HISTORICAL_STATES`, or a modern name
 *    after a state word: `Kingdom of France`) in the text, then in the link
 *    pages, marked `historical-state`.
 *
 * Names are whole words, longest first (`South Sudan` before `Sudan`,
 * `New Mexico` is the US). Not evidence: a part that says what the place
 * was (`then Netherlands`, `formerly …`); a name after `near`, `off`,
 * `gulf of`… or before `River`, `Sea`…; ambiguous names (`Georgia`). A
 * place that names a continent or an ocean (`Europe, the Pacific, …`) is
 * wider than any country: nothing, unless a modern-day note names some.
 * Never throws; reads at most 2,000 characters.
 *
 * @example
 * countriesInPlace({ text: 'Abritus, Moesia Inferior (modern-day Razgrad, Bulgaria)', links: [] })
 * // [{ code: 'BG', matched: 'bulgaria', source: 'place-text' }]
 * countriesInPlace({ text: 'Bouvines, County of Flanders, Kingdom of France', links: [] })
 * // [{ code: 'FR', matched: 'kingdom of france', source: 'historical-state' }]
 * countriesInPlace({ text: 'North Sea, near Denmark', links: [] })  // []
 */
export function countriesInPlace(field: InfoboxField | undefined): readonly PlaceCountry[] {
  if (field === undefined) return []
  const runs = splitRuns(field.text.slice(0, MAX_LENGTH))
  const found = runs.map((run) => ({ run, names: namesIn(run.words) }))
  const modern = found.flatMap(({ run, names }) =>
    names.filter((name) => name.kind === 'modern').map((name) => ({ run, name })),
  )
  const notes = modern.filter(({ run }) => run.note)
  if (notes.length > 0) return unique(notes.map(({ name }) => name))
  if (found.some(({ names }) => names.some((name) => name.kind === 'scope'))) return []
  const outside = modern.filter(({ run }) => !run.parenthesized)
  if (outside.length > 0) return unique(outside.map(({ name }) => name))
  if (modern.length > 0) return unique(modern.map(({ name }) => name))
  const pages = field.links.flatMap(({ page }) => (page === undefined ? [] : [page.replace(/\s*\([^()]*\)$/, '')]))
  const historical = [
    ...found.flatMap(({ names }) => names),
    ...pages.flatMap((page) => namesIn(placeWords(page))),
  ].find((name) => name.kind === 'historical')
  if (historical === undefined) return []
  return [{ code: historical.code, matched: historical.matched, source: 'historical-state' }]
}

interface Name {
  readonly kind: 'modern' | 'historical' | 'scope'
  readonly code: string
  readonly matched: string
}

function unique(names: readonly Name[]): readonly PlaceCountry[] {
  const seen = new Set<string>()
  return names.flatMap(({ code, matched }) => {
    if (seen.has(code)) return []
    seen.add(code)
    return [{ code, matched, source: 'place-text' as const }]
  })
}

/** The names in one run of words, longest match first, left to right. */
function namesIn(words: readonly string[]): readonly Name[] {
  const names: Name[] = []
  for (let start = 0; start < words.length;) {
    const match = longestAt(words, start)
    if (match === undefined) {
      start++
      continue
    }
    const { length, entry } = match
    const matched = words.slice(start, start + length).join(' ')
    start += length
    if (entry.kind === 'none') continue
    if (entry.kind === 'scope') names.push({ kind: 'scope', code: '', matched })
    else if (entry.kind === 'historical') names.push({ kind: 'historical', code: entry.code, matched })
    else if (STATE_WORDS.has(words[start - length - 2] ?? '') && words[start - length - 1] === 'of') {
      names.push({ kind: 'historical', code: entry.code, matched: words.slice(start - length - 2, start).join(' ') })
    } else if (!endsWith(words.slice(0, start - length), OUTSIDE) && !FEATURE_AFTER.has(words[start] ?? '')) {
      names.push({ kind: 'modern', code: entry.code, matched })
    }
  }
  return names
}

function longestAt(words: readonly string[], start: number): { length: number; entry: PlaceName } | undefined {
  for (let length = Math.min(MAX_NAME_WORDS, words.length - start); length > 0; length--) {
    const entry = PLACE_NAMES.get(words.slice(start, start + length).join(' '))
    if (entry !== undefined) return { length, entry }
  }
  return undefined
}

/** Split the text into runs of words at punctuation, marking notes, parentheses and `then …` parts. */
function splitRuns(text: string): readonly Run[] {
  const runs: Run[] = []
  let depth = 0
  /** The parenthesis depth a note opened at, or -1 outside notes. */
  let noteDepth = -1
  for (const piece of text.split(/([(),;:\n•*])/)) {
    if (piece === '(') depth++
    else if (piece === ')') {
      depth = Math.max(0, depth - 1)
      if (depth < noteDepth) noteDepth = -1
    } else if (piece === ';' || (piece === '\n' && depth === 0)) noteDepth = -1
    else if (piece !== ',') {
      let words = placeWords(piece)
      const opener = MODERN_NOTE.find((prefix) => startsWith(words, prefix))
      if (opener !== undefined) {
        noteDepth = depth
        words = words.slice(opener.length)
      }
      if (THEN.some((prefix) => startsWith(words, prefix))) continue
      if (words.length > 0) runs.push({ words, note: noteDepth >= 0, parenthesized: depth > 0 })
    }
  }
  return runs
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((word, i) => words[i] === word)
}

function endsWith(words: readonly string[], suffixes: readonly (readonly string[])[]): boolean {
  return suffixes.some((suffix) => {
    const start = words.length - suffix.length
    return start >= 0 && suffix.every((word, i) => words[start + i] === word)
  })
}
