import { execFileSync } from 'node:child_process'
import { watch } from 'node:fs'
import * as fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeFileAtomic } from '../../src/node/writeFileAtomic.js'
import { hastings, orleans } from './articles.js'
import {
  finished,
  generatedArticles,
  requireBuiltCli,
  runCli,
  slow,
  startCli,
  tempDirs,
  writeFiles,
} from './helpers.js'

// A build never writes over what it reads, never replaces what is not a
// regular file, and leaves nothing behind when it is interrupted.

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

async function site(): Promise<string> {
  const work = await dirs.make()
  await writeFiles(work, { 'in/hastings.md': hastings, 'in/orleans.md': orleans })
  return work
}

describe.concurrent('outputs that overlap the inputs are refused before any work', slow, () => {
  test.each([
    [
      '--out naming an article (it was replaced by the index)',
      ['build', 'in', '--out', 'in/hastings.md'],
      'infobox-search: cannot write in/hastings.md: in/hastings.md is one of the articles this build reads; give another file name with --out (EINPUT); the previous file, if any, is unchanged.\n',
    ],
    [
      '--out naming an article given as a file',
      ['build', 'in/orleans.md', 'in/hastings.md', '--out', 'in/./orleans.md'],
      'infobox-search: cannot write in/./orleans.md: in/./orleans.md is one of the articles this build reads; give another file name with --out (EINPUT); the previous file, if any, is unchanged.\n',
    ],
    [
      '--chunked naming the input folder',
      ['build', 'in', '--chunked', 'in'],
      'infobox-search: cannot write in: in holds articles this build reads, and writing there would replace or remove them; give a folder of its own (EINSIDE); the previous file, if any, is unchanged.\n',
    ],
    [
      '--chunked naming a folder above the inputs',
      ['build', 'in', '--chunked', '.'],
      'infobox-search: cannot write .: . holds articles this build reads, and writing there would replace or remove them; give a folder of its own (EINSIDE); the previous file, if any, is unchanged.\n',
    ],
    [
      '--out inside the --chunked folder',
      ['build', 'in', '--chunked', 'search', '--out', 'search/index.json'],
      'infobox-search: cannot write search/index.json: search/index.json is inside the --chunked folder, which a rebuild empties of what it does not name; give a file elsewhere (EINCHUNKED); the previous file, if any, is unchanged.\n',
    ],
  ])('%s', async (_name, args, message) => {
    const work = await site()
    await fs.mkdir(path.join(work, 'search'))
    const before = await fs.readFile(path.join(work, 'in/hastings.md'))
    const result = await runCli(args, { cwd: work })
    expect(result.stderr).toBe(message)
    expect(result.code).toBe(2)
    expect(await fs.readFile(path.join(work, 'in/hastings.md'))).toEqual(before)
    expect((await fs.readdir(path.join(work, 'in'))).sort()).toEqual(['hastings.md', 'orleans.md'])
  })

  test('--out through a link to an article is refused too; a link to elsewhere is followed and stays a link', async () => {
    const work = await site()
    await fs.symlink('in/hastings.md', path.join(work, 'alias.json'))
    const refused = await runCli(['build', 'in', '--out', 'alias.json'], { cwd: work })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('is one of the articles this build reads')
    await fs.mkdir(path.join(work, 'public'))
    await fs.writeFile(path.join(work, 'public/index.json'), 'old')
    await fs.symlink('public/index.json', path.join(work, 'link.json'))
    expect((await runCli(['build', 'in', '--out', 'link.json'], { cwd: work })).code).toBe(0)
    expect((await fs.lstat(path.join(work, 'link.json'))).isSymbolicLink()).toBe(true)
    expect(JSON.parse(await fs.readFile(path.join(work, 'public/index.json'), 'utf8'))).toMatchObject({
      format: 'infobox-search',
    })
  })
})

