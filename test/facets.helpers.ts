/**
 * Test helper: read the shared corpus (articles with YAML front matter and
 * manifest.jsonl) into plain infoboxes. A stand-in for the real parser, so
 * the facet tests do not depend on it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import YAML from 'yaml'
import type { Infobox, InfoboxField, Link } from '../src/parse/article.js'

export const corpusDir = fileURLToPath(new URL('../../shared/corpus', import.meta.url))
export const articlesDir = `${corpusDir}/articles`
export const hasCorpus = existsSync(articlesDir)

export interface CorpusArticle {
  /** Path relative to the corpus folder, as in the manifest: `articles/x.md`. */
  readonly file: string
  readonly infoboxes: readonly Infobox[]
  /** The true infobox kinds from manifest.jsonl, one per infobox. */
  readonly kinds: readonly string[]
}

/** Every article listed in manifest.jsonl (empty when the corpus is absent). */
export function readCorpus(): readonly CorpusArticle[] {
  if (!hasCorpus) return []
  return readFileSync(`${corpusDir}/manifest.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const entry: unknown = JSON.parse(line)
      const file = isRecord(entry) && typeof entry.file === 'string' ? entry.file : ''
      const kinds = isRecord(entry) && Array.isArray(entry.infobox_types) ? entry.infobox_types.map(String) : []
      return { file, kinds, infoboxes: readInfoboxes(`${corpusDir}/${file}`) }
    })
}

/** Files of the conflict articles: battle-*.md and the El Alamein pair. */
export function conflictFiles(): readonly string[] {
  return hasCorpus
    ? readdirSync(articlesDir)
        .filter((name) => /battle-/.test(name))
        .sort()
    : []
}

export function readInfoboxes(path: string): readonly Infobox[] {
  const frontMatter = readFileSync(path, 'utf8').split(/^---$/m)[1] ?? ''
  const data: unknown = YAML.parse(frontMatter, { schema: 'core' })
  const list = isRecord(data) && Array.isArray(data.infoboxes) ? data.infoboxes : []
  return list.filter(isRecord).map(toInfobox)
}

function toInfobox(raw: Record<string, unknown>): Infobox {
  const infobox: Record<string, InfoboxField> = Object.create(null) as Record<string, InfoboxField>
  for (const [name, value] of Object.entries(raw)) {
    if (!isRecord(value)) continue
    const links = Array.isArray(value.links) ? value.links.filter(isRecord).map(toLink) : []
    infobox[name] = { text: value.text === undefined || value.text === null ? '' : String(value.text), links }
  }
  return infobox
}

function toLink(raw: Record<string, unknown>): Link {
  return {
    type: typeof raw.type === 'string' ? raw.type : 'internal',
    ...(typeof raw.page === 'string' ? { page: raw.page } : {}),
    ...(typeof raw.text === 'string' ? { text: raw.text } : {}),
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A field with its text and links, as the converter writes it. */
export function field(text: string, ...links: readonly Link[]): InfoboxField {
  return { text, links }
}

/** An internal link to `page`, with display `text` when given. */
export function link(page: string, text?: string): Link {
  return text === undefined ? { type: 'internal', page } : { type: 'internal', page, text }
}

/** An internal link with display text and no page at all. */
export function textLink(text: string): Link {
  return { type: 'internal', text }
}

/** An infobox from field name → field, without a prototype like the parser's. */
export function infobox(fields: Readonly<Record<string, InfoboxField>>): Infobox {
  return Object.assign(Object.create(null) as Record<string, InfoboxField>, fields)
}

/** Pieces of real infobox text that stress the cleaners. */
const fragments = [
  '🇺🇸',
  '🇬🇧 ',
  '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
  '🏳️‍🌈',
  '🏴‍☠️',
  '🚩',
  'undefined',
  ' undefined ',
  'null',
  '*',
  '* ',
  '\n',
  ',',
  ', ',
  ';',
  ' ',
  '  ',
  '(',
  ')',
  ':',
  'Supported by:',
  'Allies:',
  '39.811°N, -77.225°W',
  '48°51′N 2°21′E',
  'near ',
  ' in ',
  'then ',
  'present-day ',
  '(modern-day ',
  '(Engl.: ',
  '15 km south of ',
  'Arms.svg ',
  '<br>',
  '<br />',
  '[[Image:Flag.svg|20px]] ',
  "''",
  'Kingdom of France',
  'Gettysburg',
  'Pennsylvania',
  'Höchstädt',
  'united states',
]

/** Field text built from real quirks and arbitrary Unicode. */
export const fieldText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...fragments), weight: 4 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
    ),
    { maxLength: 16 },
  )
  .map((pieces) => pieces.join(''))

/** Links of every shape the converter writes: no page, no text, `undefined`, external. */
export const anyLink: fc.Arbitrary<Link> = fc.record(
  { type: fc.constantFrom('internal', 'external', 'other'), page: fieldText, text: fieldText },
  { requiredKeys: ['type'] },
)

export const anyField: fc.Arbitrary<InfoboxField> = fc.record({
  text: fieldText,
  links: fc.array(anyLink, { maxLength: 6 }),
})

/** Why a string is not an acceptable facet value, or undefined when it is. */
export function valueProblem(value: string): string | undefined {
  if (value.trim() === '') return 'empty'
  if (value !== value.trim()) return 'untrimmed'
  if (/^(?:undefined|null)$/i.test(value)) return 'literal undefined/null'
  if (/[\u{1F1E6}-\u{1F1FF}\u{1F3F4}\u{1F3F3}\u{1F6A9}]/u.test(value)) return 'flag emoji'
  return undefined
}
