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
const wordCharacter = /[\p{L}\p{N}\p{M}]/u
const wordRun = /[\p{L}\p{N}\p{M}]+/gu
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
 * character by character (so offsets stay those of `source`), then each of
 * its words is looked up in `terms`; the few terms that are not one word (a
 * ZWJ or a soft hyphen inside) are found with `indexOf`. Texts are NFC (see
 * `extractRecord`), so letters and their accents are one character.
 */
function findTerms(source: string, terms: ReadonlySet<string>): Match[] {
  const lower = source.toLowerCase()
  // Lower-casing can change the length (İ → i̇); then fold every character instead.
  const folded = (lower.length === source.length ? lower : source).replace(/[^\0-\x7f]|[A-Z]/g, foldCharacter)
  const isBoundary = (at: number) => at < 0 || at >= folded.length || !wordCharacter.test(folded[at] ?? '')
  const matches: Match[] = []
  const found = new Map<string, number>()
  // Whole-word terms: each word of the text looked up once, whatever the number of terms.
  for (const { 0: word, index: at } of folded.matchAll(wordRun)) {
    if (!terms.has(word)) continue
    const count = found.get(word) ?? 0
    if (count >= matchLimit) continue
    found.set(word, count + 1)
    matches.push({ start: at, end: at + word.length, term: word })
  }
  // Terms with other characters inside, one by one.
  let searched = 0
  for (const term of terms) {
    // indexOf('', at) stops advancing at the end of the text: an empty term would loop forever.
    if (term === '' || wholeWord.test(term) || ++searched > maxSearchedTerms) continue
    let count = 0
    for (let at = folded.indexOf(term); at >= 0 && count < matchLimit; at = folded.indexOf(term, at + 1)) {
      if (isBoundary(at - 1) && isBoundary(at + term.length)) {
        matches.push({ start: at, end: at + term.length, term })
        count++
      }
    }
  }
  // A term may contain a character that is no word character (ZWJ, soft hyphen), so
  // another may match inside it: of overlapping matches keep the first, the longest on
  // ties. `end` is where the last kept match ends (always > 0: no match is empty).
  let end = 0
  return matches.sort((a, b) => a.start - b.start || b.end - a.end).filter((m) => m.start >= end && (end = m.end) > 0)
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
