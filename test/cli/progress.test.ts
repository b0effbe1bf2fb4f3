import { describe, expect, test } from 'vitest'
import { formatBuildSummary } from '../../src/cli/formatBuildSummary.js'
import { createProgress, type ProgressMode } from '../../src/cli/progress.js'

/** A progress reporter on a fake clock, writing into a string. */
function fake(total: number, mode: ProgressMode) {
  let now = 0
  let out = ''
  const progress = createProgress({ write: (text: string) => (out += text), columns: 100 }, total, mode, () => now)
  return {
    progress,
    tick(ms: number, articles = 1) {
      now += ms
      for (let i = 0; i < articles; i++) progress.advance()
    },
    get out() {
      return out
    },
  }
}

describe('progress', () => {
  test('bar (TTY): one line redrawn in place with done/total, rate and ETA, at most every 100 ms', () => {
    const p = fake(100, 'bar')
    p.tick(50)
    expect(p.out).toBe('\r\x1b[K[░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░] 1/100 articles · 20/s · ETA 5.0 s')
    p.tick(10) // too soon to redraw
    expect(p.out.split('\r').length).toBe(2)
    p.tick(940, 1) // 3 done after 1 s
    expect(p.out.endsWith('\r\x1b[K[█░░░░░░░░░░░░░░░░░░░░░░░░░░░░░] 3/100 articles · 3/s · ETA 32 s')).toBe(true)
    p.tick(1000, 47) // 50 done after 2 s
    expect(p.out.endsWith('\r\x1b[K[█░░░░░░░░░░░░░░░░░░░░░░░░░░░░░] 4/100 articles · 2/s · ETA 48 s')).toBe(true) // drawn on the first of the 47
    p.progress.print('warning: a.md: something [code]')
    expect(
      p.out.endsWith(
        '\r\x1b[Kwarning: a.md: something [code]\n\r\x1b[K[███████████████░░░░░░░░░░░░░░░] 50/100 articles · 25/s · ETA 2.0 s',
      ),
    ).toBe(true)
    p.tick(100, 50)
    expect(p.out.endsWith('[██████████████████████████████] 100/100 articles · 48/s · ETA 0.0 s')).toBe(true) // always drawn at the end
    p.progress.end()
    expect(p.out.endsWith('\r\x1b[K')).toBe(true)
  })

  test('lines (not a TTY): nothing in the first 2 s, then a line per 10 % at most every 2 s, none for the last article', () => {
    const p = fake(1000, 'lines')
    p.tick(1900, 500) // half done, but within the first 2 s
    expect(p.out).toBe('')
    p.tick(200) // 2.1 s: a line
    expect(p.out).toBe('infobox-search: 501/1000 articles (50%), 239/s, ETA 2.1 s\n')
    p.tick(1000, 200) // 10 % more, but only 1 s later
    expect(p.out.split('\n')).toHaveLength(2)
    p.tick(1000, 1) // 2 s later and 20 % more
    expect(p.out.split('\n')).toHaveLength(3)
    p.tick(10_000, 1) // 10 s later, 0.1 % more: quiet
    expect(p.out.split('\n')).toHaveLength(3)
    p.tick(25_000, 1) // but never quiet for more than 30 s
    expect(p.out.split('\n')).toHaveLength(4)
    p.tick(1000, 296) // the last article: the summary follows instead
    expect(p.out.split('\n')).toHaveLength(4)
  })

  test('off (--quiet): only diagnostics printed through it', () => {
    const p = fake(10, 'off')
    p.tick(5000, 5)
    p.progress.print('error: x [code]')
    p.progress.end()
    expect(p.out).toBe('error: x [code]\n')
  })

  test('summary line', () => {
    expect(
      formatBuildSummary(
        {
          indexed: 200,
          skipped: 1,
          warnings: 3,
          workers: 2,
          cache: { reused: 199, extracted: 2, corrupt: 1, unwritable: 0 },
        },
        1.234,
        [{ path: 'out.json', bytes: 1_572_864 }],
      ),
    ).toBe(
      'infobox-search: indexed 200 article(s), skipped 1, 3 warning(s), in 1.2 s → out.json (1.5 MB) [2 workers; cache: 199 reused, 2 extracted, 1 corrupt entry replaced]',
    )
    expect(
      formatBuildSummary({ indexed: 1, skipped: 0, warnings: 0, workers: 0, cache: undefined }, 75, [
        { path: 'i.json', bytes: 900 },
        { path: 'search/', bytes: 5000, files: 12 },
      ]),
    ).toBe(
      'infobox-search: indexed 1 article(s), skipped 0, 0 warning(s), in 1 min 15 s → i.json (900 B) and search/ (12 files, 4.9 KB) [no workers]',
    )
  })
})
