import { createIndexBuilder } from '../builder/buildIndex.js'
import type { IndexOptions } from '../core/options.js'
import type { Article } from '../parse/article.js'
import type { IndexRecord } from '../extract/record.js'
import type { CacheManifest } from './cacheManifest.js'
import { extractArticleFile, type ExtractContext, type ExtractedFile } from './extractArticleFile.js'
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
  /**
   * The cache's manifest (see `lazyCacheManifest`): asked for once the
   * workers are starting, so it is read while they load.
   */
  readonly manifest?: (() => CacheManifest | undefined) | undefined
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
  const { manifest } = settings
  const listedKey = manifest === undefined ? undefined : (index: number) => manifest()?.keyOf(files[index]?.path ?? '')
  const extracted =
    jobs <= 1 || files.length === 0
      ? extractHere(files, settings, listedKey)
      : extractInWorkers(files, {
          jobs,
          fileTimeout: settings.fileTimeout ?? 10_000,
          workerData: { options: settings.options, cache: settings.cache },
          workerUrl: settings.workerUrl ?? new URL('./extractWorker.js', import.meta.url),
          signal: settings.signal,
          listedKey,
          prepare: manifest,
        })
  return manifest === undefined ? extracted : takeListed(files, extracted, manifest, settings)
}

function here(settings: ExtractArticleFilesOptions): ExtractContext {
  let extract: ((article: Article) => IndexRecord) | undefined
  return { extractor: () => Promise.resolve((extract ??= createIndexBuilder(settings.options).extract)), cache: settings.cache }
}

async function* extractHere(files: readonly ArticleFile[], settings: ExtractArticleFilesOptions, listedKey?: (index: number) => string | undefined): AsyncGenerator<ExtractedFile> {
  const context = here(settings)
  for (const [index, file] of files.entries()) {
    settings.signal?.throwIfAborted()
    yield await extractArticleFile(file, context, listedKey?.(index))
  }
}

/** Fill in the files found unchanged since the manifest was written; a row that does not check out is extracted again here. */
async function* takeListed(files: readonly ArticleFile[], extracted: AsyncGenerator<ExtractedFile>, manifest: () => CacheManifest | undefined, settings: ExtractArticleFilesOptions): AsyncGenerator<ExtractedFile> {
  let context: ExtractContext | undefined
  let index = 0
  for await (const file of extracted) {
    const source = files[index++]
    if (file.listed !== true || file.cacheKey === undefined || source === undefined) {
      yield file
      continue
    }
    const listed = manifest()?.take(file.path, file.cacheKey)
    yield listed === undefined ? await extractArticleFile(source, (context ??= here(settings))) : { path: file.path, ...listed, cache: 'hit', cacheKey: file.cacheKey }
  }
}
