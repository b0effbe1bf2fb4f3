import { createIndexBuilder } from '../index/buildIndex.js'
import type { IndexOptions } from '../index/options.js'
import { extractArticleFile, type ExtractedFile } from './extractArticleFile.js'
import { extractInWorkers } from './extractInWorkers.js'
import type { ArticleFile } from './listArticleFiles.js'
import type { RecordCacheLocation } from './recordCache.js'

/** Options of `extractArticleFiles`. */
export interface ExtractArticleFilesOptions {
  /** Resolved index options (the same as the builder's). */
  readonly options: IndexOptions
  /**
   * Worker threads to use. `1` extracts in this thread, without workers (and
   * without a time budget: a synchronous parse cannot be interrupted).
   * @default 1
   */
  readonly jobs?: number
  /**
   * Milliseconds one file may take in a worker before it is skipped.
   * @default 10_000
   */
  readonly fileTimeout?: number
  /** Cache of extracted records; see `RecordCacheLocation`. */
  readonly cache?: RecordCacheLocation | undefined
  /** Stops the extraction (the iterator throws the abort reason). */
  readonly signal?: AbortSignal | undefined
  /** The worker script. @default `extractWorker.js` beside this module (in `dist/`) */
  readonly workerUrl?: URL
}

/**
 * Read and extract article files, yielding one result per file in the order
 * given (so records can be added in a fixed order and builds are
 * byte-identical whatever `jobs` is). Streams: sources are read as the
 * iteration goes, never all at once.
 *
 * @example
 * for await (const file of extractArticleFiles(files, { options: builder.options, jobs: 4 })) {
 *   if (file.record !== undefined) builder.add(file.record)
 * }
 */
export function extractArticleFiles(files: readonly ArticleFile[], settings: ExtractArticleFilesOptions): AsyncGenerator<ExtractedFile> {
  const jobs = settings.jobs ?? 1
  if (jobs <= 1 || files.length === 0) return extractHere(files, settings)
  return extractInWorkers(files, {
    jobs,
    fileTimeout: settings.fileTimeout ?? 10_000,
    workerData: { options: settings.options, cache: settings.cache },
    workerUrl: settings.workerUrl ?? new URL('./extractWorker.js', import.meta.url),
    signal: settings.signal,
  })
}

async function* extractHere(files: readonly ArticleFile[], settings: ExtractArticleFilesOptions): AsyncGenerator<ExtractedFile> {
  const extract = createIndexBuilder(settings.options).extract
  const context = { extractor: () => Promise.resolve(extract), cache: settings.cache }
  for (const file of files) {
    settings.signal?.throwIfAborted()
    yield await extractArticleFile(file, context)
  }
}
