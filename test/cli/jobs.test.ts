import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { notAnArticle } from './articles.js'
import {
  article,
  generatedArticles,
  requireBuiltCli,
  runCli,
  slow,
  tempDirs,
  withoutProgress,
  writeFiles,
} from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

test(
  '--jobs 2 and --jobs 3 write the same bytes and report the same problems, in the same order, as --jobs 1 (~200 articles)',
  slow,
  async () => {
    const work = await dirs.make()
    await writeFiles(work, {
      ...generatedArticles(200),
      'g3/broken.md': notAnArticle,
      'g5/undated.md': article({
        title: 'An undated raid',
        date: 'in the reign of a forgotten king',
        body: 'Nothing else is known.',
      }),
      'g1/binary.md': Buffer.from([0, 1, 2, 0, 0, 0, 0, 0, 0, 9, 0, 0]),
    })
    const runs = await Promise.all(
      ['1', '2', '3'].map((jobs) =>
        runCli(['build', '.', '--out', `index-${jobs}.json`, '--jobs', jobs], { cwd: work }),
      ),
    )
    const [one, ...others] = await Promise.all(
      ['1', '2', '3'].map((jobs) => readFile(path.join(work, `index-${jobs}.json`))),
    )
    for (const other of others) expect(other.equals(one as Buffer)).toBe(true)
    const reports = runs.map((run) =>
      withoutProgress(run.stderr)
        .split('\n')
        .filter((line) => !line.startsWith('infobox-search: indexed')),
    )
    expect(reports[0]).toHaveLength(4) // 3 reports and a trailing ''
    for (const report of reports) expect(report).toEqual(reports[0])
    for (const [i, run] of runs.entries()) {
      expect(run.code).toBe(0)
      expect(run.stderr).toMatch(
        new RegExp(
          `indexed 201 article\\(s\\), skipped 2, 1 warning\\(s\\), .*\\[${['no workers', '2 workers', '3 workers'][i]}\\]`,
        ),
      )
    }
  },
)
