import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { notAnArticle } from './articles.js'
import { generatedArticles, requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

/** The cache counts from the summary line. */
function cacheUse(stderr: string): { reused: number; extracted: number; corrupt: number } {
  const match = /cache: (\d+) reused, (\d+) extracted(?:, (\d+) corrupt entr)?/.exec(stderr)
  if (match === null) throw new Error(`no cache counts in:\n${stderr}`)
  return { reused: Number(match[1]), extracted: Number(match[2]), corrupt: Number(match[3] ?? 0) }
}

/** The store file of the one fingerprint folder in `cache` that holds one. */
async function storeOf(cache: string): Promise<string> {
  const found = await readdir(cache, { recursive: true })
  const store = found.find((name) => path.basename(name) === 'records.bin')
  if (store === undefined) throw new Error(`no store in ${cache}`)
  return path.join(cache, store)
}

/** Every file in `cache`, relative to it, the current fingerprint written `<fingerprint>`, sorted. */
async function cacheFiles(cache: string): Promise<string[]> {
  const fingerprint = path.basename(path.dirname(await storeOf(cache)))
  const found = await readdir(cache, { recursive: true, withFileTypes: true })
  const relative = (file: string) =>
    path.relative(cache, file).split(path.sep).join('/').replace(`${fingerprint}/`, '<fingerprint>/')
  return found
    .filter((entry) => entry.isFile())
    .map((entry) => relative(path.join(entry.parentPath, entry.name)))
    .sort()
}

describe.concurrent('--cache', slow, () => {
  test('unchanged files are reused, a changed one is extracted again; the index equals an uncached build', async () => {
    const work = await dirs.make()
    const articles = generatedArticles(30)
    await writeFiles(work, { ...articles, 'g0/broken.md': notAnArticle })
    const build = (jobs: string, out = 'index.json') =>
      runCli(['build', '.', '--out', out, '--cache', '.cache', '--jobs', jobs], { cwd: work })

    const first = await build('2')
    expect(first.code).toBe(0)
    expect(cacheUse(first.stderr)).toEqual({ reused: 0, extracted: 31, corrupt: 0 })
    expect(await cacheFiles(path.join(work, '.cache'))).toEqual([
      '<fingerprint>/infobox-search-cache.json',
      '<fingerprint>/records.bin',
      'CACHEDIR.TAG',
    ])

    const second = await build('1')
    expect(cacheUse(second.stderr)).toEqual({ reused: 31, extracted: 0, corrupt: 0 })
    expect(second.stderr).toContain('[front-matter-missing]') // reported again, from the cache

    const [changed = ''] = Object.keys(articles)
    await writeFile(
      path.join(work, changed),
      (articles[changed] ?? '').replace('The battle of', 'The hard-fought battle of'),
    )
    const third = await build('2')
    expect(cacheUse(third.stderr)).toEqual({ reused: 30, extracted: 1, corrupt: 0 })

    const uncached = await runCli(['build', '.', '--out', 'plain.json', '--jobs', '1'], { cwd: work })
    expect(uncached.code).toBe(0)
    expect(await readFile(path.join(work, 'index.json'))).toEqual(await readFile(path.join(work, 'plain.json')))

    // All from the cache, on three workers (unchanged files are answered in batches).
    const warm = await build('3', 'warm.json')
    expect(cacheUse(warm.stderr)).toEqual({ reused: 31, extracted: 0, corrupt: 0 })
    expect(await readFile(path.join(work, 'warm.json'))).toEqual(await readFile(path.join(work, 'plain.json')))
  })

  test('a changed option invalidates every entry', async () => {
    const work = await dirs.make()
    await writeFiles(work, generatedArticles(12))
    const build = (...flags: string[]) =>
      runCli(['build', '.', '--out', 'index.json', '--cache', 'cache', '--jobs', '1', ...flags], { cwd: work })
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 12, extracted: 0, corrupt: 0 })
    expect(cacheUse((await build('--body', 'lead')).stderr)).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
    expect(cacheUse((await build('--body', 'lead', '--boost', 'title=9')).stderr)).toEqual({
      reused: 0,
      extracted: 12,
      corrupt: 0,
    })
    expect(cacheUse((await build('--body', 'lead', '--boost', 'title=9')).stderr)).toEqual({
      reused: 12,
      extracted: 0,
      corrupt: 0,
    })
    // Only the current options' folder is kept.
    expect((await readdir(path.join(work, 'cache'))).filter((name) => name !== 'CACHEDIR.TAG')).toHaveLength(1)
  })

  test('corrupt rows are caught by their checksums and extracted again, never fatal', async () => {
    const work = await dirs.make()
    await writeFiles(work, generatedArticles(10))
    const build = () => runCli(['build', '.', '--out', 'index.json', '--cache', 'cache', '--jobs', '2'], { cwd: work })
    expect((await build()).code).toBe(0)
    const before = await readFile(path.join(work, 'index.json'))
    const store = await storeOf(path.join(work, 'cache'))
    const bytes = await readFile(store)
    // After the last newline: the table's CRC-32 (8 hex digits), then the table.
    const { rows } = JSON.parse(bytes.toString('utf8', bytes.lastIndexOf(0x0a) + 9)) as {
      rows: [string, string, number, number, number, number, number][]
    }
    // One flipped bit in the counts of four rows (a term id that stays in range), one in the text of two more.
    for (const [, , codesAt] of rows.slice(0, 4)) bytes[codesAt + 8] = (bytes[codesAt + 8] as number) ^ 1
    for (const [, , , , textAt] of rows.slice(4, 6)) bytes[textAt + 20] = (bytes[textAt + 20] as number) ^ 4
    await writeFile(store, bytes)
    const again = await build()
    expect(again.code).toBe(0)
    expect(cacheUse(again.stderr)).toEqual({ reused: 4, extracted: 6, corrupt: 6 })
    expect(await readFile(path.join(work, 'index.json'))).toEqual(before)
    // The store was written again from good rows: the corruption does not last.
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 10, extracted: 0, corrupt: 0 })
    expect(await readFile(path.join(work, 'index.json'))).toEqual(before)
  })

  test('renamed, removed and added files; a torn or garbled store is ignored', async () => {
    const work = await dirs.make()
    const articles = generatedArticles(12)
    await writeFiles(work, articles)
    const build = (out = 'index.json') =>
      runCli(['build', '.', '--out', out, '--cache', 'cache', '--jobs', '2'], { cwd: work })
    const uncached = async () => {
      expect((await runCli(['build', '.', '--out', 'plain.json', '--jobs', '1'], { cwd: work })).code).toBe(0)
      return readFile(path.join(work, 'plain.json'))
    }
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
    const store = await storeOf(path.join(work, 'cache'))
    expect((await readFile(store)).length).toBeGreaterThan(0)

    const [renamed = '', removed = ''] = Object.keys(articles)
    await rename(path.join(work, renamed), path.join(work, 'moved.md'))
    await rm(path.join(work, removed))
    await writeFile(path.join(work, 'new.md'), articles[removed] ?? '')
    // The moved file has a new id and path (a new key); the new file has the removed one's text under another path.
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 10, extracted: 2, corrupt: 0 })
    expect(await readFile(path.join(work, 'index.json'))).toEqual(await uncached())

    const good = await readFile(store)
    const torn = good.subarray(0, good.length >> 1)
    const garbled = Buffer.from(good).fill(0x5b, 0, good.length >> 1)
    for (const [bad, unusable] of [
      [torn, true],
      [Buffer.from('\n{}'), true],
      [garbled, false],
    ] as const) {
      await writeFile(store, bad)
      const again = await build('again.json')
      expect(again.code).toBe(0)
      const use = cacheUse(again.stderr)
      // A torn or foreign store is no store; garbled rows are caught one by one by their checksums.
      if (unusable) expect(use).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
      else expect(use).toEqual({ reused: 12 - use.corrupt, extracted: use.corrupt, corrupt: use.corrupt })
      expect(await readFile(path.join(work, 'again.json'))).toEqual(await readFile(path.join(work, 'plain.json')))
    }
  })

  test('only folders the cache made are removed: another fingerprint of ours goes, anything else stays', async () => {
    const work = await dirs.make()
    await writeFiles(work, {
      ...generatedArticles(3),
      'cache/0123456789abcdef/precious.txt': 'not ours',
      'cache/notes.txt': 'mine',
    })
    const build = (...flags: string[]) =>
      runCli(['build', '.', '--out', 'index.json', '--cache', 'cache', '--jobs', '1', ...flags], { cwd: work })
    expect((await build()).code).toBe(0)
    expect((await build('--body', 'lead')).code).toBe(0) // the first build's folder is ours and stale now
    const files = await cacheFiles(path.join(work, 'cache'))
    expect(files).toEqual(
      [
        '0123456789abcdef/precious.txt',
        'CACHEDIR.TAG',
        '<fingerprint>/infobox-search-cache.json',
        '<fingerprint>/records.bin',
        'notes.txt',
      ].sort(),
    )
  })

  test('a cache folder that cannot be written is not fatal', async () => {
    const work = await dirs.make()
    await writeFiles(work, { ...generatedArticles(3), 'cache-is-a-file': 'x' })
    const result = await runCli(['build', '.', '--out', 'index.json', '--cache', 'cache-is-a-file', '--jobs', '1'], {
      cwd: work,
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/cache: 0 reused, 3 extracted, 3 could not be stored \(ENOTDIR\)/)
  })
})
