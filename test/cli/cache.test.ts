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

/** The manifest file of the one fingerprint folder in `cache`. */
async function manifestOf(cache: string): Promise<string> {
  const [fingerprint = ''] = await readdir(cache)
  return path.join(cache, fingerprint, 'manifest.bin')
}

async function entries(cache: string): Promise<string[]> {
  const found: string[] = []
  for (const fingerprint of await readdir(cache)) {
    for (const shard of await readdir(path.join(cache, fingerprint))) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue
      for (const name of await readdir(path.join(cache, fingerprint, shard))) found.push(path.join(cache, fingerprint, shard, name))
    }
  }
  return found.sort()
}

describe.concurrent('--cache', slow, () => {
  test('unchanged files are reused, a changed one is extracted again; the index equals an uncached build', async () => {
    const work = await dirs.make()
    const articles = generatedArticles(30)
    await writeFiles(work, { ...articles, 'g0/broken.md': notAnArticle })
    const build = (jobs: string, out = 'index.json') => runCli(['build', '.', '--out', out, '--cache', '.cache', '--jobs', jobs], { cwd: work })

    const first = await build('2')
    expect(first.code).toBe(0)
    expect(cacheUse(first.stderr)).toEqual({ reused: 0, extracted: 31, corrupt: 0 })
    expect(await entries(path.join(work, '.cache'))).toHaveLength(31) // the broken file's report is cached too

    const second = await build('1')
    expect(cacheUse(second.stderr)).toEqual({ reused: 31, extracted: 0, corrupt: 0 })
    expect(second.stderr).toContain('[front-matter-missing]') // reported again, from the cache

    const [changed = ''] = Object.keys(articles)
    await writeFile(path.join(work, changed), (articles[changed] ?? '').replace('The battle of', 'The hard-fought battle of'))
    const third = await build('2')
    expect(cacheUse(third.stderr)).toEqual({ reused: 30, extracted: 1, corrupt: 0 })
    expect(await entries(path.join(work, '.cache'))).toHaveLength(31) // the stale entry was pruned

    const uncached = await runCli(['build', '.', '--out', 'plain.json', '--jobs', '1'], { cwd: work })
    expect(uncached.code).toBe(0)
    expect(await readFile(path.join(work, 'index.json'))).toEqual(await readFile(path.join(work, 'plain.json')))

    // All from the cache, on three workers (records and packed term counts come back in batches).
    const warm = await build('3', 'warm.json')
    expect(cacheUse(warm.stderr)).toEqual({ reused: 31, extracted: 0, corrupt: 0 })
    expect(await readFile(path.join(work, 'warm.json'))).toEqual(await readFile(path.join(work, 'plain.json')))
  })

  test('a changed option invalidates every entry', async () => {
    const work = await dirs.make()
    await writeFiles(work, generatedArticles(12))
    const build = (...flags: string[]) => runCli(['build', '.', '--out', 'index.json', '--cache', 'cache', '--jobs', '1', ...flags], { cwd: work })
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 12, extracted: 0, corrupt: 0 })
    expect(cacheUse((await build('--body', 'full')).stderr)).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
    expect(cacheUse((await build('--body', 'full', '--boost', 'title=9')).stderr)).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
    expect(cacheUse((await build('--body', 'full', '--boost', 'title=9')).stderr)).toEqual({ reused: 12, extracted: 0, corrupt: 0 })
    // Only the current options' folder is kept.
    expect(await readdir(path.join(work, 'cache'))).toHaveLength(1)
  })

  test('corrupt entries are ignored and replaced, never fatal', async () => {
    const work = await dirs.make()
    await writeFiles(work, generatedArticles(10))
    const build = () => runCli(['build', '.', '--out', 'index.json', '--cache', 'cache', '--jobs', '2'], { cwd: work })
    expect((await build()).code).toBe(0)
    const before = await readFile(path.join(work, 'index.json'))
    // Without the manifest, which would list every file and leave the entries unread.
    await rm(await manifestOf(path.join(work, 'cache')))
    const [truncated = '', garbage = '', wrongShape = '', otherFile = ''] = await entries(path.join(work, 'cache'))
    await writeFile(truncated, (await readFile(truncated, 'utf8')).slice(0, 50))
    await writeFile(garbage, Buffer.from([0, 159, 146, 150, 255]))
    const entry = JSON.parse(await readFile(wrongShape, 'utf8')) as { record: { body: unknown } }
    entry.record.body = 42
    await writeFile(wrongShape, JSON.stringify(entry))
    const moved = JSON.parse(await readFile(otherFile, 'utf8')) as { file: string }
    moved.file = '/somewhere/else.md'
    await writeFile(otherFile, JSON.stringify(moved))
    const again = await build()
    expect(again.code).toBe(0)
    expect(cacheUse(again.stderr)).toEqual({ reused: 6, extracted: 4, corrupt: 4 })
    expect(await readFile(path.join(work, 'index.json'))).toEqual(before)
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 10, extracted: 0, corrupt: 0 })
  })

  test('the manifest: renamed, removed and added files; a torn or garbled manifest is ignored', async () => {
    const work = await dirs.make()
    const articles = generatedArticles(12)
    await writeFiles(work, articles)
    const build = (out = 'index.json') => runCli(['build', '.', '--out', out, '--cache', 'cache', '--jobs', '2'], { cwd: work })
    const uncached = async () => {
      expect((await runCli(['build', '.', '--out', 'plain.json', '--jobs', '1'], { cwd: work })).code).toBe(0)
      return readFile(path.join(work, 'plain.json'))
    }
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 0, extracted: 12, corrupt: 0 })
    const manifest = await manifestOf(path.join(work, 'cache'))
    expect((await readFile(manifest)).length).toBeGreaterThan(0)

    const [renamed = '', removed = ''] = Object.keys(articles)
    await rename(path.join(work, renamed), path.join(work, 'moved.md'))
    await rm(path.join(work, removed))
    await writeFile(path.join(work, 'new.md'), articles[removed] ?? '')
    // The moved file has a new id and path (a new key); the new file has the removed one's text under another path.
    expect(cacheUse((await build()).stderr)).toEqual({ reused: 10, extracted: 2, corrupt: 0 })
    expect(await readFile(path.join(work, 'index.json'))).toEqual(await uncached())

    const good = await readFile(manifest)
    for (const bad of [good.subarray(0, good.length >> 1), Buffer.from(good).fill(0x5b, 0, good.length >> 1), Buffer.from('\n{}')]) {
      await writeFile(manifest, bad)
      const again = await build('again.json')
      expect(again.code).toBe(0)
      expect(cacheUse(again.stderr)).toEqual({ reused: 12, extracted: 0, corrupt: 0 }) // from the entries
      expect(await readFile(path.join(work, 'again.json'))).toEqual(await readFile(path.join(work, 'plain.json')))
    }

    // With the entries gone, every record still comes from the (rewritten) manifest.
    for (const entry of await entries(path.join(work, 'cache'))) await rm(entry)
    const listed = await build('listed.json')
    expect(cacheUse(listed.stderr)).toEqual({ reused: 12, extracted: 0, corrupt: 0 })
    expect(await readFile(path.join(work, 'listed.json'))).toEqual(await readFile(path.join(work, 'plain.json')))
  })

  test('a cache folder that cannot be written is not fatal', async () => {
    const work = await dirs.make()
    await writeFiles(work, { ...generatedArticles(3), 'cache-is-a-file': 'x' })
    const result = await runCli(['build', '.', '--out', 'index.json', '--cache', 'cache-is-a-file', '--jobs', '1'], { cwd: work })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/cache: 0 reused, 3 extracted, 3 could not be stored \(ENOTDIR\)/)
  })
})
