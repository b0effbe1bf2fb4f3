// The BASELINE pipeline: what a user would write by hand without this
// library. Front matter split + js-yaml `load` (the parser the library uses),
// the same remark parse, then mdast-util-to-string per block, the same body
// selection as our profiles.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { toString } from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { load as parseYaml } from 'js-yaml'

const parser = unified().use(remarkParse).freeze()
const skipped = /^(references|notes|citations|sources|bibliography|further reading|external links|see also|footnotes)$/i
const unsearched = /^(image|image_size|caption|coordinates|map_.*|alt|no-location-property|module|size|width)$/

/** Markdown files below `dir` with ids like listArticleFiles gives (relative path, no extension), sorted. */
export async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true })
  return entries
    .filter((f) => /\.(md|markdown)$/i.test(f))
    .map((f) => ({
      path: path.join(dir, f),
      id: f
        .split(path.sep)
        .join('/')
        .replace(/\.[^./]+$/, '')
        .replace(/\/index$/, ''),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Front matter data and body; undefined without front matter. */
export function splitFrontMatter(text) {
  if (!text.startsWith('---')) return undefined
  const end = text.indexOf('\n---', 3)
  if (end < 0) return undefined
  const data = parseYaml(text.slice(text.indexOf('\n') + 1, end)) ?? {}
  const after = text.indexOf('\n', end + 4)
  return { data, body: after < 0 ? '' : text.slice(after + 1) }
}

/** Markdown → { lead, sections } of plain-text blocks, one block per top-level node (list items apart). */
export function markdownBlocks(markdown) {
  const root = parser.parse(markdown)
  const lead = []
  const sections = []
  let blocks = lead
  const push = (text) => {
    const clean = text.replace(/\s+/g, ' ').trim()
    if (clean !== '') blocks.push(clean)
  }
  for (const node of root.children) {
    if (node.type === 'heading') {
      sections.push({ heading: toString(node), depth: node.depth, blocks: (blocks = []) })
    } else if (node.type === 'list') {
      for (const item of node.children) push(toString(item, { includeImageAlt: true }))
    } else if (node.type !== 'html') {
      push(toString(node, { includeImageAlt: true }))
    }
  }
  return { lead, sections }
}

/** The same body selection as our `selectBody` profiles. */
export function selectBlocks({ lead, sections }, profile) {
  if (profile === 'none') return ''
  const out = [...lead]
  if (profile !== 'lead') {
    let skipBelow = Infinity
    for (const section of sections) {
      if (section.depth > skipBelow) continue
      skipBelow = skipped.test(section.heading.trim()) ? section.depth : Infinity
      if (skipBelow !== Infinity) continue
      out.push(section.heading, ...(profile === 'full' ? section.blocks : section.blocks.slice(0, 1)))
    }
  }
  return out.join('\n\n')
}

const fieldText = (field) =>
  field !== null && typeof field === 'object' && typeof field.text === 'string' ? field.text : undefined

/** Every infobox field's text and its link pages, one per line (as our `infobox` field). */
export function infoboxText(infoboxes) {
  const lines = []
  for (const infobox of infoboxes) {
    if (infobox === null || typeof infobox !== 'object') continue
    for (const [name, field] of Object.entries(infobox)) {
      const text = fieldText(field)
      if (text === undefined || unsearched.test(name)) continue
      lines.push(text)
      for (const link of Array.isArray(field.links) ? field.links : [])
        if (link?.page !== undefined && link.page !== text) lines.push(String(link.page))
    }
  }
  return lines.join('\n')
}

/** One article as a plain document: the five text fields and the stored fields. */
/** `phases`, when given, is charged 'frontMatter' then 'markdown' (see buildWorker.mjs). */
export function toDocument(text, id, profile, phases) {
  const split = splitFrontMatter(text)
  phases?.stop('frontMatter')
  if (split === undefined) return undefined
  const { data, body } = split
  const infoboxes = Array.isArray(data.infoboxes) ? data.infoboxes : []
  const main =
    infoboxes.find((b) => b && typeof b === 'object' && ('combatant1' in b || 'conflict' in b)) ?? infoboxes[0] ?? {}
  const doc = {
    id,
    title: String(data.title ?? id),
    shortDescription: typeof data.shortDescription === 'string' ? data.shortDescription : '',
    description: typeof data.description === 'string' ? data.description : '',
    infobox: infoboxText(infoboxes),
    body: profile === 'none' ? '' : selectBlocks(markdownBlocks(body), profile),
  }
  phases?.stop('markdown')
  if (typeof data.img === 'string') doc.image = data.img
  const date = fieldText(main.date)
  if (date !== undefined) doc.date = date
  const place = fieldText(main.place)
  if (place !== undefined) doc.place = place
  return { doc, main }
}

const realPage = (link) => typeof link?.page === 'string' && link.page !== 'undefined' && link.page.trim() !== ''

/**
 * Simple facet values for the other engines (not timed as part of their
 * build): place link pages (else comma-separated text), combatant link
 * pages, and the date interval in years from our own `parseDate`.
 */
export function simpleFacets(main, parseDate) {
  const place = main.place
  const places =
    Array.isArray(place?.links) && place.links.some(realPage)
      ? place.links.filter(realPage).map((l) => l.page)
      : (fieldText(place) ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
  const combatants = []
  for (const [name, field] of Object.entries(main)) {
    if (!/^combatant\d+[a-z]?$/.test(name)) continue
    for (const link of Array.isArray(field?.links) ? field.links : []) if (realPage(link)) combatants.push(link.page)
  }
  const dateText = fieldText(main.date)
  const interval = dateText === undefined ? undefined : parseDate(dateText)
  return {
    places: [...new Set(places)],
    combatants: [...new Set(combatants)],
    ...(interval === undefined ? {} : { dateStart: interval.start.year, dateEnd: interval.end?.year ?? 9999 }),
  }
}
