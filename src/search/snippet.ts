import { fold } from '../core/fold.js'

/** A stretch of plain text with the positions of the matched words in it. */
export interface Snippet {
  readonly text: string
  /** `[start, end)` character offsets into `text`, in order, not overlapping. */
  readonly ranges: readonly (readonly [start: number, end: number])[]
}

/** Text scanned for matches, per document: enough for any real lead and several sections. */
export const snippetScanLimit = 20_000
/**
 * Characters scanned for the snippets of one search, over all its hits: a
 * page of up to 50 hits scans `snippetScanLimit` characters of each, a page
 * of 1,000 hits 1,000 of each, and no page less than 200 of each.
 */
export const snippetScanBudget = 1_000_000
const minimumScan = 200
/** Matches collected per term; plenty to choose a window from. */
const matchLimit = 20
/** Terms that are not whole words (a ZWJ or soft hyphen inside) are searched one by one: at most this many. */
const maxSearchedTerms = 32
/** With at most this many whole-word terms each is searched for on its own (see `findTerms`). */
const termByTermLimit = 8
const wordCharacter = /[\p{L}\p{N}\p{M}]/u
const wholeWord = /^[\p{L}\p{N}\p{M}]+$/u

/** Characters of each hit's text scanned for its snippet, in a page of `hits` hits (see `snippetScanBudget`). */
export function snippetScanFor(hits: number): number {
  return Math.max(minimumScan, Math.min(snippetScanLimit, Math.floor(snippetScanBudget / Math.max(1, hits))))
}

/**
 * The stretch of `text` of about `length` characters with the most distinct
 * matched terms, cut at word boundaries, with `…` where it was cut.
 * `terms` are normalised index terms, as MiniSearch reports them. Only the
 * first `scanLimit` characters of `text` are read. Linear in the text read.
 */
export function makeSnippet(
  text: string,
  terms: ReadonlySet<string>,
  length = 160,
  scanLimit = snippetScanLimit,
): Snippet {
  const source = text.length > scanLimit ? text.slice(0, scanLimit) : text
  const matches = findTerms(source, terms)
  const anchor = bestWindow(matches, length)
  // Start a little before the first match, at a word boundary.
  let start = Math.max(0, anchor - Math.floor(length / 4))
  if (start > 0) start = source.indexOf(' ', start) + 1 || start
  if (start > anchor) start = anchor
  let end = Math.min(source.length, start + length)
  if (end < source.length) end = source.lastIndexOf(' ', end) > start ? source.lastIndexOf(' ', end) : end
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  // Ranges count from the trimmed window: it starts where its first non-space character was.
  const window = source.slice(start, end).trim()
  start = source.indexOf(window, start)
  const ranges = matches
    .filter((m) => m.start >= start && m.end <= start + window.length)
    .map((m) => [m.start - start + prefix.length, m.end - start + prefix.length] as const)
  return { text: prefix + window + suffix, ranges }
}

/**
 * Where whole words of `source` spell one of `terms`. The text is folded
 * character by character (so offsets stay those of `source`). A few terms
 * are each found with `indexOf`, which stops after `matchLimit` matches (a
 * frequent word is found near the start); with more, each word of the text
 * is looked up in `terms` once, whatever their number. The few terms that are
 * not one word (a ZWJ or a soft hyphen inside) are always found with
 * `indexOf`. Texts are NFC (see `extractRecord`), so letters and their
 * accents are one character.
 */
function findTerms(source: string, terms: ReadonlySet<string>): Match[] {
  const lower = source.toLowerCase()
  // Lower-casing can change the length (İ → i̇); then fold every character instead.
  // The same few characters (quotes, dashes, accented letters) come again and again: each is folded once.
  const foldedCharacters = new Map<string, string>()
  const folded = (lower.length === source.length ? lower : source).replace(/[^\0-\x7f]|[A-Z]/g, (character) => {
    let folding = foldedCharacters.get(character)
    if (folding === undefined) foldedCharacters.set(character, (folding = foldCharacter(character)))
    return folding
  })
  const wholeWords = [...terms].filter((term) => wholeWord.test(term))
  const matches =
    wholeWords.length <= termByTermLimit
      ? wholeWords.flatMap((term) => occurrences(folded, term))
      : wordsAmong(folded, terms)
  // Terms with other characters inside, one by one.
  let searched = 0
  for (const term of terms) {
    // indexOf('', at) stops advancing at the end of the text: an empty term would loop forever.
    if (term === '' || wholeWord.test(term) || ++searched > maxSearchedTerms) continue
    matches.push(...occurrences(folded, term))
  }
  // A term may contain a character that is no word character (ZWJ, soft hyphen), so
  // another may match inside it: of overlapping matches keep the first, the longest on
  // ties. `end` is where the last kept match ends (always > 0: no match is empty).
  let end = 0
  return matches.sort((a, b) => a.start - b.start || b.end - a.end).filter((m) => m.start >= end && (end = m.end) > 0)
}

/** The first `matchLimit` places where `term` stands in `folded` between word boundaries. */
function occurrences(folded: string, term: string): Match[] {
  const found: Match[] = []
  for (let at = folded.indexOf(term); at >= 0 && found.length < matchLimit; at = folded.indexOf(term, at + 1))
    if (!isWordCharacterBefore(folded, at) && !isWordCharacterAt(folded, at + term.length))
      found.push({ start: at, end: at + term.length, term })
  return found
}

