import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hastings, orleans } from './articles.js'
import { article, requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

/** About 1.5 MB of emphasis-heavy Markdown: several seconds of Markdown parsing, far over the budget used below. */
function slowArticle(): string {
  const paragraph = 'The *quick* courier rode **past** the [ford](x) and the _old_ mill before dawn. '.repeat(20)
  return article({ title: 'A very long chronicle', date: '1200', body: `## Part\n\n${paragraph}\n\n`.repeat(900) })
}

describe.concurrent('large inputs', slow, () => {
  test('a file over --file-timeout is skipped with a diagnostic naming it; its worker is replaced and the build goes on', async () => {
    const work = await dirs.make()
    await writeFiles(work, { 'in/a-hastings.md': hastings, 'in/m-slow.md': slowArticle(), 'in/z-orleans.md': orleans })
    const slow = path.join(work, 'in', 'm-slow.md')
    // `full`: the default `lead` profile would parse none of it (the body starts with a heading).
    const result = await runCli(
      ['build', 'in', '--out', 'index.json', '--body', 'full', '--jobs', '2', '--file-timeout', '1500'],
      { cwd: work },
    )
    expect(result.stderr).toContain(
      `error: Cannot index ${slow}: reading and extracting it took longer than 1500 ms (--file-timeout); the file was skipped. [file-timeout]\n`,
    )
    expect(result.stderr).toMatch(/indexed 2 article\(s\), skipped 1, /)
    expect(result.code).toBe(0)
    const search = await runCli(['search', 'index.json', 'orleans', '--json'], { cwd: work })
    expect((JSON.parse(search.stdout) as { total: number }).total).toBe(1)

    const strict = await runCli(
      ['build', 'in', '--out', 'strict.json', '--body', 'full', '--jobs', '2', '--file-timeout', '1500', '--strict'],
      { cwd: work },
    )
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('[file-timeout]')
  })

  test('a body over --max-body-length is truncated with a warning naming the file', async () => {
    const work = await dirs.make()
    const body = `${'Early annals tell of the walls. '.repeat(100)}\n\nAt the very end the word zanzibarian appears.`
    await writeFiles(work, { 'in/long.md': article({ title: 'Long annals', date: '1300', body }) })
    const result = await runCli(['build', 'in', '--out', 'index.json', '--max-body-length', '1000', '--body', 'full'], {
      cwd: work,
    })
    expect(result.code).toBe(0)
    const file = path.join(work, 'in', 'long.md')
    expect(result.stderr).toMatch(
      new RegExp(
        `^warning: ${file}: the body has 32\\d\\d characters, more than maxBodyLength \\(1000\\); only the first 1000 were indexed \\[body-truncated\\]$`,
        'm',
      ),
    )
    const search = await runCli(['search', 'index.json', 'zanzibarian', '--json'], { cwd: work })
    expect((JSON.parse(search.stdout) as { total: number }).total).toBe(0)
    const inspect = await runCli(['inspect', 'index.json', '--json'], { cwd: work })
    expect(JSON.parse(inspect.stdout)).toMatchObject({ options: { maxBodyLength: 1000 } })
  })
})
