/** An opening or closing code fence: up to three spaces, then three or more backticks or tildes. */
const fence = /^ {0,3}(`{3,}|~{3,})/
/** An ATX heading at the start of a line. */
const atxHeading = /^#{1,6}(?:[ \t]|$)/
/** HTML blocks that a blank line does not end (CommonMark types 1–5): a `#` line inside them is not a heading. */
const unendedHtml = /^ {0,3}(?:<(?:script|pre|style|textarea)(?:[ \t>]|$)|<!|<\?)/i
/**
 * A line that opens a container (block quote, list item) or may open an HTML
 * block. Fences inside those follow the container's rules, and a fence-like
 * line can be swallowed by an HTML block, so once one is seen a fence-like
 * line is no longer read here: the whole body is parsed instead.
 */
const containerOrHtml = /^[ \t]*(?:[<>]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/
/** Anything that could be a fence in any container. */
const fenceLike = /`{3}|~{3}/
/** A link reference definition: it can change how `[text]` in the lead is read. */
const definition = /^ {0,3}\[(?:[^\]\\]|\\.){1,999}\]:/m

/**
 * The part of a Markdown body that the `lead` profile reads: everything
 * before the first `#` heading, found without parsing. remark then parses a
 * fraction of the body instead of all of it. The cut is made only where it
 * cannot change the lead: at a heading line that follows a blank line outside
 * any code fence, with no HTML block of a kind that spans blank lines before
 * it, no fence-like line after a container or HTML line, and no link
 * reference definition after it; otherwise the whole body is returned. `selectBody(toPlainText(leadMarkdown(md)), 'lead')` always equals
 * `selectBody(toPlainText(md), 'lead')`.
 */
export function leadMarkdown(markdown: string): string {
  /** The opening fence while inside a fenced code block. */
  let open: string | undefined
  let previousBlank = true
  /** Whether a container or HTML line has been seen: fences can no longer be told apart without parsing. */
  let contained = false
  for (let offset = 0; offset <= markdown.length;) {
    const newline = markdown.indexOf('\n', offset)
    const end = newline < 0 ? markdown.length : newline
    const line = markdown.slice(offset, end)
    if (open !== undefined) {
      const close = fence.exec(line)?.[1]
      if (
        close !== undefined &&
        close[0] === open[0] &&
        close.length >= open.length &&
        line.slice(line.indexOf(close) + close.length).trim() === ''
      )
        open = undefined
    } else if (previousBlank && atxHeading.test(line)) {
      return definition.test(markdown.slice(offset)) ? markdown : markdown.slice(0, offset)
    } else if (unendedHtml.test(line) || (contained && fenceLike.test(line))) {
      return markdown
    } else if (containerOrHtml.test(line)) {
      contained = true
      if (fenceLike.test(line)) return markdown
    } else {
      const opening = fence.exec(line)?.[1]
      // A backtick "fence" with a backtick in its info string is inline code, not a fence.
      if (
        opening !== undefined &&
        !(opening[0] === '`' && line.slice(line.indexOf(opening) + opening.length).includes('`'))
      )
        open = opening
    }
    previousBlank = line.trim() === ''
    if (newline < 0) break
    offset = newline + 1
  }
  return markdown
}
