import type { IndexOptions } from '../index/options.js'
import type { Article, Diagnostic, Infobox } from '../parse/article.js'
import { extractFacets } from './extractFacets.js'
import type { IndexRecord } from './record.js'
import { leadMarkdown } from './leadMarkdown.js'
import { selectBody } from './selectBody.js'
import { toPlainText } from './toPlainText.js'
import { findConflictInfobox } from './facets/kind.js'

/** Infobox fields that hold no searchable words. */
const unsearchedFields = /^(image|image_size|caption|coordinates|map_.*|alt|no-location-property|module|size|width)$/

/**
 * Body lines read at most. remark spends far more per line (a list item, a
 * paragraph) than per character: 2,000,000 characters of `- a` lines would
 * take over a minute, 20,000 lines a few seconds. Real articles have a few
 * hundred lines (the corpus peaks at 902).
 */
const maxBodyLines = 20_000

/**
 * Turn an article into what the index needs: text fields (body reduced to
 * plain text per `options.body`), stored display fields and facet values.
 */
export function extractRecord(article: Article, options: Pick<IndexOptions, 'body' | 'facets' | 'maxBodyLength'>): IndexRecord {
  const diagnostics: Diagnostic[] = [...article.diagnostics]
  let markdown = article.body
  if (markdown.length > options.maxBodyLength) {
    diagnostics.push({
      severity: 'warning',
      code: 'body-truncated',
      message: `the body has ${markdown.length} characters, more than maxBodyLength (${options.maxBodyLength}); only the first ${options.maxBodyLength} were indexed`,
    })
    markdown = markdown.slice(0, options.maxBodyLength)
  }
  const lineEnd = nthLineEnd(markdown, maxBodyLines)
  if (lineEnd < markdown.length) {
    diagnostics.push({
      severity: 'warning',
      code: 'body-truncated',
      message: `the body has more than ${maxBodyLines} lines; only the first ${maxBodyLines} were indexed`,
    })
    markdown = markdown.slice(0, lineEnd)
  }
  // NFC, so a letter and its accent are one character: snippets find words by offset.
  // `lead` parses only the Markdown before the first heading (the same text, far less work).
  const source = options.body === 'lead' ? leadMarkdown(markdown) : markdown
  const body = options.body === 'none' ? '' : selectBody(toPlainText(source), options.body).normalize('NFC')
  const { facets, diagnostics: facetDiagnostics } = extractFacets(article, options.facets)
  const main = findConflictInfobox(article.infoboxes) ?? article.infoboxes[0]
  const date = main?.['date']?.text
  const place = main?.['place']?.text
  return {
    id: article.id,
    title: article.title,
    ...(article.shortDescription === undefined ? {} : { shortDescription: article.shortDescription }),
    ...(article.description === undefined ? {} : { description: article.description }),
    ...(article.image === undefined ? {} : { image: article.image }),
    ...(date === undefined ? {} : { date }),
    ...(place === undefined ? {} : { place }),
    infobox: article.infoboxes.map(infoboxText).join('\n'),
    body,
    facets,
    diagnostics: [...diagnostics, ...facetDiagnostics],
  }
}

/** Every field's text and its link pages, one per line. */
function infoboxText(infobox: Infobox): string {
  const lines: string[] = []
  for (const [name, field] of Object.entries(infobox)) {
    if (unsearchedFields.test(name)) continue
    lines.push(field.text)
    for (const link of field.links) {
      if (link.page !== undefined && link.page !== field.text) lines.push(link.page)
    }
  }
  return lines.join('\n')
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
