import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hastings, lepanto, orleans, tours } from './articles.js'
import { distIndex, requireBuiltCli, runCli, slow, tempDirs, withoutProgress, writeFiles } from './helpers.js'

const dirs = tempDirs()
let work = ''
let index = ''

beforeAll(async () => {
  requireBuiltCli()
  work = await dirs.make()
  // One article per kind of path: plain file, nested file, folder with index.md.
  await writeFiles(work, {
    'content/hastings.md': hastings,
    'content/france/orleans.md': orleans,
    'content/lepanto/index.md': lepanto,
    'extra/tours.markdown': tours,
  })
  index = path.join(work, 'public', 'index.json')
  await writeFiles(work, { 'public/.keep': '' })
  const result = await runCli(
    ['build', 'content', 'extra/tours.markdown', '--out', 'public/index.json', '--jobs', '1'],
    { cwd: work },
  )
  expect(withoutProgress(result.stderr)).toMatch(
    /^infobox-search: indexed 4 article\(s\), skipped 0, 0 warning\(s\), in .* → public\/index\.json \(.* KB\) \[no workers\]\n$/,
  )
  expect(result.code).toBe(0)
}, slow.timeout)
afterAll(() => dirs.cleanup())

describe.concurrent('build → search → inspect', slow, () => {
  test('ids come from paths: relative to the folder, without extension; x/index.md → x; a file → its base name', async () => {
    const result = await runCli(['search', index, '', '--json', '--limit', '10', '--sort', 'date'], { cwd: work })
    expect(result.code).toBe(0)
    const ids = (JSON.parse(result.stdout) as { hits: { id: string }[] }).hits.map((hit) => hit.id)
    expect(ids.sort()).toEqual(['france/orleans', 'hastings', 'lepanto', 'tours'])
  })

  test('search prints ranked hits with highlighted snippets', async () => {
    const result = await runCli(['search', index, 'orleans siege'], { cwd: work })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\d+ result\(s\)\n\n1\. Siege of Orléans {2}\[france\/orleans\] {2}score /)
    expect(result.stdout).toContain('12 October 1428 – 8 May 1429 · Orléans, France')
    expect(result.stdout).toContain('«')
  })

  test.each([
    ['a query', ['england'], { limit: 10, offset: 0, filters: {}, facets: [] }],
    [
      'filters, facets and paging',
      ['battle', '--limit', '2', '--offset', '1', '--filter', 'place=France', '--facets', 'place,combatant,date'],
      { limit: 2, offset: 1, filters: { place: ['France'] }, facets: ['place', 'combatant', 'date'] },
    ],
    [
      'a date range and sort',
      ['', '--filter', 'date=1000..1500', '--sort=-date', '--facets', 'combatant'],
      { limit: 10, offset: 0, filters: { date: { from: '1000', to: '1500' } }, facets: ['combatant'], sort: '-date' },
    ],
  ] as const)('search --json prints exactly what index.search returns: %s', async (_name, args, options) => {
    const [query = '', ...flags] = args
    const result = await runCli(['search', index, query, ...flags, '--json'], { cwd: work })
    expect(result.code).toBe(0)
    const { loadIndex } = (await import(distIndex)) as typeof import('../../src/index.js')
    const library = loadIndex(await readFile(index, 'utf8')).search(query, options as never)
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(library)))
    expect(result.stdout).toBe(`${JSON.stringify(library, null, 2)}\n`)
  })

  test('inspect describes the index', async () => {
    const text = await runCli(['inspect', index], { cwd: work })
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('infobox-search index, format version 2')
    expect(text.stdout).toContain('articles: 4 (4 with a date, 0 with coordinates)')
    const json = await runCli(['inspect', index, '--json'], { cwd: work })
    expect(JSON.parse(json.stdout)).toMatchObject({
      format: 'infobox-search',
      version: 2,
      articles: 4,
      options: { body: 'full' },
    })
  })

  test('search and inspect of a missing index: exit 2 with a hint', async () => {
    const result = await runCli(['search', 'nowhere.json', 'x'], { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'infobox-search: cannot read the index nowhere.json (ENOENT); build one with "infobox-search build <dir> --out nowhere.json".\n',
    )
  })
})
