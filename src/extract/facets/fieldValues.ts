import type { InfoboxField } from '../../parse/article.js'
import { isHeadingLine } from './clean.js'
import { type ContainedLinks, type Segment, dedupeValues, matchSegments, mergeUnused } from './matchLinks.js'

/** One facet value of an infobox field. */
export interface FacetValue {
  /** Canonical name: the link page when the value is a link, else the cleaned text. */
  readonly value: string
  /** The value as written in the field, cleaned (`Athens` for page `Classical Athens`). */
  readonly display: string
}

/** Options for {@link extractFieldValues}. */
export interface FieldValuesOptions {
  /**
   * A line that is not itself a link but contains links: `'covered'` makes
   * it those links only when the rest is connective words (`Forces of X,
   * including Y`), else keeps it as text and adds the links after it;
   * `'links'` always makes it those links (entity lists such as combatants).
   * @default 'covered'
   */
  readonly containedLinks?: ContainedLinks
  /**
   * Whether a flag-icon link (text `🇩🇰`, page `denmark`) names a value: the
   * country the flag stands for. Off by default, since next to a commander the
   * flag is decoration.
   * @default false
   */
  readonly flagLinks?: boolean
}

/**
 * Split an infobox field into its values: one per line, bullet, `<br>`, flag
 * or stray `undefined` that separates entities; headings (`Supported by:`)
 * are not values. A line equal to a link's text or page (ignoring case, flags
 * and diacritics) takes the link page as its canonical value; links no line
 * matches are values too. Deduplicated by canonical value, ignoring case, in
 * first-seen order. Never throws.
 *
 * @example
 * extractFieldValues({ text: 'Athens,\nPlataea', links: [{ type: 'internal', text: 'Athens', page: 'Classical Athens' }] })
 * // [{ value: 'Classical Athens', display: 'Athens' }, { value: 'Plataea', display: 'Plataea' }]
 */
export function extractFieldValues(
  field: InfoboxField | undefined,
  options: FieldValuesOptions = {},
): readonly FacetValue[] {
  if (field === undefined) return []
  const { segments, unused } = matchSegments(splitSegments(field.text), field.links, {
    contained: options.containedLinks ?? 'covered',
    flagLinks: options.flagLinks ?? false,
  })
  return dedupeValues(mergeUnused(segments.flat(), unused)).map(({ value, display }) => ({ value, display }))
}

/** Lines, bullets, and the entities a flag or a stray `undefined` separates inside a line. */
function splitSegments(text: string): readonly Segment[] {
  return text
    .replace(/<br\s*\/?>|&lt;br\s*\/?&gt;/gi, '\n')
    .split(/\n|\s\*+\s|•/)
    .flatMap((line) => line.split(/(?:^|\s)undefined(?=\s|$)/i))
    .flatMap((piece) => piece.split(/\s+(?=[\u{1F1E6}-\u{1F1FF}\u{1F3F4}\u{1F3F3}\u{1F3C1}\u{1F6A9}\u{1F38C}])/u))
    .flatMap(splitHeading)
}

/** `Allies: Dutch Republic` → a heading segment and the text after it. */
function splitHeading(piece: string): readonly Segment[] {
  const inline = /^\s*([^:\d]{1,40}:)\s+(\S.*)$/u.exec(piece)
  if (inline?.[1] !== undefined && inline[2] !== undefined && isHeadingLine(inline[1])) {
    return [
      { text: inline[1], heading: true },
      { text: inline[2], heading: isHeadingLine(inline[2]) },
    ]
  }
  return [{ text: piece, heading: isHeadingLine(piece) }]
}
