import type { IndexOptions } from '../core/options.js'
import type { Article, Infobox } from '../parse/article.js'
import { extractFacets } from './extractFacets.js'
import type { IndexRecord } from './record.js'
import { extractBody } from './extractBody.js'
import { findConflictInfobox } from './facets/kind.js'
import { extractCustomFields } from './customFields.js'
import type { RecordFacets, WrittenValue } from './record.js'

/** Infobox fields that hold no searchable words. */
const unsearchedFields = /^(image|image_size|caption|coordinates|map_.*|alt|no-location-property|module|size|width)$/

/**
 * Turn an article into what the index needs: text fields (body reduced to
 * plain text per `options.body`), stored display fields, facet values, and
 * the app's own front-matter fields named by `store`, `fields` and `facets`.
 */
export function extractRecord(
  article: Article,
  options: Pick<IndexOptions, 'body' | 'facets' | 'maxBodyLength' | 'store' | 'fields'>,
): IndexRecord {
  const body = extractBody(article.body, options)
  const { facets, diagnostics: facetDiagnostics } = extractFacets(article, options.facets)
  const custom = extractCustomFields(article, options)
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
    ...(custom.stored === undefined ? {} : { fields: custom.stored }),
    infobox: article.infoboxes.map(infoboxText).join('\n'),
    body: body.text,
    custom: custom.text,
    facets: withCustomFacets(facets, custom.facets),
    diagnostics: [...article.diagnostics, ...body.diagnostics, ...facetDiagnostics, ...custom.diagnostics],
  }
}

/** The infobox's facet values with those of the front matter added (each value once, labels counted). */
function withCustomFacets(
  facets: RecordFacets,
  custom: Readonly<Record<string, readonly WrittenValue[]>>,
): RecordFacets {
  if (Object.keys(custom).length === 0) return facets
  const extra = { ...facets.extra }
  const labels = { ...facets.labels }
  for (const [name, written] of Object.entries(custom)) {
    extra[name] = [...new Set([...(extra[name] ?? []), ...written.map(({ value }) => value)])]
    labels[name] = [...(labels[name] ?? []), ...written]
  }
  return { ...facets, extra, labels }
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
