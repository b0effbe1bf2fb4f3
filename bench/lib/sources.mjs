// Reads the project's fixtures and the shared Wikipedia corpus into pools of
// paragraphs, headings and infobox values for the corpus generator.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'

/** Sections that hold references and link lists (the library skips them too). */
export const tailHeadings =
  /^(references|notes|citations|sources|bibliography|further reading|external links|see also|footnotes)$/i

/** Source files, sorted so the pools (and the corpus) do not depend on directory order. */
export function listSourceFiles(dirs) {
  const files = []
  for (const dir of dirs) {
    if (!existsSync(dir)) continue
    const walk = (d) => {
      for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = path.join(d, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (entry.name.endsWith('.md') && entry.name !== 'README.md' && !entry.name.startsWith('expected'))
          files.push(full)
      }
    }
    walk(dir)
  }
  return files
}

/** Split a seed-shaped file into its YAML data and Markdown body; undefined when unreadable. */
export function splitArticle(text) {
  if (!text.startsWith('---\n')) return undefined
  const end = text.indexOf('\n---\n', 3)
  if (end < 0) return undefined
  try {
    const data = parseYaml(text.slice(4, end), { maxAliasCount: 100 })
    return data !== null && typeof data === 'object' ? { data, body: text.slice(end + 5) } : undefined
  } catch {
    return undefined
  }
}

/** Body → lead blocks and sections of blocks (a block: paragraph or bullet list). */
export function splitBody(body) {
  const lead = []
  const sections = []
  let blocks = lead
  let current = []
  const flush = () => {
    if (current.length > 0) blocks.push(current.join('\n'))
    current = []
  }
  for (const line of body.split('\n')) {
    const heading = /^(#{2,6})\s+(.+?)\s*#*\s*$/.exec(line)
    if (heading) {
      flush()
      sections.push({ depth: heading[1].length, heading: heading[2], blocks: (blocks = []) })
    } else if (line.trim() === '') {
      flush()
    } else {
      const bullet = /^\s*[*-]\s/.test(line)
      if (current.length > 0 && bullet !== /^\s*[*-]\s/.test(current[0])) flush()
      current.push(line)
    }
  }
  flush()
  return { lead, sections }
}

const isList = (block) => /^\s*[*-]\s/.test(block)

/** Pools of material, each deduplicated and in source order. */
export function loadPools(dirs) {
  const files = listSourceFiles(dirs)
  const pool = {
    files: files.length,
    leadParagraphs: new Set(),
    paragraphs: new Set(),
    lists: new Set(),
    headings: new Set(),
    subheadings: new Set(),
    tails: [],
    shortDescriptions: new Set(),
    images: new Set(),
    dates: new Set(),
    fields: {
      partof: [],
      result: [],
      combatant: [],
      units: [],
      strength: [],
      casualties: [],
      caption: [],
      territory: [],
    },
    commanders: [],
    placeTails: [],
    localities: [],
    otherInfoboxes: [],
  }
  const seenCommanders = new Set()
  const seenTails = new Set()
  for (const file of files) {
    const article = splitArticle(readFileSync(file, 'utf8'))
    if (article === undefined) continue
    const { data, body } = article
    if (typeof data.shortDescription === 'string') pool.shortDescriptions.add(data.shortDescription)
    if (typeof data.img === 'string' && data.img.startsWith('https://')) pool.images.add(data.img)
    const { lead, sections } = splitBody(body)
    for (const block of lead) if (!isList(block) && block.length >= 120) pool.leadParagraphs.add(block)
    for (const section of sections) {
      if (tailHeadings.test(section.heading)) {
        if (section.blocks.length > 0 && pool.tails.length < 200)
          pool.tails.push({ heading: section.heading, blocks: section.blocks })
        continue
      }
      if (section.heading.length <= 60) (section.depth === 2 ? pool.headings : pool.subheadings).add(section.heading)
      for (const block of section.blocks) {
        if (isList(block)) {
          if (block.length >= 60) pool.lists.add(block)
        } else if (block.length >= 120) pool.paragraphs.add(block)
      }
    }
    for (const infobox of Array.isArray(data.infoboxes) ? data.infoboxes : []) {
      if (infobox === null || typeof infobox !== 'object') continue
      if (!('combatant1' in infobox || 'conflict' in infobox)) {
        pool.otherInfoboxes.push(infobox)
        continue
      }
      collectConflict(infobox, pool, seenCommanders, seenTails)
    }
  }
  const list = (set) => [...set]
  return {
    ...pool,
    leadParagraphs: list(pool.leadParagraphs),
    paragraphs: list(pool.paragraphs),
    lists: list(pool.lists),
    headings: list(pool.headings),
    subheadings: list(pool.subheadings),
    shortDescriptions: list(pool.shortDescriptions),
    images: list(pool.images),
    dates: list(pool.dates),
  }
}

const isField = (value) => value !== null && typeof value === 'object' && typeof value.text === 'string'

function collectConflict(infobox, pool, seenCommanders, seenTails) {
  for (const [name, field] of Object.entries(infobox)) {
    if (!isField(field)) continue
    const base = name.replace(/\d+[a-z]?$/, '')
    if (base === 'date') pool.dates.add(field.text)
    else if (base === 'commander') {
      const links = Array.isArray(field.links) ? field.links : []
      for (const raw of field.text.split('\n')) {
        const line = raw.replace(/^[\s*]+/, '').trim()
        if (line === '' || line.length > 80 || seenCommanders.has(line)) continue
        seenCommanders.add(line)
        const link = links.find(
          (l) => l && (l.text === line || (typeof l.page === 'string' && line.startsWith(l.text ?? l.page))),
        )
        pool.commanders.push(link === undefined ? { text: line } : { text: line, link })
      }
    } else if (base === 'place') {
      const links = (Array.isArray(field.links) ? field.links : []).filter(
        (l) => l && typeof l.page === 'string' && l.page !== 'undefined',
      )
      if (links.length > 0) pool.localities.push(links[0])
      const tail = links.slice(1)
      const key = tail.map((l) => l.page).join('|')
      if (tail.length > 0 && !seenTails.has(key)) {
        seenTails.add(key)
        pool.placeTails.push(tail)
      }
    } else if (base in pool.fields && field.text.trim() !== '') pool.fields[base].push(field)
  }
}
