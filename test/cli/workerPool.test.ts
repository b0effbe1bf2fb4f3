import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { FileSystemError } from '../../src/core/errors.js'
import { resolveIndexOptions } from '../../src/core/options.js'
import type { ExtractedFile } from '../../src/node/extractArticleFile.js'
import { extractInWorkers } from '../../src/node/workers/extractInWorkers.js'
import { slow, tempDirs } from './helpers.js'

const dirs = tempDirs()
afterAll(() => dirs.cleanup())

/**
 * A stand-in worker speaking the extraction protocol: it answers every file
 * with a record titled by its path, except `crash-*` (the worker exits),
 * `hang-*` (an endless loop) and `throw-*` (an uncaught exception).
 */
const fakeWorker = `
import { parentPort } from 'node:worker_threads'
parentPort.on('message', ({ tasks }) => {
  for (const task of tasks) {
    const name = task.path.split('/').pop()
    if (name.startsWith('crash-')) process.exit(3)
    if (name.startsWith('hang-')) for (;;) {}
    if (name.startsWith('throw-')) throw new Error('boom')
    if (name.startsWith('hog-')) { const hoard = []; for (;;) hoard.push(new Array(100000).fill(name)) }
    parentPort.postMessage({ type: 'result', index: task.index, result: { path: task.path, record: { id: task.id, title: name }, diagnostics: [], cache: 'off' } })
  }
})
parentPort.postMessage({ type: 'ready' })
`

async function workerScript(source: string): Promise<URL> {
  const file = path.join(await dirs.make(), 'worker.mjs')
  await writeFile(file, source)
  return pathToFileURL(file)
}

async function collect(
  names: readonly string[],
  workerUrl: URL,
  jobs = 2,
  heapLimitMb?: number,
): Promise<ExtractedFile[]> {
  const files = names.map((name) => ({ path: `/articles/${name}`, id: name }))
  const results: ExtractedFile[] = []
  const settings = {
    jobs,
    fileTimeout: 1000,
    heapLimitMb,
    workerData: { options: resolveIndexOptions(), caching: false },
    workerUrl,
  }
  for await (const result of extractInWorkers(files, settings)) results.push(result)
  return results
}

describe('extractInWorkers', slow, () => {
  test("a file that takes more than a worker's heap is skipped (over-budget); the others are extracted", async () => {
    const names = ['ok-1', 'hog-a', 'ok-2', 'ok-3']
    const results = await collect(names, await workerScript(fakeWorker), 2, 64)
    expect(results.map((r) => [r.path, r.record === undefined ? r.diagnostics[0]?.code : 'ok'])).toEqual([
      ['/articles/ok-1', 'ok'],
      ['/articles/hog-a', 'over-budget'],
      ['/articles/ok-2', 'ok'],
      ['/articles/ok-3', 'ok'],
    ])
    expect(results[1]?.diagnostics[0]?.message).toBe(
      "Cannot index /articles/hog-a: reading and extracting it took more than a worker's 64 MB heap; the file was skipped.",
    )
  })

  test('results come back in file order, one per file, whatever the workers do', async () => {
    const names = Array.from({ length: 60 }, (_, i) =>
      i === 7 ? 'crash-a' : i === 20 ? 'hang-b' : i === 33 ? 'throw-c' : i === 34 ? 'crash-d' : `ok-${i}`,
    )
    const results = await collect(names, await workerScript(fakeWorker), 3)
    expect(results.map((r) => r.path)).toEqual(names.map((name) => `/articles/${name}`))
    const failed = results.filter((r) => r.record === undefined)
    expect(failed.map((r) => [r.path, r.diagnostics[0]?.code])).toEqual([
      ['/articles/crash-a', 'worker-failed'],
      ['/articles/hang-b', 'file-timeout'],
      ['/articles/throw-c', 'worker-failed'],
      ['/articles/crash-d', 'worker-failed'],
    ])
    expect(failed[0]?.diagnostics[0]?.message).toBe(
      'Cannot index /articles/crash-a: its worker exited with code 3; the file was skipped.',
    )
    expect(failed[1]?.diagnostics[0]?.message).toBe(
      'Cannot index /articles/hang-b: reading and extracting it took longer than 1000 ms (--file-timeout); the file was skipped.',
    )
    expect(failed[2]?.diagnostics[0]?.message).toBe(
      'Cannot index /articles/throw-c: its worker failed (boom); the file was skipped.',
    )
  })

  test('a worker script that cannot start is a FileSystemError, not a hang', async () => {
    const error = await collect(['a', 'b', 'c'], await workerScript('throw new Error("cannot load")')).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(FileSystemError)
    expect((error as Error).message).toBe(
      'infobox-search: cannot start an extraction worker (cannot load); run with --jobs 1 to build without workers.',
    )
  })

  test('stopping early (break) terminates the workers', async () => {
    const files = Array.from({ length: 50 }, (_, i) => ({ path: `/articles/ok-${i}`, id: `ok-${i}` }))
    const settings = {
      jobs: 2,
      fileTimeout: 1000,
      workerData: { options: resolveIndexOptions(), caching: false },
      workerUrl: await workerScript(fakeWorker),
    }
    let seen = 0
    for await (const result of extractInWorkers(files, settings)) {
      expect(result.path).toBe(`/articles/ok-${seen}`)
      if (++seen === 5) break
    }
    expect(seen).toBe(5)
  })
})
