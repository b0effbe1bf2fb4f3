import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hastings, notAnArticle, orleans } from './articles.js'
import { article, requireBuiltCli, runCli, slow, tempDirs, withoutProgress, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  )

describe.concurrent('exit codes', slow, () => {
  test('a file without front matter is reported (path, reason) and skipped; the build succeeds: exit 0', async () => {
    const work = await dirs.make()
    await writeFiles(work, { 'in/hastings.md': hastings, 'in/notes.md': notAnArticle })
    const result = await runCli(['build', 'in', '--out', 'index.json', '--jobs', '1'], { cwd: work })
    expect(result.code).toBe(0)
    const notes = path.join(work, 'in', 'notes.md')
    expect(result.stderr).toContain(
      `error: Cannot read article in ${notes}: no front matter: the file must start with a "---" line. [front-matter-missing]\n`,
    )
    expect(result.stderr).toMatch(/indexed 1 article\(s\), skipped 1, /)
    expect(await exists(path.join(work, 'index.json'))).toBe(true)
  })

  test('--strict with a file that cannot be indexed: exit 1, nothing written', async () => {
    const work = await dirs.make()
    await writeFiles(work, { 'in/hastings.md': hastings, 'in/notes.md': notAnArticle })
    const result = await runCli(['build', 'in', '--out', 'index.json', '--strict', '--jobs', '2'], { cwd: work })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('[front-matter-missing]')
    expect(result.stderr).toContain(
      'infobox-search: 1 article(s) could not be indexed (--strict); no index was written.\n',
    )
    expect(await exists(path.join(work, 'index.json'))).toBe(false)
  })

  test('--quiet prints errors only: no warnings, no summary', async () => {
    const work = await dirs.make()
    const undated = article({ title: 'Undated skirmish', date: 'sometime long ago', body: 'Little is known.' })
    await writeFiles(work, { 'in/undated.md': undated, 'in/notes.md': notAnArticle })
    const result = await runCli(['build', 'in', '--out', 'index.json', '--quiet'], { cwd: work })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/^error: Cannot read article in .*notes\.md: .* \[front-matter-missing\]\n$/)
  })

  test('two files with one id: exit 1, both files named, nothing written', async () => {
    const work = await dirs.make()
    await writeFiles(work, {
      'in/first.md': hastings.replace('title:', 'id: "shared"\ntitle:'),
      'in/second.md': orleans.replace('title:', 'id: "shared"\ntitle:'),
    })
    for (const jobs of ['1', '2']) {
      const result = await runCli(['build', 'in', '--out', 'index.json', '--jobs', jobs], { cwd: work })
      expect(result.code).toBe(1)
      const [first, second] = ['first', 'second'].map((name) => path.join(work, 'in', `${name}.md`))
      expect(withoutProgress(result.stderr)).toBe(
        `infobox-search: ${first} and ${second} both have the id "shared"; give one of them another "id" in its front matter. No index was written.\n`,
      )
      expect(await exists(path.join(work, 'index.json'))).toBe(false)
    }
  })

  test.each([
    [
      'a missing input',
      ['build', 'nowhere', '--out', 'x.json'],
      'infobox-search: "nowhere" does not exist; give a directory, a file or a glob pattern.\n',
    ],
    [
      'a glob that matches nothing',
      ['build', 'nothing/**/*.md', '--out', 'x.json'],
      'infobox-search: the pattern "nothing/**/*.md" matches no file.\n',
    ],
    [
      'an unknown flag',
      ['build', '.', '--out', 'x.json', '--frobnicate'],
      "infobox-search: Unknown option '--frobnicate'",
    ],
    [
      'no --out nor --chunked',
      ['build', '.'],
      'infobox-search: build needs --out <file> or --chunked <dir> (or "out" or "chunked" in the config file)',
    ],
    ['no input', ['build', '--out', 'x.json'], 'infobox-search: build needs at least one directory, file or glob'],
    [
      '--jobs 0',
      ['build', '.', '--out', 'x.json', '--jobs', '0'],
      'infobox-search: --jobs takes a whole number ≥ 1, received "0"',
    ],
    [
      '--file-timeout abc',
      ['build', '.', '--out', 'x.json', '--file-timeout', 'abc'],
      'infobox-search: --file-timeout takes a whole number ≥ 1, received "abc"',
    ],
    [
      'a bad --body',
      ['build', '.', '--out', 'x.json', '--body', 'most'],
      `infobox-search: option "body" must be one of 'full', 'sections', 'lead', 'none', received "most".\n`,
    ],
    [
      'a bad --boost',
      ['build', '.', '--out', 'x.json', '--boost', 'title'],
      'infobox-search: --boost takes field=weight (e.g. title=3,body=0.5), received "title"',
    ],
    ['an unknown command', ['frobnicate'], 'infobox-search: unknown command "frobnicate"'],
  ])('%s: exit 2 with a clear message', async (_name, args, message) => {
    const work = await dirs.make()
    const result = await runCli(args, { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr.startsWith(message)).toBe(true)
    expect(await exists(path.join(work, 'x.json'))).toBe(false)
  })

  test('--help and --version: exit 0', async () => {
    const work = await dirs.make()
    const help = await runCli(['--help'], { cwd: work })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--jobs <n>')
    const version = await runCli(['--version'], { cwd: work })
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(version.stdout).toBe(`${pkg.version}\n`)
  })
})
