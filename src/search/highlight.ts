import type { Snippet } from './snippet.js'

/** Options of `highlight`. */
export interface HighlightOptions {
  /** Element wrapped around each match. Default `mark`. */
  readonly tag?: string
  /** `class` attribute of that element. Default: none. */
  readonly className?: string
}

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escape text for use in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c)
}

/**
 * Render a snippet as HTML: every character is escaped, and each match is
 * wrapped in `<mark>` (or `options.tag`). Safe to assign to `innerHTML`
 * whatever the article text contains.
 *
 * @example
 * highlight({ text: 'a <b> c', ranges: [[6, 7]] }) // 'a &lt;b&gt; <mark>c</mark>'
 */
export function highlight(snippet: Snippet, options: HighlightOptions = {}): string {
  const tag = /^[a-z][a-z0-9-]*$/i.test(options.tag ?? '') ? (options.tag as string) : 'mark'
  const open = options.className === undefined ? `<${tag}>` : `<${tag} class="${escapeHtml(options.className)}">`
  let html = ''
  let at = 0
  for (const [start, end] of snippet.ranges) {
    // Skip overlapping, empty and out-of-text ranges, NaN and fractions.
    if (!(start >= at && end > start && end <= snippet.text.length) || start % 1 || end % 1) continue
    html += escapeHtml(snippet.text.slice(at, start)) + open + escapeHtml(snippet.text.slice(start, end)) + `</${tag}>`
    at = end
  }
  return html + escapeHtml(snippet.text.slice(at))
}
