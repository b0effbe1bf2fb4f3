import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hastings, lepanto, notAnArticle, orleans } from './articles.js'
import { article, requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

const withResult = article({
  title: 'Battle of the Ford',
  date: '1150',
  body: 'A crossing was forced.',
  extra: { result: 'Decisive victory' },
})

/** A site folder with articles, and `files` added (configs). */
async function site(files: Readonly<Record<string, string>>): Promise<string> {
  const work = await dirs.make()
  await writeFiles(work, {
    'content/hastings.md': hastings,
    'content/ford.md': withResult,
    'more/orleans.md': orleans,
    'public/.keep': '',
    ...files,
  })
  return work
}

async function options(file: string): Promise<unknown> {
  const inspect = JSON.parse(await readFile(file, 'utf8')) as { options: unknown; documents: unknown[] }
  return { ...(inspect.options as object), articles: inspect.documents.length }
}

const json = (value: unknown): string => JSON.stringify(value, null, 2)

describe.concurrent('config file', slow, () => {
  test('infobox-search.config.json in the current directory is used', async () => {
    const work = await site({
      'infobox-search.config.json': json({
        inputs: ['content'],
        out: 'public/index.json',
        body: 'full',
        boost: { title: 7 },
        facets: ['result'],
        maxBodyLength: 5000,
        jobs: 1,
        cache: '.cache',
      }),
    })
    const result = await runCli(['build'], { cwd: work })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(
      /indexed 2 article\(s\).*→ public\/index\.json .*\[no workers; cache: 0 reused, 2 extracted\]/,
    )
    expect(await options(path.join(work, 'public/index.json'))).toMatchObject({
      body: 'full',
      boost: { title: 7, body: 1 },
      facets: ['result'],
      maxBodyLength: 5000,
      articles: 2,
    })
    const search = await runCli(['search', 'public/index.json', '', '--facets', 'result', '--json'], { cwd: work })
    expect((JSON.parse(search.stdout) as { facets: unknown }).facets).toEqual({
      result: [{ value: 'Decisive victory', count: 1 }],
    })
  })

  test('flags override the config: inputs, --out, --body, --boost, --facet, --jobs', async () => {
    const work = await site({
      'infobox-search.config.json': json({
        inputs: ['content'],
        out: 'public/index.json',
        body: 'full',
        boost: { title: 7, body: 2 },
        facets: ['result'],
        jobs: 1,
      }),
    })
    const result = await runCli(
      [
        'build',
        'more',
        '--out',
        'other.json',
        '--body',
        'lead',
        '--boost',
        'body=3',
        '--facet',
        'status',
        '--jobs',
        '2',
      ],
      { cwd: work },
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/indexed 1 article\(s\).*→ other\.json .*\[1 worker\]/)
    expect(await options(path.join(work, 'other.json'))).toMatchObject({
      body: 'lead',
      boost: { title: 7, body: 3 },
      facets: ['status'],
      articles: 1,
    })
    await expect(access(path.join(work, 'public/index.json'))).rejects.toThrow()
  })

  test('infobox-search.config.mjs: a default export, or a named "config"', async () => {
    for (const source of [
      'export default { inputs: ["content"], out: "a.json", body: "lead" }',
      'export const config = { inputs: ["more"], out: "b.json", strict: true }',
    ]) {
      const work = await site({ 'infobox-search.config.mjs': source })
      const result = await runCli(['build'], { cwd: work })
      expect(result.code).toBe(0)
    }
  })

  test('--config <file>: its paths are relative to it; strict from the config fails the build', async () => {
    const work = await dirs.make()
    await writeFiles(work, {
      'site/content/hastings.md': hastings,
      'site/content/lepanto.md': lepanto,
      'site/settings.json': json({ inputs: ['content'], out: 'dist/index.json' }),
      'site/dist/.keep': '',
      'site/strict.json': json({ inputs: ['content', 'broken.md'], out: 'dist/strict.json', strict: true }),
      'site/broken.md': notAnArticle,
    })
    const result = await runCli(['build', '--config', 'site/settings.json'], { cwd: work })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('→ site/dist/index.json')
    expect(await options(path.join(work, 'site/dist/index.json'))).toMatchObject({ articles: 2 })
    const strict = await runCli(['build', '--config', 'site/strict.json'], { cwd: work })
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('(--strict); no index was written.')
  })

  test.each([
    [
      'an unknown key',
      { 'infobox-search.config.json': json({ inputs: ['content'], output: 'x.json' }) },
      'infobox-search: config file infobox-search.config.json: unknown key "output"; the keys are inputs, out, chunked, body, boost, facets, store, fields, maxBodyLength, jobs, cache, strict, followSymlinks, fileTimeout.\n',
    ],
    [
      'a string for a number',
      { 'infobox-search.config.json': json({ jobs: '4' }) },
      'infobox-search: config file infobox-search.config.json: "jobs" must be a whole number ≥ 1, received "4".\n',
    ],
    [
      'a string for a list',
      { 'infobox-search.config.json': json({ inputs: 'content' }) },
      'infobox-search: config file infobox-search.config.json: "inputs" must be a list of directories, files or globs (strings), received "content".\n',
    ],
    [
      'a bad body profile',
      { 'infobox-search.config.json': json({ body: 'most' }) },
      `infobox-search: config file infobox-search.config.json: "body" must be one of 'full', 'sections', 'lead', 'none', received "most".\n`,
    ],
    [
      'a boost for an unknown field',
      { 'infobox-search.config.json': json({ boost: { summary: 2 } }) },
      'infobox-search: config file infobox-search.config.json: "boost.summary" must be a field among title, shortDescription, description, infobox, body, custom, received "summary".\n',
    ],
    [
      'not an object',
      { 'infobox-search.config.json': '["content"]' },
      'infobox-search: config file infobox-search.config.json: must hold an object of settings, received ["content"].\n',
    ],
    [
      'invalid JSON',
      { 'infobox-search.config.json': '{ "inputs": [' },
      'infobox-search: config file infobox-search.config.json: is not valid JSON (',
    ],
    [
      'a module that throws',
      { 'infobox-search.config.mjs': 'throw new Error("no settings today")' },
      'infobox-search: config file infobox-search.config.mjs: cannot be loaded (no settings today).\n',
    ],
    [
      'a module without the settings',
      { 'infobox-search.config.mjs': 'export const settings = {}' },
      'infobox-search: config file infobox-search.config.mjs: must export the settings as its default export or as "config".\n',
    ],
    [
      'two config files',
      { 'infobox-search.config.json': '{}', 'infobox-search.config.mjs': 'export default {}' },
      'infobox-search: config file infobox-search.config.json and infobox-search.config.mjs: both are in ',
    ],
  ])('%s: exit 2 with a clear message', async (_name, files, message) => {
    const work = await site(files)
    const result = await runCli(['build', 'content', '--out', 'x.json'], { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr.startsWith(message)).toBe(true)
  })

  test('a missing --config file: exit 2', async () => {
    const work = await site({})
    const result = await runCli(['build', '--config', 'nope.json'], { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('infobox-search: config file nope.json: cannot be read (ENOENT).\n')
  })
})
