import { statSync, watch } from 'node:fs'
import * as fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FileSystemError } from '../../src/core/errors.js'
import { writeFileAtomic } from '../../src/node/writeFileAtomic.js'
import { hastings, notAnArticle, orleans } from './articles.js'
import {
  article,
  finished,
  generatedArticles,
  requireBuiltCli,
  runCli,
  slow,
  startCli,
  tempDirs,
  writeFiles,
} from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

/** A folder with two articles and a previous index built from one of them. */
async function previousBuild(): Promise<{ work: string; index: string; before: Buffer }> {
  const work = await dirs.make()
  await writeFiles(work, { 'old/hastings.md': hastings, 'in/hastings.md': hastings, 'in/orleans.md': orleans })
  const first = await runCli(['build', 'old', '--out', 'index.json', '--jobs', '1'], { cwd: work })
  expect(first.code).toBe(0)
  const index = path.join(work, 'index.json')
  return { work, index, before: await fs.readFile(index) }
}

const list = async (dir: string): Promise<string[]> =>
  (await fs.readdir(dir)).filter((name) => name.includes('index.json')).sort()

describe.concurrent('the output is never partly written', slow, () => {
  test.each([
    [
      'a missing folder',
      'missing/index.json',
      'infobox-search: cannot write missing/index.json: the directory missing does not exist; create it first (ENOENT); the previous file, if any, is unchanged.\n',
    ],
    [
      'a path under a regular file',
      'notes.txt/index.json',
      'infobox-search: cannot write notes.txt/index.json: notes.txt is not a directory (a part of the path is a file) (ENOTDIR); the previous file, if any, is unchanged.\n',
    ],
    [
      'a path two levels under a regular file',
      'notes.txt/sub/index.json',
      'infobox-search: cannot write notes.txt/sub/index.json: notes.txt/sub is not a directory (a part of the path is a file) (ENOTDIR); the previous file, if any, is unchanged.\n',
    ],
    [
      'a folder as --out',
      'in',
      'infobox-search: cannot write in: in is a directory; give a file name with --out (EISDIR); the previous file, if any, is unchanged.\n',
    ],
  ])('an output in %s: exit 2 before any work, with the reason', async (_name, out, message) => {
    const work = await dirs.make()
    await writeFiles(work, { 'in/hastings.md': hastings, 'notes.txt': 'not a folder' })
    const result = await runCli(['build', 'in', '--out', out], { cwd: work })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(message)
  })

  test('a build that fails (--strict, duplicate ids) leaves the previous index byte-identical', async () => {
    const { work, index, before } = await previousBuild()
    await writeFiles(work, { 'in/notes.md': notAnArticle })
    expect((await runCli(['build', 'in', '--out', 'index.json', '--strict'], { cwd: work })).code).toBe(1)
    expect(await fs.readFile(index)).toEqual(before)
    await writeFiles(work, { 'in/copy.md': orleans.replace('title:', 'id: "orleans"\ntitle:') })
    expect((await runCli(['build', 'in', '--out', 'index.json'], { cwd: work })).code).toBe(1)
    expect(await fs.readFile(index)).toEqual(before)
    expect(await list(work)).toEqual(['index.json'])
  })

  test('a write that fails half-way (file size limit: EFBIG, like a full disk): exit 2, previous index intact, no temporary file left', async () => {
    const { work, index, before } = await previousBuild()
    await writeFiles(work, generatedArticles(80))
    const result = await runCli(['build', '.', '--out', 'index.json', '--body', 'full', '--jobs', '1'], {
      cwd: work,
      shellPrefix: 'ulimit -f 64;',
    })
    expect(result.stderr).toContain(
      'infobox-search: cannot write index.json: the file is larger than this system allows (file size limit) (EFBIG); the previous file, if any, is unchanged.\n',
    )
    expect(result.code).toBe(2)
    expect(await fs.readFile(index)).toEqual(before)
    expect(await list(work)).toEqual(['index.json'])
  })

  test('a build killed (SIGKILL) while it writes leaves the previous index intact; the next build removes the stale temporary file', async () => {
    const { work, index, before } = await previousBuild()
    // A few long bodies make an index of several MB, written in many chunks.
    const words = 'oak ash elm yew fir pine birch alder rowan hazel'.split(' ')
    for (let n = 0; n < 3; n++) {
      const body = Array.from(
        { length: 12_000 },
        (_, i) => `${words[i % 10]}${(i * 7919 + n) % 100_000} ${words[(i * 3) % 10]} grove ${i}.`,
      ).join(' ')
      await writeFiles(work, {
        [`big/big-${n}.md`]: article({ title: `Long chronicle ${n}`, body: `${body}\n\n${body}` }),
      })
    }
    const child = startCli(['build', 'big', '--out', 'index.json', '--body', 'full', '--jobs', '2'], { cwd: work })
    const ended = finished(child)
    let temporary = ''
    let written = 0
    // Kill as soon as the first chunk of the new index reaches the temporary file.
    const watcher = watch(work, (event, name) => {
      if (event !== 'change' || name === null || !name.startsWith('.index.json.') || temporary !== '') return
      written = statSync(path.join(work, name), { throwIfNoEntry: false })?.size ?? 0
      if (written === 0) return
      temporary = name
      child.kill('SIGKILL')
    })
    const result = await ended
    watcher.close()
    expect(result.signal).toBe('SIGKILL')
    expect(temporary).toMatch(/^\.index\.json\.\d+\.[0-9a-f]+\.tmp$/)
    expect(await fs.readFile(index)).toEqual(before)
    expect(await list(work)).toEqual([temporary, 'index.json'])
    // Killed mid-write: the temporary file holds only the start of the index.
    const partial = await fs.readFile(path.join(work, temporary), 'utf8')
    expect(partial.length).toBeGreaterThan(0)
    expect(() => JSON.parse(partial) as unknown).toThrow()
    // The next build succeeds and cleans up after the killed one.
    expect((await runCli(['build', 'in', '--out', 'index.json'], { cwd: work })).code).toBe(0)
    expect(await list(work)).toEqual(['index.json'])
  })

  test('the new index keeps the permissions of the one it replaces', async () => {
    const { work, index } = await previousBuild()
    await fs.chmod(index, 0o640)
    expect((await runCli(['build', 'in', '--out', 'index.json'], { cwd: work })).code).toBe(0)
    expect((await fs.stat(index)).mode & 0o777).toBe(0o640)
  })
})

