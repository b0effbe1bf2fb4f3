import { createIndexBuilder } from '../builder/buildIndex.js'
import type { IndexOptions } from '../core/options.js'
import type { IndexRecord } from '../extract/record.js'
import type { Article } from '../parse/article.js'
import type { BuildCache } from './cache/buildCache.js'
import { extractArticleFile, type ExtractContext, type ExtractedFile } from './extractArticleFile.js'
import type { ArticleFile } from './listArticleFiles.js'
import { extractInWorkers } from './workers/extractInWorkers.js'

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
  /** The build cache: files unchanged since the last build are taken from it (see `openBuildCache`). */
  readonly cache?: BuildCache | undefined
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
export function extractArticleFiles(
  files: readonly ArticleFile[],
  settings: ExtractArticleFilesOptions,
): AsyncGenerator<ExtractedFile> {
  const jobs = settings.jobs ?? 1
  const { cache } = settings
  const listedKey = cache === undefined ? undefined : (index: number) => cache.keyOf(files[index]?.path ?? '')
  const extracted =
    jobs <= 1 || files.length === 0
      ? extractHere(files, settings, listedKey)
      : extractInWorkers(files, {
          jobs,
          fileTimeout: settings.fileTimeout ?? 10_000,
          workerData: { options: settings.options, caching: cache !== undefined },
          workerUrl: settings.workerUrl ?? new URL('./extractWorker.js', import.meta.url),
          signal: settings.signal,
          listedKey,
          // The last build's store is read while the workers load.
          prepare: () => listedKey?.(0),
        })
  return cache === undefined ? extracted : takeListed(files, extracted, cache, settings)
}

function here(settings: ExtractArticleFilesOptions): ExtractContext {
  let extract: ((article: Article) => IndexRecord) | undefined
  return {
    extractor: () => Promise.resolve((extract ??= createIndexBuilder(settings.options).extract)),
    caching: settings.cache !== undefined,
  }
}

async function* extractHere(
  files: readonly ArticleFile[],
  settings: ExtractArticleFilesOptions,
  listedKey?: (index: number) => string | undefined,
): AsyncGenerator<ExtractedFile> {
  const context = here(settings)
  for (const [index, file] of files.entries()) {
    settings.signal?.throwIfAborted()
    yield await extractArticleFile(file, context, listedKey?.(index))
  }
}

/** Fill in the files found unchanged since the last build; a stored row that does not check out is extracted again here. */
async function* takeListed(
  files: readonly ArticleFile[],
  extracted: AsyncGenerator<ExtractedFile>,
  cache: BuildCache,
  settings: ExtractArticleFilesOptions,
): AsyncGenerator<ExtractedFile> {
  let context: ExtractContext | undefined
  let index = 0
  for await (const file of extracted) {
    const source = files[index++]
    if (file.listed !== true || file.cacheKey === undefined || source === undefined) {
      yield file
      continue
    }
    const stored = cache.take(file.path, file.cacheKey)
    if (stored !== undefined) {
      yield { path: file.path, ...stored, cache: 'hit', cacheKey: file.cacheKey }
      continue
    }
    const again = await extractArticleFile(source, (context ??= here(settings)))
    yield { ...again, cache: 'corrupt' }
  }
}
