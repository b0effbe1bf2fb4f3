import { OptionsError } from '../core/errors.js'
import { isRecord } from '../core/guards.js'
import type { Snippet } from './snippet.js'

/** Options of `highlight`. */
export interface HighlightOptions {
  /**
   * Element wrapped around each match: one that only styles text (`mark`, `b`,
   * `strong`, `em`, `i`, `u`, `s`, `span`, `ins`, `del`, `code`, `kbd`, `samp`,
   * `var`, `small`, `sub`, `sup`, `q`, `cite`, `dfn`, `abbr`) or a custom
   * element (a name with a `-`). Default `mark`.
   */
  readonly tag?: string
  /** `class` attribute of that element. Default: none. */
  readonly className?: string
}

/**
 * Elements `highlight` may write: inline ones that only style their text.
 * Not `script`, `style`, `textarea`, `title` and the like, whose content is
 * not HTML-escaped text: the escaped snippet inside them would be code.
 */
const textTags: ReadonlySet<string> = new Set(
  'mark b strong em i u s span ins del code kbd samp var small sub sup q cite dfn abbr'.split(' '),
)
const customElement = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Escape text for use in HTML content or a quoted attribute. `undefined` and
 * `null` (an absent field) give `''`, numbers and booleans their text.
 * @throws {OptionsError} `ERR_INVALID_QUERY` for any other value (an object is no text).
 */
export function escapeHtml(text: string): string {
  const value: unknown = text
  if (typeof value === 'string') return value.replace(/[&<>"']/g, (c) => escapes[c] ?? c)
  if (value === undefined || value === null) return ''
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  throw refused('escapeHtml takes text', value)
}

/**
 * Render a snippet as HTML: every character is escaped, and each match is
 * wrapped in `<mark>` (or `options.tag`). Safe to assign to `innerHTML`
 * whatever the article text contains.
 *
 * @example
 * highlight({ text: 'a <b> c', ranges: [[6, 7]] }) // 'a &lt;b&gt; <mark>c</mark>'
 */
export function highlight(snippet: Snippet, options?: HighlightOptions): string {
  const given: unknown = snippet
  if (!isRecord(given) || typeof given['text'] !== 'string' || !Array.isArray(given['ranges']))
    throw refused('highlight takes a snippet { text, ranges } (a hit\'s "snippet")', given)
  const { tag = 'mark', className } = options ?? {}
  if (typeof tag !== 'string' || !(textTags.has(tag.toLowerCase()) || customElement.test(tag.toLowerCase())))
    throw refused(
      'highlight option "tag" must be an element that only styles text (mark, b, strong, em, span…) or a custom element',
      tag,
    )
  if (className !== undefined && typeof className !== 'string')
    throw refused('highlight option "className" must be text', className)
  const open = className === undefined ? `<${tag}>` : `<${tag} class="${escapeHtml(className)}">`
  let html = ''
  let at = 0
  for (const range of snippet.ranges) {
    const [start, end] = Array.isArray(range) ? (range as readonly unknown[]) : []
    // Skip overlapping, empty and out-of-text ranges, NaN, fractions and anything but numbers.
    if (typeof start !== 'number' || typeof end !== 'number') continue
    if (!(start >= at && end > start && end <= snippet.text.length) || start % 1 || end % 1) continue
    html += escapeHtml(snippet.text.slice(at, start)) + open + escapeHtml(snippet.text.slice(start, end)) + `</${tag}>`
    at = end
  }
  return html + escapeHtml(snippet.text.slice(at))
}

function refused(what: string, received: unknown): OptionsError {
  let shown: string
  try {
    shown = typeof received === 'function' ? 'a function' : (JSON.stringify(received) ?? String(received))
  } catch {
    shown = Object.prototype.toString.call(received)
  }
  return new OptionsError('ERR_INVALID_QUERY', `infobox-search: ${what}, received ${shown}.`, { received })
}
