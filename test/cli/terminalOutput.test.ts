import * as fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

// Article text, index fields and file names reach the terminal with their
// control characters replaced: no escape sequence from content runs there.

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

/** C0 and C1 controls but newline, DEL, and the bidirectional controls. */
// eslint-disable-next-line no-control-regex -- the characters under test
const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

const hostile = [
  '---',
  'title: "Battle of \\e[2J\\e]0;pwned\\aEscapes"',
  'shortDescription: "Clears \\e[31mthe screen"',
  'infoboxes:',
  '  - conflict: { text: "Battle" }',
  '    date: { text: "\\e]X;never\\a\\u009bJ" }',
  '    place: { text: "\\u202eSyria" }',
  '    combatant1: { text: "Side \\e[5m1" }',
  '---',
  'The battle of escapes \\e[1m was fought.',
  '',
].join('\n')

describe.concurrent('control characters from content never reach the terminal', slow, () => {
  test('build diagnostics, search (text and --json) and inspect', async () => {
    const work = await dirs.make()
    await writeFiles(work, { 'in/escapes.md': hostile, 'in/bad\u001b[31mname.md': 'no front matter' })
    const build = await runCli(['build', 'in', '--out', 'index.json', '--jobs', '1'], { cwd: work })
    expect(build.code).toBe(0)
    expect(build.stderr).toContain('[date-unparsed]')
    expect(build.stderr).toContain('bad\uFFFD[31mname.md')
    expect(build.stderr).not.toMatch(unsafe)

    const search = await runCli(['search', 'index.json', 'escapes', '--facets', 'place,combatant'], { cwd: work })
    expect(search.code).toBe(0)
    expect(search.stdout).toContain('Battle of \uFFFD[2J\uFFFD]0;pwned\uFFFDEscapes')
    expect(search.stdout).not.toMatch(unsafe)

    const json = await runCli(['search', 'index.json', 'escapes', '--json'], { cwd: work })
    expect(json.stdout).not.toMatch(unsafe)
    const result = JSON.parse(json.stdout) as { hits: { title: string; place: string }[] }
    expect(result.hits[0]?.title).toBe('Battle of \u001b[2J\u001b]0;pwned\u0007Escapes')
    expect(result.hits[0]?.place).toBe('\u202eSyria')

    const envelope = JSON.parse(await fs.readFile(path.join(work, 'index.json'), 'utf8')) as Record<string, unknown>
    envelope['generator'] = 'infobox-search@\u001b[2J\u009b31m'
    await fs.writeFile(path.join(work, 'forged.json'), JSON.stringify(envelope))
    const inspect = await runCli(['inspect', 'forged.json'], { cwd: work })
    expect(inspect.stdout).toContain('written by infobox-search@\uFFFD[2J\uFFFD31m')
    expect(inspect.stdout).not.toMatch(unsafe)
    expect((await runCli(['inspect', 'forged.json', '--json'], { cwd: work })).stdout).not.toMatch(unsafe)
    const version = JSON.stringify({ ...envelope, version: 9 })
    await fs.writeFile(path.join(work, 'future.json'), version)
    const refused = await runCli(['search', 'future.json', 'x'], { cwd: work })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('infobox-search@\uFFFD[2J\uFFFD31m')
    expect(refused.stderr).not.toMatch(unsafe)
  })

  test('--filter date=1..2..3 is a usage error (it was read as 1..2)', async () => {
    const work = await dirs.make()
    await writeFiles(work, { 'in/escapes.md': hostile })
    expect((await runCli(['build', 'in', '--out', 'index.json'], { cwd: work })).code).toBe(0)
    const result = await runCli(['search', 'index.json', '', '--filter', 'date=1..2..3'], { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'infobox-search: --filter date= takes a year, a date or a range from..to, received "1..2..3"',
    )
  })
})
