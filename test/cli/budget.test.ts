import * as fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { generatedArticles, requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

// An article whose extraction would take unbounded time or memory is skipped
// with a diagnostic naming it, whatever --jobs is, and the rest of the build
// is byte for byte the build without it.

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

const dense = `---\ntitle: Dense\n---\n${'<b>'.repeat(700_000)}\n`

describe.concurrent('an article over the extraction budget', slow, () => {
  test.each([['1'], ['2']])(
    '--jobs %s: skipped with a diagnostic naming it; the rest is the build without it',
    async (jobs) => {
      const work = await dirs.make()
      const articles = generatedArticles(12)
      await writeFiles(work, {
        ...Object.fromEntries(Object.entries(articles).map(([name, text]) => [`with/${name}`, text])),
        'with/m-dense.md': dense,
      })
      await writeFiles(
        work,
        Object.fromEntries(Object.entries(articles).map(([name, text]) => [`without/${name}`, text])),
      )
      const withIt = await runCli(['build', 'with', '--out', 'with.json', '--jobs', jobs, '--cache', 'cache'], {
        cwd: work,
      })
      expect(withIt.code).toBe(0)
      expect(withIt.stderr).toContain(
        `error: Cannot index ${path.join(work, 'with/m-dense.md')}: the body has more than 20,000 "<", "&" and "\\" characters (HTML tags, entities, escapes), more than Markdown is parsed with in bounded time and memory; the file was skipped. [over-budget]\n`,
      )
      expect(withIt.stderr).toMatch(/indexed 12 article\(s\), skipped 1/)
      expect((await runCli(['build', 'without', '--out', 'without.json', '--jobs', jobs], { cwd: work })).code).toBe(0)
      expect(await fs.readFile(path.join(work, 'with.json'))).toEqual(
        await fs.readFile(path.join(work, 'without.json')),
      )
      // From the cache, the same.
      const again = await runCli(['build', 'with', '--out', 'again.json', '--jobs', jobs, '--cache', 'cache'], {
        cwd: work,
      })
      expect(again.stderr).toContain('[over-budget]')
      expect(await fs.readFile(path.join(work, 'again.json'))).toEqual(
        await fs.readFile(path.join(work, 'without.json')),
      )
      // --strict makes it fatal.
      expect(
        (await runCli(['build', 'with', '--out', 'strict.json', '--jobs', jobs, '--strict'], { cwd: work })).code,
      ).toBe(1)
    },
  )
})