describe('writeFileAtomic with a failing disk', () => {
  /** Node's file system, except that writes stop after half the data with `code`. */
  const failingDisk = (code: string): typeof fs => ({
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args)
      return new Proxy(handle, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key)
          if (key !== 'write')
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
          // The first write gets half its bytes onto the disk, then the disk is full.
          return async (bytes: Uint8Array) => {
            await target.write(bytes.subarray(0, bytes.length / 2))
            throw Object.assign(new Error(`${code}: simulated failure, write`), { code })
          }
        },
      })
    },
  })

  test.each([
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', 'the disk is full'],
    ['EIO', 'the system refused the write'],
  ])(
    '%s: throws FileSystemError ERR_IO, the previous file is intact, the temporary file is removed',
    async (code, reason) => {
      const work = await dirs.make()
      const file = path.join(work, 'index.json')
      await fs.writeFile(file, 'previous contents')
      const error = await writeFileAtomic(file, 'x'.repeat(100_000), { fileSystem: failingDisk(code) }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(FileSystemError)
      expect(error).toMatchObject({ name: 'FileSystemError', code: 'ERR_IO', file })
      expect((error as Error).message).toBe(
        `infobox-search: cannot write ${file}: ${reason} (${code}); the previous file, if any, is unchanged.`,
      )
      expect(await fs.readFile(file, 'utf8')).toBe('previous contents')
      expect(await fs.readdir(work)).toEqual(['index.json'])
    },
  )

  test('chunks are written in order and the byte count is returned', async () => {
    const work = await dirs.make()
    const file = path.join(work, 'index.json')
    function* chunks() {
      yield '{"a":'
      yield Buffer.from('"é",')
      yield '"b":2}'
    }
    expect(await writeFileAtomic(file, chunks())).toBe(Buffer.byteLength('{"a":"é","b":2}'))
    expect(await fs.readFile(file, 'utf8')).toBe('{"a":"é","b":2}')
  })

  test('chunks that fail half-way (a serializer throwing) leave the previous file and no temporary file', async () => {
    const work = await dirs.make()
    const file = path.join(work, 'index.json')
    await fs.writeFile(file, 'previous contents')
    async function* chunks() {
      yield 'x'.repeat(100_000)
      throw Object.assign(new Error('serializer failed'), { code: 'EIO' })
    }
    await expect(writeFileAtomic(file, chunks())).rejects.toMatchObject({
      name: 'FileSystemError',
      code: 'ERR_IO',
      file,
    })
    expect(await fs.readFile(file, 'utf8')).toBe('previous contents')
    expect(await fs.readdir(work)).toEqual(['index.json'])
  })

  test('a failing rename also leaves the previous file and no temporary file', async () => {
    const work = await dirs.make()
    const file = path.join(work, 'index.json')
    await fs.writeFile(file, 'previous contents')
    const rename = (): Promise<void> => Promise.reject(Object.assign(new Error('EXDEV: simulated'), { code: 'EXDEV' }))
    await expect(writeFileAtomic(file, 'new contents', { fileSystem: { ...fs, rename } })).rejects.toThrow(
      /cannot write .*index\.json: the system refused the write \(EXDEV\)/,
    )
    expect(await fs.readFile(file, 'utf8')).toBe('previous contents')
    expect(await fs.readdir(work)).toEqual(['index.json'])
  })
})
