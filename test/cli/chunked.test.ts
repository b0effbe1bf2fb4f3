import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { generatedArticles, requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

/** Every file below `folder`, relative to it, sorted. */
async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

describe.concurrent('build --chunked', slow, () => {
  test('writes a manifest and content-hashed chunks; search and inspect read the folder', async () => {
    const work = await dirs.make()
    await writeFiles(work, generatedArticles(12))
    const built = await runCli(['build', '.', '--chunked', 'search', '--out', 'index.json', '--body', 'full'], {
      cwd: work,
    })
    expect(built.code).toBe(0)
    expect(built.stderr).toMatch(/→ index\.json \([\d.]+ KB\) and search \(\d+ files, [\d.]+ KB\)/)
    const files = await filesIn(path.join(work, 'search'))
    expect(files).toContain('index.json')
    expect(
      files
        .filter((file) => file !== 'index.json')
        .every((file) =>
          /^(terms|dictionary|facets)\/[\w.-]*[0-9a-f]{12}\.json$|^documents\/[0-9a-f]{12}\/\d+\.json$/.test(file),
        ),
    ).toBe(true)
    expect(files.filter((file) => file.startsWith('documents/'))).toHaveLength(12)

    const fromFolder = await runCli(['search', 'search', 'battle of', '--json', '--facets', 'place,date'], {
      cwd: work,
    })
    const fromFile = await runCli(['search', 'index.json', 'battle of', '--json', '--facets', 'place,date'], {
      cwd: work,
    })
    expect(fromFolder.code).toBe(0)
    expect(JSON.parse(fromFolder.stdout)).toEqual(JSON.parse(fromFile.stdout))
    const inspected = await runCli(['inspect', 'search'], { cwd: work })
    expect(inspected.stdout).toMatch(
      /^search: infobox-search chunked index of \d+ files, format version 2, written by infobox-search@/,
    )
    expect(inspected.stdout).toContain('articles: 12 (12 with a date, 0 with coordinates)')
    // Values of one article are counted too (they are a file of their own); a single file also lists levels.
    const facetsOf = async (target: string) => {
      const { stdout } = await runCli(['inspect', target, '--json'], { cwd: work })
      const { facets } = JSON.parse(stdout) as { facets: Record<string, number> }
      return Object.fromEntries(Object.entries(facets).filter(([name]) => !name.includes('@')))
    }
    expect(await facetsOf('search')).toEqual(await facetsOf('index.json'))
  })

  test('a rebuild writes only what changed, replaces the manifest, removes what it no longer names, and nothing else', async () => {
    const work = await dirs.make()
    const articles = generatedArticles(300)
    await writeFiles(work, articles)
    const build = () => runCli(['build', '.', '--chunked', 'search', '--jobs', '1', '--body', 'full'], { cwd: work })
    expect((await build()).code).toBe(0)
    const before = await filesIn(path.join(work, 'search'))
    await writeFile(path.join(work, 'search', 'notes.txt'), 'mine')
    await writeFile(path.join(work, 'search', 'terms', 'README'), 'mine too')

    const [changed = ''] = Object.keys(articles).sort().slice(-1)
    await writeFile(
      path.join(work, changed),
      (articles[changed] ?? '').replace('The battle of', 'The bitter battle of'),
    )
    expect((await build()).code).toBe(0)
    const after = await filesIn(path.join(work, 'search'))
    const gone = before.filter((file) => !after.includes(file))
    const added = after.filter((file) => !before.includes(file))
    // The changed article's block of fragments, the term chunks of the words it gained or lost, and
    // the facet tables changed; most files kept their names (and their place in every cache).
    expect(gone.length).toBeGreaterThan(0)
    expect(gone.length).toBeLessThan(before.length / 4)
    expect(added.filter((file) => !['notes.txt', 'terms/README', 'index.json'].includes(file))).toHaveLength(
      gone.length,
    )
    expect(after).toContain('notes.txt')
    expect(after).toContain('terms/README')
    const manifest = JSON.parse(await readFile(path.join(work, 'search', 'index.json'), 'utf8')) as {
      terms: { hashes: string[] }
    }
    for (const hash of manifest.terms.hashes) expect(after).toContain(`terms/${hash}.json`)
    const result = await runCli(['search', 'search', 'bitter', '--json'], { cwd: work })
    expect((JSON.parse(result.stdout) as { total: number }).total).toBe(1)
  })

  test('--chunked naming a file is refused before any work', async () => {
    const work = await dirs.make()
    await writeFiles(work, { ...generatedArticles(2), 'taken.txt': 'a file' })
    const result = await runCli(['build', '.', '--chunked', 'taken.txt'], { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'infobox-search: cannot write taken.txt/index.json: taken.txt is not a directory (a part of the path is a file) (ENOTDIR); the previous file, if any, is unchanged.\n',
    )
  })
})
