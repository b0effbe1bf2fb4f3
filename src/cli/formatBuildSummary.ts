import { formatBytes } from './formatBytes.js'
import { formatDuration } from './formatDuration.js'

/** An index a build wrote: a file, or a chunked index's folder and how many files it holds. */
export interface BuildOutput {
  readonly path: string
  readonly bytes: number
  readonly files?: number
}

/** What a build did, counted as it goes. */
export interface BuildTally {
  indexed: number
  skipped: number
  warnings: number
  /** Worker threads used; 0 when extracting in the main thread. */
  readonly workers: number
  /** Cache use, when `--cache` is given. */
  readonly cache:
    { reused: number; extracted: number; corrupt: number; unwritable: number; reason?: string } | undefined
}

/**
 * The one-line summary:
 * `infobox-search: indexed 200 article(s), skipped 1, 3 warning(s), in 1.2 s → out.json (1.5 MB) [2 workers; cache: 199 reused, 1 extracted]`.
 */
export function formatBuildSummary(tally: BuildTally, seconds: number, outputs: readonly BuildOutput[]): string {
  const notes = [tally.workers === 0 ? 'no workers' : `${tally.workers} worker${tally.workers === 1 ? '' : 's'}`]
  const { cache } = tally
  if (cache !== undefined) {
    let note = `cache: ${cache.reused} reused, ${cache.extracted} extracted`
    if (cache.corrupt > 0) note += `, ${cache.corrupt} corrupt entr${cache.corrupt === 1 ? 'y' : 'ies'} replaced`
    if (cache.unwritable > 0) note += `, ${cache.unwritable} could not be stored (${cache.reason ?? 'unknown error'})`
    notes.push(note)
  }
  const written = outputs.map(
    ({ path, bytes, files }) => `${path} (${files === undefined ? '' : `${files} files, `}${formatBytes(bytes)})`,
  )
  return `infobox-search: indexed ${tally.indexed} article(s), skipped ${tally.skipped}, ${tally.warnings} warning(s), in ${formatDuration(seconds)} → ${written.join(' and ')} [${notes.join('; ')}]`
}
