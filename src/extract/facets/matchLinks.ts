import type { Link } from '../../parse/article.js'
import { cleanValue, matchKey } from './clean.js'
import { canonicalName, isFlagIcon, isValueLink, linkDisplay, linkKeys } from './links.js'

/** One piece of field text that may name a value: a line, a bullet, a comma part. */
export interface Segment {
  readonly text: string
  /** A heading (`Supported by:`) names no value itself, but a link it matches does. */
  readonly heading: boolean
}

/** A value found in a field, with the index of the link it came from, if any. */
export interface LinkedValue {
  readonly value: string
  readonly display: string
  readonly link: number | undefined
}

/**
 * What to do with a segment that is not itself a link but contains some:
 * `'links'` replaces it by those links; `'covered'` does so only when the
 * rest of the segment is connective words, and otherwise keeps it as text.
 */
export type ContainedLinks = 'covered' | 'links'

/** Options for {@link matchSegments}. */
export interface MatchOptions {
  readonly contained: ContainedLinks
  /** Whether flag-icon links (text `🇩🇰`, page `denmark`) name values. */
  readonly flagLinks: boolean
}

/** Values per segment, and values from the links no segment matched (in link order). */
export interface SegmentMatches {
  readonly segments: readonly (readonly LinkedValue[])[]
  readonly unused: readonly LinkedValue[]
}

/** Words that may surround links in a segment that is still only a list of those links. */
const connectives: ReadonlySet<string> = new Set([
  'a',
  'also',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'forces',
  'from',
  'his',
  'in',
  'including',
  'many',
  'of',
  'or',
  'other',
  'others',
  'plus',
  'representatives',
  'some',
  'supported',
  'the',
  'their',
  'troops',
  'under',
  'various',
  'with',
])

interface Candidate {
  readonly link: Link
  readonly index: number
  readonly keys: readonly string[]
}

/** One key of a candidate, as `containedLinks` tries them: longest first. */
interface KeyPair {
  readonly candidate: Candidate
  readonly linkKey: string
}

/**
 * Most segments and most links of one field that are read; the rest are
 * ignored. Real fields have tens of either (the corpus peaks below 100);
 * matching is quadratic in them, so 100,000 comma-separated places took 27 s.
 */
export const maxFieldSegments = 1000
export const maxFieldLinks = 1000
/** Characters of one segment matched against links (a segment of a real field is a line: far shorter). */
export const maxSegmentLength = 10_000

/**
 * Match segments to links. A segment whose cleaned text equals a link's text
 * or page (ignoring case, flags and diacritics; a trailing parenthesised note
 * may be ignored) becomes that link's canonical value; then a segment that
 * contains links is handled per `options.contained`; any other segment is a
 * value by its cleaned text. Headings yield only the link they equal.
 */
export function matchSegments(
  allSegments: readonly Segment[],
  allLinks: readonly Link[],
  options: MatchOptions,
): SegmentMatches {
  const segments = allSegments
    .slice(0, maxFieldSegments)
    .map((segment) =>
      segment.text.length > maxSegmentLength ? { ...segment, text: segment.text.slice(0, maxSegmentLength) } : segment,
    )
  const candidates: Candidate[] = []
  allLinks.slice(0, maxFieldLinks).forEach((link, index) => {
    if (isValueLink(link) && canonicalName(link) !== undefined && (options.flagLinks || !isFlagIcon(link))) {
      candidates.push({ link, index, keys: linkKeys(link) })
    }
  })
  // Every key of every candidate, longest first (stable: candidate order on ties), sorted once.
  const pairs = candidates
    .flatMap((candidate) => candidate.keys.map((linkKey) => ({ candidate, linkKey })))
    .sort((a, b) => b.linkKey.length - a.linkKey.length)
  const exact = segments.map((segment) => exactMatch(segment.text, candidates))
  const used = new Set(exact.flatMap((hit) => (hit === undefined ? [] : [hit.candidate.index])))
  const matched = segments.map((segment, i): readonly LinkedValue[] => {
    const hit = exact[i]
    if (hit !== undefined) return [toValue(hit.candidate, hit.display)]
    const text = cleanValue(segment.text)
    if (segment.heading || text === undefined) return []
    const inside = containedLinks(matchKey(text), pairs, used, options.contained)
    if (inside.length === 0) return [{ value: text, display: text, link: undefined }]
    for (const candidate of inside) used.add(candidate.index)
    return inside.map((candidate) => toValue(candidate, undefined))
  })
  const unused = candidates
    .filter((candidate) => !used.has(candidate.index))
    .map((candidate) => toValue(candidate, undefined))
  return { segments: matched, unused }
}

/**
 * Put values from unmatched links among the others by link order: each goes
 * just before the first value that came from a later link (a flag icon before
 * the entity it decorates), else at the end.
 */
export function mergeUnused(values: readonly LinkedValue[], unused: readonly LinkedValue[]): readonly LinkedValue[] {
  const merged = [...values]
  for (const extra of unused) {
    const at = merged.findIndex(
      (value) => value.link !== undefined && extra.link !== undefined && value.link > extra.link,
    )
    merged.splice(at < 0 ? merged.length : at, 0, extra)
  }
  return merged
}

/** Keep the first of values whose canonical names differ only by case or diacritics. */
export function dedupeValues<T extends { readonly value: string }>(values: readonly T[]): readonly T[] {
  const seen = new Set<string>()
  return values.filter((value) => {
    const key = matchKey(value.value)
    if (key === '' || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function exactMatch(
  text: string,
  candidates: readonly Candidate[],
): { candidate: Candidate; display: string } | undefined {
  const full = cleanValue(text)
  const short = cleanValue(full?.replace(/\s*\([^()]*\)$/, ''))
  for (const written of [full, short]) {
    const key = matchKey(written)
    if (written === undefined || key === '') continue
    for (let rank = 0; rank < 3; rank++) {
      const candidate = candidates.find((c) => c.keys[rank] === key)
      if (candidate !== undefined) return { candidate, display: written }
    }
  }
  return undefined
}

/** The links not `used` yet whose keys `key` contains as words, longest keys first, in the order they appear. */
function containedLinks(
  key: string,
  pairs: readonly KeyPair[],
  used: ReadonlySet<number>,
  policy: ContainedLinks,
): readonly Candidate[] {
  const hits: { candidate: Candidate; at: number }[] = []
  const hit = new Set<Candidate>()
  let rest = key
  for (const { candidate, linkKey } of pairs) {
    if (linkKey.length > key.length || used.has(candidate.index) || hit.has(candidate)) continue
    const at = findWord(rest, linkKey)
    if (at < 0) continue
    hits.push({ candidate, at })
    hit.add(candidate)
    rest = rest.slice(0, at) + ' '.repeat(linkKey.length) + rest.slice(at + linkKey.length)
  }
  if (policy === 'covered' && !rest.split(/[^\p{L}\p{N}']+/u).every((word) => word === '' || connectives.has(word)))
    return []
  return hits.sort((a, b) => a.at - b.at).map((hit) => hit.candidate)
}

/** Index of `word` in `text` where it is not part of a longer word, or -1. */
function findWord(text: string, word: string): number {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text.slice(0, at).slice(-1)
    const after = text.slice(at + word.length, at + word.length + 1)
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at
  }
  return -1
}

function toValue(candidate: Candidate, display: string | undefined): LinkedValue {
  const value = canonicalName(candidate.link) ?? ''
  return { value, display: display ?? linkDisplay(candidate.link) ?? value, link: candidate.index }
}
