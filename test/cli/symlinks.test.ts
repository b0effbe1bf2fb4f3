import { mkdir, symlink } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hastings, orleans } from './articles.js'
import { requireBuiltCli, runCli, slow, tempDirs, writeFiles } from './helpers.js'

// One policy for directories and globs: links that stay inside the input's
// folder are followed, links out of it are skipped unless --follow-symlinks,
// a file reached twice (a link, a loop) is read once, and every skipped path
// is reported.

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

async function linkedSite(): Promise<string> {
  const work = await dirs.make()
  await writeFiles(work, { 'content/hastings.md': hastings, 'outside/orleans.md': orleans })
  await symlink('hastings.md', path.join(work, 'content/alias.md'))
  await symlink('../outside/orleans.md', path.join(work, 'content/out.md'))
  await mkdir(path.join(work, 'content/sub'))
  await symlink('..', path.join(work, 'content/sub/loop'))
  await symlink('../outside', path.join(work, 'content/outdir'))
  return work
}

/** The skipped paths of a build's stderr, relative to `work`, sorted. */
const skippedPaths = (stderr: string, work: string): string[] =>
  [...stderr.matchAll(/^warning: (\S+): not read: .*\[link-skipped\]$/gm)]
    .map((match) => path.relative(work, match[1] ?? ''))
    .sort()

describe.concurrent('symbolic links', slow, () => {
  test.each([['content'], ['content/**/*.md']])(
    '%s: links out skipped, each file read once, all reported',
    async (input) => {
      const work = await linkedSite()
      const result = await runCli(['build', input, '--out', 'index.json', '--jobs', '1'], { cwd: work })
      expect(result.code).toBe(0)
      expect(result.stderr).toMatch(/indexed 1 article\(s\), skipped 0, 7 warning\(s\)/)
      expect(skippedPaths(result.stderr, work)).toEqual([
        'content/alias.md',
        'content/out.md',
        'content/outdir/orleans.md',
        'content/sub/loop/alias.md',
        'content/sub/loop/hastings.md',
        'content/sub/loop/out.md',
        'content/sub/loop/outdir/orleans.md',
      ])
      expect(result.stderr).toContain(
        `links out of an input's folder are not followed (--follow-symlinks follows them)`,
      )
    },
  )

  test('--follow-symlinks reads files out of the folder too, each once', async () => {
    const work = await linkedSite()
    const result = await runCli(['build', 'content', '--out', 'index.json', '--follow-symlinks', '--jobs', '1'], {
      cwd: work,
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/indexed 2 article\(s\), skipped 0, 6 warning\(s\)/)
  })
})
