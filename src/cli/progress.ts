import { formatDuration } from './formatDuration.js'

/** How progress is shown: a bar redrawn in place (TTY), periodic lines (logs), or nothing (`--quiet`). */
export type ProgressMode = 'bar' | 'lines' | 'off'

/** Where progress goes: `process.stderr` or a test double. */
export interface ProgressSink {
  write(text: string): unknown
  readonly columns?: number | undefined
}

/** Progress of one build. */
export interface Progress {
  /** One more article done. */
  advance(): void
  /** Print a line (a diagnostic) above the bar. */
  print(line: string): void
  /** Show what happens after the articles (e.g. "writing …") in place of the bar. */
  status(text: string): void
  /** Remove the bar; the summary follows. */
  end(): void
}

const redrawEvery = 100
const firstLineAfter = 2_000
const lineEvery = 2_000
const quietAtMost = 30_000

/**
 * Progress of `total` articles. Bar: `[████░░░░] 120/400 articles · 85/s · ETA 3 s`,
 * redrawn at most every 100 ms. Lines: none in the first 2 s nor for the last
 * article, otherwise one for every further 10 % (at most one per 2 s, at least
 * one per 30 s).
 */
export function createProgress(
  sink: ProgressSink,
  total: number,
  mode: ProgressMode,
  now: () => number = () => performance.now(),
): Progress {
  const started = now()
  let done = 0
  let drawn = -Infinity
  let shown = false
  let lastLine = started
  let lastLineDone = 0

  const rate = (at: number): number => (done / Math.max(at - started, 1)) * 1000
  const figures = (at: number): string => {
    const perSecond = rate(at)
    const eta = perSecond > 0 ? formatDuration((total - done) / perSecond) : '?'
    return `${done}/${total} articles · ${Math.round(perSecond)}/s · ETA ${eta}`
  }
  const clear = (): void => {
    if (shown) sink.write('\r\x1b[K')
    shown = false
  }
  const draw = (at: number): void => {
    const width = Math.max(10, Math.min(30, (sink.columns ?? 80) - 60))
    const filled = total === 0 ? width : Math.round((done / total) * width)
    sink.write(`\r\x1b[K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${figures(at)}`)
    shown = true
    drawn = at
  }

  return {
    advance() {
      done++
      if (mode === 'off') return
      const at = now()
      if (mode === 'bar') {
        if (at - drawn >= redrawEvery || done === total) draw(at)
        return
      }
      const tenth = done - lastLineDone >= total / 10
      // The last article is followed by the summary: no line for it.
      if (
        done === total ||
        at - started < firstLineAfter ||
        at - lastLine < lineEvery ||
        !(tenth || at - lastLine >= quietAtMost)
      )
        return
      const percent = Math.floor((done / Math.max(total, 1)) * 100)
      sink.write(
        `infobox-search: ${figures(at).replace(' articles', ` articles (${percent}%)`).replaceAll(' · ', ', ')}\n`,
      )
      lastLine = at
      lastLineDone = done
    },
    print(line) {
      clear()
      sink.write(`${line}\n`)
      if (mode === 'bar' && done > 0) draw(now())
    },
    status(text) {
      if (mode !== 'bar') return
      clear()
      sink.write(`\r\x1b[K${text}`)
      shown = true
    },
    end() {
      clear()
    },
  }
}
