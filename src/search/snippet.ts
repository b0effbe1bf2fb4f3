import { fold } from '../core/fold.js'

/** A stretch of plain text with the positions of the matched words in it. */
export interface Snippet {
  readonly text: string
  /** `[start, end)` character offsets into `text`, in order, not overlapping. */
  readonly ranges: readonly (readonly [start: number, end: number])[]
}

/** Text scanned for matches, per document: enough for any real lead and several sections. */
export const snippetScanLimit = 20_000
/** Matches collected per term; plenty to choose a window from. */
const matchLimit = 20
const wordCharacter = /[\p{L}\p{N}\p{M}]/u

/**
 * The stretch of `text` of about `length` characters with the most distinct
 * matched terms, cut at word boundaries, with `…` where it was cut.
 * `terms` are normalised index terms, as MiniSearch reports them.
 */
export function makeSnippet(text: string, terms: ReadonlySet<string>, length = 160): Snippet {
  const source = text.length > snippetScanLimit ? text.slice(0, snippetScanLimit) : text
  const matches = findTerms(source, terms)
  // The window with the most distinct terms, first one on ties.
  let anchor = matches[0]?.start ?? 0
  let most = 0
  for (const { start } of matches) {
    const distinct = new Set(matches.filter((m) => m.start >= start && m.end <= start + length).map((m) => m.term)).size
    if (distinct > most) {
      anchor = start
      most = distinct
    }
  }
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
 * character by character (so offsets stay those of `source`), then each term
 * is found with `indexOf`: far cheaper than normalising every word. Texts
 * are NFC (see `extractRecord`), so letters and their accents are one character.
 */
function findTerms(source: string, terms: ReadonlySet<string>): { start: number; end: number; term: string }[] {
  const lower = source.toLowerCase()
  // Lower-casing can change the length (İ → i̇); then fold every character instead.
  const folded = (lower.length === source.length ? lower : source).replace(/[^\0-\x7f]|[A-Z]/g, foldCharacter)
  const isBoundary = (at: number) => at < 0 || at >= folded.length || !wordCharacter.test(folded[at] ?? '')
  const matches: { start: number; end: number; term: string }[] = []
  for (const term of terms) {
    // indexOf('', at) stops advancing at the end of the text: an empty term would loop forever.
    if (term === '') continue
    let found = 0
    for (let at = folded.indexOf(term); at >= 0 && found < matchLimit; at = folded.indexOf(term, at + 1)) {
      if (isBoundary(at - 1) && isBoundary(at + term.length)) {
        matches.push({ start: at, end: at + term.length, term })
        found++
      }
    }
  }
  // A term may contain a character that is no word character (ZWJ, soft hyphen), so
  // another may match inside it: of overlapping matches keep the first, the longest on
  // ties. `end` is where the last kept match ends (always > 0: no match is empty).
  let end = 0
  return matches.sort((a, b) => a.start - b.start || b.end - a.end).filter((m) => m.start >= end && (end = m.end) > 0)
}

function foldCharacter(character: string): string {
  const folded = fold(character)
  return folded.length === 1 ? folded : character
}