/**
 * Each word of `folded` that is one of `terms`, the first `matchLimit` of
 * each term. The text is walked character by character: only a word whose
 * length and first character some term has is cut out and looked up (a
 * regular expression would make an object per word).
 */
function wordsAmong(folded: string, terms: ReadonlySet<string>): Match[] {
  const matches: Match[] = []
  const found = new Map<string, number>()
  const firstCharacters = new Set<number>()
  let shortest = Infinity
  let longest = 0
  for (const term of terms) {
    firstCharacters.add(term.charCodeAt(0))
    shortest = Math.min(shortest, term.length)
    longest = Math.max(longest, term.length)
  }
  let start = -1
  for (let at = 0; at <= folded.length;) {
    const width = at < folded.length ? characterWidth(folded, at) : -1
    if (width > 0) {
      if (start < 0) start = at
      at += width
      continue
    }
    if (start >= 0) {
      const length = at - start
      if (length >= shortest && length <= longest && firstCharacters.has(folded.charCodeAt(start))) {
        const word = folded.slice(start, at)
        const count = terms.has(word) ? (found.get(word) ?? 0) : matchLimit
        if (count < matchLimit) {
          found.set(word, count + 1)
          matches.push({ start, end: at, term: word })
        }
      }
      start = -1
    }
    at -= width
  }
  return matches
}

/**
 * The width in code units of the character at `at`, positive for a word
 * character (a letter, digit or mark), negative for any other; a surrogate
 * pair is one character of width 2, as the `u` flag reads it.
 */
function characterWidth(text: string, at: number): number {
  const code = text.charCodeAt(at)
  if (code < 0x80)
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) ? 1 : -1
  const point = text.codePointAt(at) as number
  const width = point > 0xffff ? 2 : 1
  return wordCharacter.test(String.fromCodePoint(point)) ? width : -width
}

/** Whether the character starting at `at` is a word character (one outside the text is not). */
function isWordCharacterAt(text: string, at: number): boolean {
  return at < text.length && characterWidth(text, at) > 0
}

/** Whether the character ending just before `at` is a word character (a surrogate pair read whole). */
function isWordCharacterBefore(text: string, at: number): boolean {
  if (at <= 0) return false
  const low = text.charCodeAt(at - 1)
  if (low < 0x80) return characterWidth(text, at - 1) > 0
  const pairStart = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1
  const code = text.codePointAt(pairStart)
  // A lone low surrogate (no high one before it) is read alone.
  const character = code !== undefined && code > 0xffff ? String.fromCodePoint(code) : text.charAt(at - 1)
  return wordCharacter.test(character)
}

interface Match {
  readonly start: number
  readonly end: number
  readonly term: string
}

/**
 * Where the window of `length` characters with the most distinct terms
 * starts: at a match, the first one on ties (0 without matches). `matches`
 * are in order and do not overlap, so the matches of a window are a run of
 * them: two pointers and a count per term, linear in the matches.
 */
function bestWindow(matches: readonly Match[], length: number): number {
  let anchor = matches[0]?.start ?? 0
  let most = 0
  const inWindow = new Map<string, number>()
  let end = 0
  for (let first = 0; first < matches.length; first++) {
    const { start, term } = matches[first] as Match
    // A match longer than the window is in none: the next window starts after it.
    if (end < first) end = first
    for (let next = matches[end]; next !== undefined && next.end <= start + length; next = matches[++end])
      inWindow.set(next.term, (inWindow.get(next.term) ?? 0) + 1)
    if (inWindow.size > most) {
      anchor = start
      most = inWindow.size
    }
    if (first < end) {
      const left = (inWindow.get(term) ?? 0) - 1
      if (left > 0) inWindow.set(term, left)
      else inWindow.delete(term)
    }
  }
  return anchor
}

function foldCharacter(character: string): string {
  const folded = fold(character)
  return folded.length === 1 ? folded : character
}

/**
 * Holds a hit's `snippet` key in its place among the hit's keys until
 * `snippetWhenRead` replaces it (redefining a key keeps its place).
 */
export const pendingSnippet: Snippet = Object.freeze({ text: '', ranges: Object.freeze([]) })

/**
 * `hit` whose `snippet` is made the first time it is read, then kept: a
 * search whose snippets are never read (ids for a list of links, facet
 * counts) does none of their work, and each snippet is made at most once.
 * Reading, spreading or serialising the hit (`JSON.stringify`,
 * `structuredClone`, `postMessage`) reads it.
 */
export function snippetWhenRead<Hit extends { readonly snippet: Snippet }>(hit: Hit, make: () => Snippet): Hit {
  // Once made (or assigned), a plain data property again, as any other key of the hit.
  const settle = (snippet: Snippet) =>
    Object.defineProperty(hit, 'snippet', { value: snippet, enumerable: true, configurable: true, writable: true })
  return Object.defineProperty(hit, 'snippet', {
    enumerable: true,
    configurable: true,
    get(): Snippet {
      const snippet = make()
      settle(snippet)
      return snippet
    },
    set(snippet: Snippet) {
      settle(snippet)
    },
  })
}