describe.concurrent('outputs that are not regular files', slow, () => {
  test('a FIFO is written through, never replaced by a regular file', async () => {
    const work = await site()
    execFileSync('mkfifo', [path.join(work, 'pipe.json')])
    const reader = fs.readFile(path.join(work, 'pipe.json'), 'utf8')
    const result = await runCli(['build', 'in', '--out', 'pipe.json', '--quiet'], { cwd: work })
    expect(result.code).toBe(0)
    expect(JSON.parse(await reader)).toMatchObject({ format: 'infobox-search' })
    expect((await fs.lstat(path.join(work, 'pipe.json'))).isFIFO()).toBe(true)
    expect((await fs.readdir(work)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  // A device node of our own (the null device's numbers), never the system's /dev/null: code that
  // replaced it would break the machine. Making one needs root.
  test.skipIf(process.getuid?.() !== 0)('a character device is written through, never replaced', async () => {
    const work = await site()
    execFileSync('mknod', ['-m', '666', path.join(work, 'null.json'), 'c', '1', '3'])
    const result = await runCli(['build', 'in', '--out', 'null.json', '--quiet'], { cwd: work })
    expect(result.code).toBe(0)
    expect((await fs.lstat(path.join(work, 'null.json'))).isCharacterDevice()).toBe(true)
  })

  test('a socket is refused', async () => {
    const work = await site()
    const net = await import('node:net')
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(path.join(work, 'sock.json'), resolve))
    try {
      const result = await runCli(['build', 'in', '--out', 'sock.json'], { cwd: work })
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        'infobox-search: cannot write sock.json: sock.json is not a regular file (a socket or a block device), and is never replaced; give a file name with --out (ENOTREGULAR); the previous file, if any, is unchanged.\n',
      )
    } finally {
      server.close()
    }
  })
})

describe.concurrent('names and interruptions', slow, () => {
  test('an --out name of 250 bytes is written (its temporary name is cut to fit 255 bytes)', async () => {
    const work = await site()
    const name = `${'é'.repeat(100)}${'x'.repeat(45)}.json`
    expect(Buffer.byteLength(name)).toBe(250)
    const result = await runCli(['build', 'in', '--out', name, '--quiet'], { cwd: work })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect((await fs.readdir(work)).sort()).toEqual(['in', name].sort())
  })

  test('Ctrl-C during a build: exit 130, no temporary file left (index, cache), the previous index unchanged', async () => {
    const work = await dirs.make()
    await writeFiles(work, { 'old/hastings.md': hastings, ...generatedArticles(400) })
    expect((await runCli(['build', 'old', '--out', 'index.json'], { cwd: work })).code).toBe(0)
    const before = await fs.readFile(path.join(work, 'index.json'))
    await fs.mkdir(path.join(work, 'cache'))
    const child = startCli(['build', '.', '--out', 'index.json', '--cache', 'cache', '--jobs', '1', '--body', 'full'], {
      cwd: work,
    })
    const ended = finished(child)
    // Interrupt once the build cache's next store has been started (extraction is under way).
    let sent = false
    const watcher = watch(path.join(work, 'cache'), { recursive: true }, (_event, name) => {
      if (sent || name === null || !name.toString().endsWith('.tmp')) return
      sent = child.kill('SIGINT')
    })
    const result = await ended
    watcher.close()
    expect(result.code).toBe(130)
    expect(result.stderr).toContain(
      'infobox-search: interrupted; nothing was written (the previous index is unchanged).\n',
    )
    expect(await fs.readFile(path.join(work, 'index.json'))).toEqual(before)
    const left = (await fs.readdir(work, { recursive: true })).filter((name) => name.endsWith('.tmp'))
    expect(left).toEqual([])
  })

  test('writeFileAtomic stopped by a signal between chunks removes its temporary file', async () => {
    const work = await dirs.make()
    const file = path.join(work, 'index.json')
    await fs.writeFile(file, 'previous')
    const controller = new AbortController()
    function* chunks() {
      yield 'first chunk'
      controller.abort(new Error('stop'))
      yield 'second chunk'
    }
    await expect(writeFileAtomic(file, chunks(), { signal: controller.signal })).rejects.toThrow('stop')
    expect(await fs.readdir(work)).toEqual(['index.json'])
    expect(await fs.readFile(file, 'utf8')).toBe('previous')
  })
})
