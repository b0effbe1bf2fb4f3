import type { IndexOptions } from '../core/options.js'
import type { Diagnostic } from '../parse/article.js'
import { leadMarkdown } from './leadMarkdown.js'
import { selectBody } from './selectBody.js'
import { toPlainText } from './toPlainText.js'

/**
 * Body lines read at most. remark spends far more per line (a list item, a
 * paragraph) than per character: 2,000,000 characters of `- a` lines would
 * take over a minute, 20,000 lines a few seconds. Real articles have a few
 * hundred lines (the corpus peaks at 902).
 */
const maxBodyLines = 20_000

/** The plain text an article body contributes to the index, and what was cut from it. */
export interface ExtractedBody {
  /** Plain text per the body profile, blocks separated by blank lines, NFC. */
  readonly text: string
  /** `body-truncated` warnings, when the body was longer than the limits. */
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * The body as the index reads it, in one place and in this order:
 * 1. cut at `maxBodyLength` characters, then at 20,000 lines (each with a warning);
 * 2. for `lead`, only the Markdown before the first heading is parsed (the same text, far less work);
 * 3. Markdown → plain text, reduced to the profile's blocks (`selectBody`);
 * 4. NFC, so a letter and its accent are one character (snippets find words by offset).
 */
export function extractBody(markdown: string, options: Pick<IndexOptions, 'body' | 'maxBodyLength'>): ExtractedBody {
  const diagnostics: Diagnostic[] = []
  let source = markdown
  if (source.length > options.maxBodyLength) {
    diagnostics.push(
      truncated(
        `the body has ${source.length} characters, more than maxBodyLength (${options.maxBodyLength}); only the first ${options.maxBodyLength} were indexed`,
      ),
    )
    source = source.slice(0, options.maxBodyLength)
  }
  const lineEnd = nthLineEnd(source, maxBodyLines)
  if (lineEnd < source.length) {
    diagnostics.push(
      truncated(`the body has more than ${maxBodyLines} lines; only the first ${maxBodyLines} were indexed`),
    )
    source = source.slice(0, lineEnd)
  }
  if (options.body === 'none') return { text: '', diagnostics }
  if (options.body === 'lead') source = leadMarkdown(source)
  return { text: selectBody(toPlainText(source), options.body).normalize('NFC'), diagnostics }
}

function truncated(message: string): Diagnostic {
  return { severity: 'warning', code: 'body-truncated', message }
}

/** Offset of the end of line `count` of `text`, or its length when it has fewer lines. */
function nthLineEnd(text: string, count: number): number {
  let at = -1
  for (let line = 0; line < count; line++) {
    at = text.indexOf('\n', at + 1)
    if (at < 0) return text.length
  }
  return at
}
