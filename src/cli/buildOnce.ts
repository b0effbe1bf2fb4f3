import { createIndexBuilder } from '../builder/buildIndex.js'
import { openBuildCache } from '../node/cache/buildCache.js'
import type { ExtractedFile } from '../node/extractArticleFile.js'
import { extractArticleFiles } from '../node/extractArticleFiles.js'
import { findArticleFiles } from '../node/listArticleFiles.js'
import { checkBuildOutputs } from '../node/checkBuildOutputs.js'
import { checkOutputPath } from '../node/outputPath.js'
import { writeFileAtomic } from '../node/writeFileAtomic.js'
import { checkChunkedFolder, writeChunkedIndex } from '../node/writeChunkedIndex.js'
import { chunkIndex } from '../builder/chunkIndex.js'
import { serializeIndexChunks } from '../builder/serializeIndex.js'
import type { BuildSettings } from './buildSettings.js'
import { formatBuildSummary, type BuildOutput, type BuildTally } from './formatBuildSummary.js'
import { formatDiagnostic } from './formatDiagnostic.js'
import { createProgress } from './progress.js'
import { terminalLines, terminalText } from './terminalText.js'

/**
 * One build: list the files, extract them (on workers when `jobs` > 1, from
 * the cache when possible), add the records in file order, serialize, write
 * atomically. Resolves to the exit code: 0, or 1 for duplicate ids and for
 * skipped files under `--strict` (nothing is written then).
 * @throws {FileSystemError} for unusable inputs or output (exit code 2).
 */
export async function buildOnce(settings: BuildSettings, signal?: AbortSignal): Promise<0 | 1> {
  const started = performance.now()
  const { stderr } = process
  if (settings.out !== undefined) await checkOutputPath(settings.out)
  if (settings.chunked !== undefined) await checkChunkedFolder(settings.chunked)
  const { files, skipped } = await findArticleFiles(settings.inputs, {
    cwd: settings.base,
    followSymlinks: settings.followSymlinks,
  })
  await checkBuildOutputs({ out: settings.out, chunked: settings.chunked }, files)
  const builder = createIndexBuilder(settings.options)
  const cache = settings.cache === undefined ? undefined : openBuildCache(settings.cache, builder.options)
  const progress = createProgress(stderr, files.length, settings.quiet ? 'off' : stderr.isTTY ? 'bar' : 'lines')
  const workers = settings.jobs > 1 && files.length > 0 ? Math.min(settings.jobs, files.length) : 0
  const tally: BuildTally = {
    indexed: 0,
    skipped: 0,
    warnings: 0,
    workers,
    cache: cache === undefined ? undefined : { reused: 0, extracted: 0, corrupt: 0, unwritable: 0 },
  }
  // Links not followed, files reached twice: warnings, before the articles'.
  tally.warnings += skipped.length
  if (!settings.quiet) for (const diagnostic of skipped) progress.print(formatDiagnostic(diagnostic))
  const owners = new Map<string, string>()
  let complete = false
  try {
    const extracted = extractArticleFiles(files, {
      options: builder.options,
      jobs: settings.jobs,
      fileTimeout: settings.fileTimeout,
      cache,
      signal,
    })
    for await (const file of extracted) {
      progress.advance()
      countCacheUse(tally, file, cache?.unwritable)
      cache?.keep(file)
      const { record } = file
      for (const diagnostic of file.diagnostics) {
        if (record !== undefined) tally.warnings++
        if (record === undefined || !settings.quiet) progress.print(formatDiagnostic(diagnostic))
      }
      if (record === undefined) {
        tally.skipped++
        continue
      }
      const owner = owners.get(record.id)
      if (owner !== undefined) {
        progress.end()
        stderr.write(
          terminalLines(
            `infobox-search: ${owner} and ${file.path} both have the id "${record.id}"; give one of them another "id" in its front matter. No index was written.`,
          ) + '\n',
        )
        return 1
      }
      owners.set(record.id, file.path)
      builder.add(record)
      tally.indexed++
    }
    complete = !settings.strict || tally.skipped === 0
  } finally {
    progress.end()
    // Stored only when this build writes an index: otherwise the last store stays.
    if (complete) cache?.commit()
    else cache?.discard()
  }
  if (!complete) {
    stderr.write(`infobox-search: ${tally.skipped} article(s) could not be indexed (--strict); no index was written.\n`)
    return 1
  }
  progress.status(`infobox-search: writing ${[settings.out, settings.chunked].filter(Boolean).join(' and ')}…`)
  // Other options' caches are stale whatever happens to the write: pruned meanwhile.
  const pruned = cache?.prune().catch(() => 0)
  const index = builder.finish()
  const outputs: BuildOutput[] = []
  try {
    if (settings.out !== undefined) {
      // Streamed: an index past V8's string limit (~512 MB) is still written.
      const bytes = await writeFileAtomic(settings.out, serializeIndexChunks(index), { signal })
      outputs.push({ path: settings.out, bytes })
    }
    if (settings.chunked !== undefined) {
      const { bytes, files } = await writeChunkedIndex(settings.chunked, chunkIndex(index), { signal })
      outputs.push({ path: settings.chunked, bytes, files })
    }
  } finally {
    await pruned
  }
  progress.end()
  if (!settings.quiet)
    stderr.write(`${terminalText(formatBuildSummary(tally, (performance.now() - started) / 1000, outputs))}\n`)
  return 0
}

/** Cache counts for the summary; unreadable files (never cached) are not counted. */
function countCacheUse(tally: BuildTally, file: ExtractedFile, unwritable: string | undefined): void {
  const { cache } = tally
  if (cache === undefined || file.cache === 'off') return
  if (file.cache === 'hit') cache.reused++
  else cache.extracted++
  if (file.cache === 'corrupt') cache.corrupt++
  if (unwritable !== undefined && file.cache !== 'hit') {
    cache.unwritable++
    cache.reason ??= unwritable
  }
}
