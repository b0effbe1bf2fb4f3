import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseArticle } from '../../src/build.js'
import { createEngineExport, engines } from '../../src/export.js'
import { requireBuiltCli, runCli, slow, tempDirs } from '../cli/helpers.js'
import { fixturesDir, fixtureSlugs, readFixture } from '../helpers.js'
import { recordsOf } from '../postgres/helpers.js'

// `infobox-search export --to opensearch|meilisearch|typesense --out <dir>`: the
// built CLI writes what the library makes (golden files: engines.test.ts).

const dirs = tempDirs()
afterAll(() => dirs.cleanup())

describe('infobox-search export --to an engine', () => {
  beforeAll(() => requireBuiltCli())

  test.each(engines)('--to %s writes the documents, the settings and a README', slow, async (engine) => {
    const cwd = await dirs.make()
    const result = await runCli(
      [
        'export',
        fixturesDir,
        '--to',
        engine,
        '--out',
        'out',
        '--table',
        'battles',
        '--facet',
        'partof',
        '--jobs',
        '1',
        '--quiet',
      ],
      { cwd },
    )
    expect(result.stderr).toMatch(/the date "Late 5th or early 6th century" could not be read|^$/)
    expect(result.code).toBe(0)
    const out = path.join(cwd, 'out')
    const exporter = createEngineExport(engine, {
      name: 'battles',
      options: {
        body: 'lead',
        boost: { title: 5, shortDescription: 2, description: 1.5, infobox: 1.5, body: 1, custom: 1.5 },
        facets: ['partof'],
        store: [],
        fields: [],
        maxBodyLength: 2_000_000,
      },
      generator: 'x',
    })
    const records = recordsOf(
      fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
      { facets: ['partof'] },
    )
    const documents = records.map((record) => exporter.add(record)).join('')
    const files = exporter.finish([exporter.documentsFile(1)]).map(({ file }) => file)
    expect((await readdir(out)).sort()).toEqual([exporter.documentsFile(1), ...files].sort())
    expect(await readFile(path.join(out, exporter.documentsFile(1)), 'utf8')).toBe(documents)
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toContain('**Not tested against a live server.**')
  })

  test('--out is required', async () => {
    const result = await runCli(['export', fixturesDir, '--to', 'typesense'], { cwd: await dirs.make() })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/export --to typesense needs --out <dir>/)
  })
})
