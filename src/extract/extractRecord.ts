import type { IndexOptions } from '../core/options.js'
import type { Article, Infobox } from '../parse/article.js'
import { extractFacets } from './extractFacets.js'
import type { IndexRecord } from './record.js'
import { extractBody } from './extractBody.js'
import { findConflictInfobox } from './facets/kind.js'

/** Infobox fields that hold no searchable words. */
const unsearchedFields = /^(image|image_size|caption|coordinates|map_.*|alt|no-location-property|module|size|width)$/

/**
 * Turn an article into what the index needs: text fields (body reduced to
 * plain text per `options.body`), stored display fields and facet values.
 */
export function extractRecord(
  article: Article,
  options: Pick<IndexOptions, 'body' | 'facets' | 'maxBodyLength'>,
): IndexRecord {
  const body = extractBody(article.body, options)
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
    body: body.text,
    facets,
    diagnostics: [...article.diagnostics, ...body.diagnostics, ...facetDiagnostics],
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
