import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

const files = {
  'lepanto.md': `---
title: Battle of Lepanto
url: /battles/lepanto
tags: [naval, galleys]
category: Sea battles of the sixteenth century
infoboxes:
  - conflict: { text: Battle of Lepanto }
    date: { text: 7 October 1571 }
    place: { text: "Gulf of Patras, Greece" }
---
The Holy League's galleys met the Ottoman fleet.
`,
  'mohacs.md': `---
title: Battle of Mohács
tags: land
infoboxes:
  - conflict: { text: Battle of Mohács }
    date: { text: 29 August 1526 }
---
Suleiman's army defeated the Hungarians.
`,
}

describe('the app’s own front-matter fields from the command line', slow, () => {
  test('--store, --field and --facet: kept, searched, counted; missing fields are warnings', async () => {
    const work = await dirs.make()
    await writeFiles(work, files)
    const built = await runCli(
      ['build', '.', '--out', 'index.json', '--store', 'url,tags', '--field', 'category', '--facet', 'tags'],
      { cwd: work },
    )
    expect(built.code).toBe(0)
    expect(built.stderr).toContain('no "category" in front matter (named by --store or --field)')
    expect(built.stderr).toContain('no "url" in front matter')

    const text = await runCli(['search', 'index.json', 'sixteenth', '--facets', 'tags'], { cwd: work })
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('1. Battle of Lepanto  [lepanto]')
    expect(text.stdout).toContain('   tags: naval, galleys · url: /battles/lepanto')

    const json = await runCli(['search', 'index.json', '', '--filter', 'tags=land', '--json'], { cwd: work })
    const result = JSON.parse(json.stdout) as { hits: { id: string; fields: unknown }[] }
    expect(result.hits).toMatchObject([{ id: 'mohacs', fields: { tags: 'land' } }])
  })

  test('a field name the article itself uses is a usage error', async () => {
    const work = await dirs.make()
    await writeFiles(work, files)
    const result = await runCli(['build', '.', '--out', 'index.json', '--store', 'title'], { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/option "store".*front-matter field names/)
  })
})
