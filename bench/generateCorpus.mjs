#!/usr/bin/env node
// Deterministic, seeded corpus generator: N articles in the seed's shape
// (YAML front matter with a conflict infobox, then a Markdown body with `##`
// sections), recombined from fixtures/*/index.md and the shared Wikipedia
// corpus. Same seed and same source files → byte-identical output, and the
// first N articles of a larger corpus are the N articles of a smaller one.
//
//   node bench/generateCorpus.mjs --count 10000 --seed 42 --out bench/out/corpus-10000
import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stringify } from 'yaml'
import { readArgs, toInt } from './lib/args.mjs'
import { randomDate, randomYear, yearLabel } from './lib/dates.mjs'
import { inventPerson, inventRank, inventVillage, inventWord } from './lib/names.mjs'
import { createRandom, deriveSeed } from './lib/prng.mjs'
import { listSourceFiles, loadPools } from './lib/sources.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
export const defaultSources = [path.join(here, '..', 'fixtures'), '/work/shared/corpus/articles']
/** Bumped whenever the output for a given seed changes. */
export const generatorVersion = 1
const minBytes = 3 * 1024
const maxBytes = 30 * 1024

/** A fingerprint of the inputs: generator version, seed and the source files' bytes. */
export function corpusFingerprint({ count, seed, sources = defaultSources }) {
  const hash = createHash('sha256').update(`${generatorVersion}:${seed}:${count}\n`)
  for (const file of listSourceFiles(sources))
    hash.update(path.basename(path.dirname(file)) + '/' + path.basename(file)).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

/**
 * Write `count` articles into `out` (emptied first when it holds an earlier
 * corpus) plus `manifest.jsonl` (one line per article: id, title, invented
 * names…) and `corpus.json` (count, seed, fingerprint, bytes).
 */
export function generateCorpus({ count, seed, out, sources = defaultSources, log = () => {} }) {
  const pools = loadPools(sources)
  if (pools.paragraphs.length === 0) throw new Error(`bench: no source articles found in ${sources.join(', ')}`)
  prepareDirectory(out)
  const titles = new Set()
  const slugs = new Set()
  const manifest = openSync(path.join(out, 'manifest.jsonl'), 'w')
  let bytes = 0
  let smallest = Infinity
  let largest = 0
  for (let i = 0; i < count; i++) {
    const random = createRandom(deriveSeed(seed, `article:${i}`))
    const article = makeArticle(random, pools, titles, slugs)
    writeFileSync(path.join(out, `${article.id}.md`), article.text)
    writeSync(manifest, JSON.stringify({ n: i, ...article.facts }) + '\n')
    const size = Buffer.byteLength(article.text)
    bytes += size
    smallest = Math.min(smallest, size)
    largest = Math.max(largest, size)
    if ((i + 1) % 5000 === 0) log(`generated ${i + 1}/${count}`)
  }
  closeSync(manifest)
  const meta = {
    count,
    seed,
    generatorVersion,
    fingerprint: corpusFingerprint({ count, seed, sources }),
    sourceFiles: pools.files,
    bytes,
    smallest,
    largest,
  }
  writeFileSync(path.join(out, 'corpus.json'), JSON.stringify(meta, null, 2) + '\n')
  return meta
}

function prepareDirectory(out) {
  if (existsSync(out)) {
    const entries = readdirSync(out)
    if (entries.length > 0 && !entries.includes('corpus.json')) {
      throw new Error(`bench: ${out} is not empty and holds no corpus.json; refusing to overwrite it`)
    }
    rmSync(out, { recursive: true, force: true })
  }
  mkdirSync(out, { recursive: true })
}

// ---------------------------------------------------------------------------

function slugOf(title) {
  return (
    title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'article'
  )
}

/** A title not used before (a counter is added when needed). */
function uniqueTitle(base, titles, slugs) {
  let title = base
  for (let n = 2; titles.has(title) || slugs.has(slugOf(title)); n++) title = `${base} (${n})`
  titles.add(title)
  slugs.add(slugOf(title))
  return title
}

const plain = (markdown) => markdown.replace(/\*\*|\*|__/g, '').replace(/^\s*[-*]\s+/gm, '')
const firstLine = (text) =>
  text
    .split('\n')[0]
    .replace(/^[\s*]+/, '')
    .trim()
const firstSentence = (text) => {
  const match = /^.{40,}?[.!?](?=\s|$)/s.exec(text)
  return (match ? match[0] : text).trim()
}

function makeArticle(random, pools, titles, slugs) {
  const kindRoll = random.next()
  return kindRoll < 0.86
    ? conflictArticle(random, pools, titles, slugs)
    : otherArticle(random, pools, titles, slugs, kindRoll < 0.95)
}

function conflictArticle(random, pools, titles, slugs) {
  const date =
    random.chance(0.08) && pools.dates.length > 0 ? sourceDate(random, pools) : randomDate(random, randomYear(random))
  const real = random.chance(0.3) && pools.localities.length > 0
  const locality = real ? random.pick(pools.localities) : { type: 'internal', page: inventVillage(random) }
  const localityName = locality.text ?? locality.page
  const tail = random.pick(pools.placeTails)
  const kind = [
    'Battle',
    'Battle',
    'Battle',
    'Battle',
    'Siege',
    'Siege',
    'Skirmish',
    'Raid',
    'Second Battle',
    'Relief',
  ][random.int(0, 9)]
  const connector = kind === 'Skirmish' ? 'at' : kind === 'Raid' ? 'on' : 'of'
  const shape = random.next()
  const base =
    shape < 0.1
      ? `${kind} ${connector} ${localityName}`
      : shape < 0.15
        ? `${localityName} campaign (${yearLabel(date.year)})`
        : `${kind} ${connector} ${localityName} (${yearLabel(date.year)})`
  const title = uniqueTitle(base, titles, slugs)
  const name = title.replace(/ \(.*$/, '')

  const partof = random.chance(0.85) ? random.pick(pools.fields.partof) : undefined
  const [combatant1, combatant2] = random.sample(pools.fields.combatant, 2)
  const invented = {
    infobox: inventPerson(random),
    lead: inventPerson(random),
    section: inventPerson(random),
    deep: inventPerson(random),
  }
  const side = random.int(1, 2)
  const commanders = [
    commanderField(random, pools, side === 1 ? invented.infobox : undefined),
    commanderField(random, pools, side === 2 ? invented.infobox : undefined),
  ]
  const image = random.chance(0.85) ? random.pick(pools.images) : undefined
  const placeLinks = [locality, ...tail]
  const place = { text: placeLinks.map((l) => l.text ?? l.page).join(', '), links: placeLinks }

  const infobox = { conflict: { text: name } }
  if (partof) infobox.partof = partof
  if (image) infobox.image = { text: imageName(image) }
  if (random.chance(0.5)) infobox.caption = random.pick(pools.fields.caption)
  infobox.date = { text: date.text }
  infobox.place = place
  if (random.chance(0.3))
    infobox.coordinates = { text: `${(random.next() * 90).toFixed(3)}°N, ${(random.next() * 180).toFixed(3)}°E` }
  if (random.chance(0.08) && pools.fields.territory.length > 0) infobox.territory = random.pick(pools.fields.territory)
  infobox.result = random.pick(pools.fields.result)
  infobox.combatant1 = combatant1
  infobox.combatant2 = combatant2
  if (random.chance(0.06)) infobox.combatant3 = random.pick(pools.fields.combatant)
  infobox.commander1 = commanders[0]
  infobox.commander2 = commanders[1]
  if (random.chance(0.5) && pools.fields.units.length > 1) {
    infobox.units1 = random.pick(pools.fields.units)
    infobox.units2 = random.pick(pools.fields.units)
  }
  infobox.strength1 = random.pick(pools.fields.strength)
  infobox.strength2 = random.pick(pools.fields.strength)
  infobox.casualties1 = random.pick(pools.fields.casualties)
  infobox.casualties2 = random.pick(pools.fields.casualties)

  const where = tail.map((l) => l.text ?? l.page).join(', ')
  const during = partof ? `, during ${partof.text.replace(/^the /, 'the ')}` : ''
  const opening = `The ${name} was fought on ${date.text} near ${localityName}${where ? ` in ${where}` : ''}, between ${firstLine(combatant1.text)} and ${firstLine(combatant2.text)}${during}.`
  const description = `${opening} ${firstSentence(plain(random.pick(pools.leadParagraphs)))}`
  const front = {
    title,
    ...(random.chance(0.7)
      ? {
          shortDescription: `${kind === 'Siege' ? 'Siege' : 'Battle'} of ${partof ? partof.text.replace(/^the /, 'the ') : 'a forgotten war'}, ${yearLabel(date.year)}`,
        }
      : {}),
    description,
    author: 'infobox-search bench',
    ...(image ? { img: image } : {}),
    infoboxes: [infobox],
  }
  const leadBlock = description.replace(`The ${name}`, `The **${name}**`)
  const body = makeBody(random, pools, leadBlock, invented, front, name)
  const facts = {
    id: slugOf(title),
    title,
    kind: 'conflict',
    year: date.year,
    date: date.text,
    locality: localityName,
    places: placeLinks.map((l) => l.page),
    commanders: [...commanders[0].text.split('\n'), ...commanders[1].text.split('\n')],
    names: invented,
    bytes: body.bytes,
  }
  return { id: facts.id, text: body.text, facts }
}

function otherArticle(random, pools, titles, slugs, withInfobox) {
  const person = random.chance(0.5)
  const title = uniqueTitle(
    person ? inventPerson(random) : `${inventVillage(random)}, ${inventWord(random)}`,
    titles,
    slugs,
  )
  const invented = { lead: inventPerson(random), section: inventPerson(random), deep: inventPerson(random) }
  const lead = plain(random.pick(pools.leadParagraphs))
  const description = `${title} is ${person ? 'a figure' : 'a place'} discussed in several histories. ${firstSentence(lead)}`
  const infoboxes = withInfobox && pools.otherInfoboxes.length > 0 ? [random.pick(pools.otherInfoboxes)] : []
  const front = {
    title,
    ...(random.chance(0.5) && pools.shortDescriptions.length > 0
      ? { shortDescription: random.pick(pools.shortDescriptions) }
      : {}),
    description,
    author: 'infobox-search bench',
    ...(random.chance(0.6) ? { img: random.pick(pools.images) } : {}),
    infoboxes,
  }
  const body = makeBody(random, pools, description.replace(title, `**${title}**`), invented, front, title)
  return {
    id: slugOf(title),
    text: body.text,
    facts: { id: slugOf(title), title, kind: withInfobox ? 'other' : 'none', names: invented, bytes: body.bytes },
  }
}

function sourceDate(random, pools) {
  const text = random.pick(pools.dates)
  const match = /(\d{1,4})(?:\s*(BC|BCE))?/.exec(text)
  const year = match ? Number(match[1]) * (match[2] ? -1 : 1) : randomYear(random)
  return { text, year: year === 0 ? 1 : year }
}

/** A commander field: a few commanders from the pool (one invented when `extra` is given). */
function commanderField(random, pools, extra) {
  const people = random.sample(pools.commanders, random.int(1, 4))
  const lines = people.map((p) => p.text)
  const links = people.filter((p) => p.link).map((p) => p.link)
  if (extra !== undefined) {
    const at = random.int(0, lines.length)
    lines.splice(at, 0, extra)
    links.push({ type: 'internal', page: extra })
  }
  return links.length > 0 ? { text: lines.join('\n'), links } : { text: lines.join('\n') }
}

function imageName(url) {
  let name = url.slice(url.lastIndexOf('/') + 1)
  try {
    name = decodeURIComponent(name)
  } catch {
    // A malformed escape: keep the name as it is.
  }
  return name.replace(/_/g, ' ')
}

/**
 * The Markdown body: lead paragraphs, then `##` sections (some with `###`
 * subsections) until the article reaches its size, then sometimes "See also"
 * and "References". The invented names go into a later lead paragraph, the
 * first block of one section and a later block of another.
 */
function makeBody(random, pools, leadBlock, invented, front, subject) {
  const frontText = `---\n${stringify(front)}---\n\n`
  const target = Math.round(Math.exp(Math.log(minBytes) + random.next() * (Math.log(maxBytes) - Math.log(minBytes))))
  const lead = [leadBlock]
  for (let i = target < 6000 ? 1 : random.int(1, 3); i > 0; i--) lead.push(random.pick(pools.leadParagraphs))
  const leadAt = random.int(1, lead.length - 1)
  lead[leadAt] =
    `${lead[leadAt]} Contemporary chroniclers single out ${invented.lead}, whose ${random.pick(['letters', 'memoirs', 'dispatches', 'diary'])} remain the main account of the ${subject}.`

  const sections = []
  const headings = random.sample(pools.headings, Math.min(pools.headings.length, 14))
  let size = frontText.length + lead.join('\n\n').length
  const budget = () => target - size
  for (let h = 0; budget() > 0 || sections.length === 0; h++) {
    const heading =
      headings[h % headings.length] + (h >= headings.length ? ` (${Math.floor(h / headings.length) + 1})` : '')
    const section = { depth: 2, heading, blocks: [random.pick(pools.paragraphs)] }
    if (sections.length > 0 && size + section.blocks[0].length > maxBytes - 600) break
    size += heading.length + section.blocks[0].length + 6
    for (let b = random.int(0, 4); b > 0 && budget() > 0; b--) {
      const block =
        random.chance(0.15) && pools.lists.length > 0 ? random.pick(pools.lists) : random.pick(pools.paragraphs)
      if (size + block.length > maxBytes - 400) break
      section.blocks.push(block)
      size += block.length + 2
    }
    sections.push(section)
    if (random.chance(0.2) && budget() > 600 && pools.subheadings.length > 0) {
      const block = random.pick(pools.paragraphs)
      if (size + block.length < maxBytes - 400) {
        sections.push({ depth: 3, heading: random.pick(pools.subheadings), blocks: [block] })
        size += block.length + 10
      }
    }
    if (size > maxBytes - 1200) break
  }
  const first = random.int(0, sections.length - 1)
  sections[first].blocks[0] =
    `${invented.section} of ${inventVillage(random)} brought the first reports of the enemy's approach. ${sections[first].blocks[0]}`
  const deep = sections.length > 1 ? (first + random.int(1, sections.length - 1)) % sections.length : first
  const at = random.int(1, sections[deep].blocks.length)
  sections[deep].blocks.splice(
    at,
    0,
    `At ${inventVillage(random)}, ${inventRank(random)} ${invented.deep} held the crossing until nightfall before withdrawing in good order.`,
  )
  if (random.chance(0.4) && pools.tails.length > 0) {
    for (const tail of random.sample(pools.tails, random.int(1, 2)))
      if (size + tail.blocks.join('\n\n').length < maxBytes - 200) sections.push({ depth: 2, ...tail })
  }
  const body =
    [lead.join('\n\n'), ...sections.map((s) => `${'#'.repeat(s.depth)} ${s.heading}\n${s.blocks.join('\n\n')}`)].join(
      '\n\n',
    ) + '\n'
  const text = frontText + body
  return { text, bytes: Buffer.byteLength(text) }
}

// ---------------------------------------------------------------------------

async function main() {
  const args = readArgs(process.argv.slice(2), {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    source: { type: 'string', multiple: true },
  })
  const count = toInt(args.count, 'count')
  const seed = toInt(args.seed, 'seed')
  const out = args.out ?? path.join(here, 'out', `corpus-${count}`)
  const started = performance.now()
  const meta = generateCorpus({
    count,
    seed,
    out,
    sources: args.source ?? defaultSources,
    log: (m) => process.stderr.write(`${m}\n`),
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stderr.write(
    `bench: wrote ${count} articles (${(meta.bytes / 1024 / 1024).toFixed(1)} MB, ${meta.smallest}–${meta.largest} bytes each, from ${meta.sourceFiles} source files) to ${out} in ${seconds} s\n`,
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`)
    process.exit(2)
  })
}
