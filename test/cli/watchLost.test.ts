import { rename } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { hastings, orleans } from './articles.js'
import { finished, requireBuiltCli, slow, startCli, tempDirs, writeFiles } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

test('--watch whose input folder is moved away says so and exits 2 (it exited 0 silently)', slow, async () => {
  const work = await dirs.make()
  await writeFiles(work, { 'content/hastings.md': hastings, 'content/orleans.md': orleans })
  const child = startCli(['build', 'content', '--out', 'index.json', '--watch', '--jobs', '1'], { cwd: work })
  const ended = finished(child)
  let stderr = ''
  child.stderr?.on('data', (chunk: string) => (stderr += chunk))
  const deadline = Date.now() + 20_000
  while (!stderr.includes('watching for changes') && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50))
  await rename(path.join(work, 'content'), path.join(work, 'moved'))
  const result = await ended
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('infobox-search: the input "content" was moved or removed; stopped watching.\n')
})
