import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { hastings, lepanto, orleans } from './articles.js'
import { finished, requireBuiltCli, slow, startCli, tempDirs, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

test(
  '--watch rebuilds on changes (an edit, a new file in a new folder), one summary each; Ctrl-C exits 0',
  slow,
  async () => {
    const work = await dirs.make()
    await writeFiles(work, { 'content/hastings.md': hastings, 'content/orleans.md': orleans })
    const child = startCli(['build', 'content', '--out', 'index.json', '--watch', '--jobs', '1'], { cwd: work })
    const ended = finished(child)
    let stderr = ''
    child.stderr?.on('data', (chunk: string) => (stderr += chunk))
    const summaries = (): number =>
      stderr.split('\n').filter((line) => line.startsWith('infobox-search: indexed')).length
    const until = async (what: string, done: () => boolean): Promise<void> => {
      const deadline = Date.now() + 20_000
      while (!done()) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`timed out waiting for ${what}; stderr so far:\n${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const titles = async (): Promise<string[]> => {
      const index = JSON.parse(await readFile(path.join(work, 'index.json'), 'utf8')) as {
        documents: { title: string }[]
      }
      return index.documents.map((d) => d.title).sort()
    }

    await until('the first build', () => stderr.includes('watching for changes'))
    expect(summaries()).toBe(1)
    expect(stderr).toMatch(/indexed 2 article\(s\)/)

    await writeFile(
      path.join(work, 'content/orleans.md'),
      orleans.replace('title: "Siege of Orléans"', 'title: "Relief of Orléans"'),
    )
    await until('a rebuild after an edit', () => summaries() === 2)
    expect(await titles()).toEqual(['Battle of Hastings', 'Relief of Orléans'])

    await writeFiles(work, { 'content/sea/lepanto.md': lepanto, 'content/notes.txt': 'ignored: not Markdown' })
    await until('a rebuild after a new file', () => summaries() === 3)
    expect(
      stderr
        .split('\n')
        .filter((line) => line.startsWith('infobox-search: indexed'))
        .at(-1),
    ).toMatch(/indexed 3 article\(s\)/)
    expect(await titles()).toEqual(['Battle of Hastings', 'Battle of Lepanto', 'Relief of Orléans'])

    await new Promise((resolve) => setTimeout(resolve, 600)) // time for a spurious rebuild, if writing the index caused one
    expect(summaries()).toBe(3)
    child.kill('SIGINT')
    const result = await ended
    expect(result.signal).toBeNull()
    expect(result.code).toBe(0)
  },
)
