import { fold } from '../../core/fold.js'

/**
 * Text cleaning for facet values: the converter leaves flag emoji, image file
 * names, wiki markup, bullets, the literal `undefined` and coordinates inside
 * infobox text. None of these are values.
 */

/** Phrases that introduce a sub-list in an infobox field rather than name an entity. */
const headingPhrases: ReadonlySet<string> = new Set([
  'supported by',
  'support',
  'in support',
  'with support from',
  'supporting',
  'commanded by',
  'led by',
  'former',
  'formerly',
  'allies',
  'allied',
  'co-belligerent',
  'co-belligerents',
  'cobelligerents',
  'belligerents',
  'auxiliaries',
  'ground forces',
  'naval forces',
  'air forces',
  'naval support',
  'air support',
  'including',
  'with',
  'also',
])

/** Flag emoji: regional-indicator pairs, 🏴 tag sequences, 🏳️/🏁/🚩/🎌 and their ZWJ variants. */
function flagPattern(): RegExp {
  return /[\u{1F1E6}-\u{1F1FF}]|\u{1F3F4}[\u{E0020}-\u{E007F}]*(?:\u{200D}\u{2620}\u{FE0F}?)?|[\u{1F3F3}\u{1F3C1}\u{1F6A9}\u{1F38C}]\u{FE0F}?(?:\u{200D}\p{Extended_Pictographic}\u{FE0F}?)?/gu
}

/**
 * Drop trailing separators and stray `undefined` words. A loop, not one
 * regular expression: `(?:[\s,;:]|undefined)+$` backtracks quadratically on a
 * long run of `, , , …`.
 */
function trimEnd(text: string): string {
  let end = text.length
  for (;;) {
    while (end > 0 && /[\s,;:]/.test(text[end - 1] ?? '')) end--
    if (end >= 9 && /(?:^|\W)undefined$/i.test(text.slice(Math.max(0, end - 10), end))) end -= 9
    else return text.slice(0, end)
  }
}

/** Whether `text` contains a flag emoji. */
export function containsFlag(text: string): boolean {
  return flagPattern().test(text)
}

/** `text` with every flag emoji (and the joiners and selectors around them) replaced by a space. */
export function stripFlags(text: string): string {
  // Each of these characters alone is removed (a selector, a joiner, a tag): no joined sequence is meant.
  // eslint-disable-next-line no-misleading-character-class
  return text.replace(flagPattern(), ' ').replace(/[\u{FE0F}\u{200D}\u{E0020}-\u{E007F}]/gu, '')
}

/**
 * Clean one candidate facet value: drop wiki image markup and image file
 * names (`Royal Arms of England.svg Kingdom of England` → `Kingdom of England`),
 * flag emoji, wiki quotes, leading bullets and stray `undefined` words; trim
 * and collapse whitespace.
 *
 * @returns the cleaned text, or `undefined` when nothing that could be a value
 * remains: empty text, the literal `undefined`/`null`, pure punctuation, or
 * coordinates such as `39.811°N, -77.225°W` or `48°51′N 2°21′E`.
 * @example cleanValue('🇺🇸 United States') // 'United States'
 */
export function cleanValue(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  let cleaned = stripFlags(text.normalize('NFC'))
    .replace(/\[\[(?:image|file):[^\]]*\]\]/gi, ' ')
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/<[a-z/][^>]*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^.*\S\.(?:svg|png|jpe?g|gif|webp|tiff?)(?=\s|$)/i, ' ')
    .replace(/'{2,}/g, '')
    .trim()
    .replace(/^(?:(?:[*•·‣◦▪#]+|[-–—](?=\s)|undefined\b)\s*)+/i, '')
    .replace(/^[,;:]\s*/, '')
  cleaned = trimEnd(cleaned)
  if (cleaned === '' || /^(?:undefined|null)$/i.test(cleaned)) return undefined
  if (/^[\p{P}\p{S}\s]*$/u.test(cleaned) || isCoordinates(cleaned)) return undefined
  return cleaned
}

/** Whether `text` is only a geographic coordinate or a pair of them. */
function isCoordinates(text: string): boolean {
  if (/^\{\{coord\b/i.test(text)) return true
  if (!/\d/.test(text) || text.replace(/[\d.,;:\s°º′″'"+\-−–NSEWnsew/]/g, '') !== '') return false
  return /[°º′″]/.test(text) || (text.match(/\d+\.\d+/g) ?? []).length >= 2
}

/**
 * Whether a line introduces a sub-list instead of naming an entity:
 * `Supported by:`, `Allies:`, `Ground Forces:`, or a known heading phrase
 * without its colon (`Commanded by`, `Former`).
 */
export function isHeadingLine(line: string): boolean {
  const text = stripFlags(line)
    .replace(/^[\s*•·#]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (/^[^:]+:$/.test(text)) return text.split(' ').length <= 6
  return headingPhrases.has(text.toLowerCase())
}

/**
 * The key two spellings of one value share: cleaned, without diacritics,
 * lower-cased, with typographic quotes and dashes made plain. Empty when the
 * text cleans to nothing.
 */
export function matchKey(text: string | undefined): string {
  return fold(cleanValue(text) ?? '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—―−]/g, '-')
}
