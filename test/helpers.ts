import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** `../shared` beside the repository; tests that read it skip when it is absent. */
export const sharedDir = fileURLToPath(new URL('../../shared/', import.meta.url))
export const corpusDir = `${sharedDir}corpus/articles/`
export const seedFile = `${sharedDir}seeds/000_b6da5a8f372be98e.txt`
export const hasCorpus = existsSync(corpusDir)
export const hasSeed = existsSync(seedFile)

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url))

/** Fixture article folders: `fixtures/<slug>/index.md`. */
export function fixtureSlugs(): string[] {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${fixturesDir}${entry.name}/index.md`))
    .map((entry) => entry.name)
    .sort()
}

export function readFixture(slug: string): string {
  return readFileSync(`${fixturesDir}${slug}/index.md`, 'utf8')
}

export function corpusFiles(): string[] {
  return hasCorpus
    ? readdirSync(corpusDir)
        .filter((f) => f.endsWith('.md'))
        .sort()
    : []
}

/** A small article in the seed's shape. */
export function article(
  fields: { title?: string; date?: string; place?: string; body?: string; extra?: string } = {},
): string {
  return [
    '---',
    `title: ${JSON.stringify(fields.title ?? 'Battle of Testville')}`,
    'description: A battle written for tests.',
    'infoboxes:',
    '  - conflict:',
    `      text: ${JSON.stringify(fields.title ?? 'Battle of Testville')}`,
    ...(fields.date === undefined ? [] : ['    date:', `      text: ${JSON.stringify(fields.date)}`]),
    ...(fields.place === undefined ? [] : ['    place:', `      text: ${JSON.stringify(fields.place)}`]),
    ...(fields.extra === undefined ? [] : [fields.extra]),
    '---',
    '',
    fields.body ?? 'The battle was fought.',
    '',
  ].join('\n')
}
