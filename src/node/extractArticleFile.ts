import { readFileSync } from 'node:fs'
import type { CachedRecord } from '../builder/buildIndex.js'
import { InfoboxSearchError } from '../core/errors.js'
import type { IndexRecord } from '../extract/record.js'
import type { Article, Diagnostic } from '../parse/article.js'
import { cacheKey } from './cache/cacheKey.js'
import type { ArticleFile } from './listArticleFiles.js'

/**
 * How a file's record was obtained: `hit` from the build cache, `miss`
 * extracted (and kept for the next build), `corrupt` extracted because the
 * cached row did not check out, `off` without a cache.
 */
export type CacheOutcome = 'hit' | 'miss' | 'corrupt' | 'off'

/** One article file, read and extracted (or why it could not be). Plain data: crosses worker boundaries. */
export interface ExtractedFile {
  readonly path: string
  /** The record to add: extracted now, or taken from the build cache; absent when the file was skipped. */
  readonly record?: IndexRecord | CachedRecord
  /** Everything to report for this file, in order, each naming the file. Errors mean it was skipped. */
  readonly diagnostics: readonly Diagnostic[]
  readonly cache: CacheOutcome
  /** The file's cache key, when caching. */
  readonly cacheKey?: string
  /**
   * The file's key is the one the build cache has for it: the record and
   * diagnostics are left to be taken from there (`extractArticleFiles` does,
   * before it yields the file).
   */
  readonly listed?: true
}

/** What `extractArticleFile` needs besides the file. */
export interface ExtractContext {
  /**
   * Turn an article into a record (`IndexBuilder.extract`). Asked for on the
   * first file that must be parsed, so a worker that only hashes cached
   * files never loads the YAML and Markdown parsers (about half a second each).
   */
  readonly extractor: () => Promise<(article: Article) => IndexRecord>
  /** Whether files are hashed for the build cache. */
  readonly caching: boolean
  /** Called before a file is parsed (read, and not unchanged since the last build). */
  readonly beforeParse?: (() => void) | undefined
}

/**
 * Read one file and, unless its cache key is `listedKey` (the key the build
 * cache has for it: then the result only says `listed`), parse and extract
 * it. Never throws: an unreadable, unparseable or crashing file comes back
 * as error diagnostics.
 */
export async function extractArticleFile(
  file: ArticleFile,
  context: ExtractContext,
  listedKey?: string,
): Promise<ExtractedFile> {
  let bytes: Uint8Array
  try {
    // Synchronous: this runs in a worker or a build loop with nothing else to do, and a
    // promise read costs four thread-pool round trips (open, stat, read, close) per file.
    bytes = readFileSync(file.path)
  } catch (error) {
    const { unreadableArticle } = await import('./readArticleFile.js')
    return { path: file.path, diagnostics: unreadableArticle(file.path, error).diagnostics, cache: 'off' }
  }
  if (!context.caching) return { path: file.path, ...(await extract(bytes, file, context)), cache: 'off' }
  const key = cacheKey(bytes, file)
  if (key === listedKey) return { path: file.path, diagnostics: [], cache: 'hit', cacheKey: key, listed: true }
  const extracted = await extract(bytes, file, context)
  // An extraction that failed unexpectedly is not kept: the next build tries again.
  if (extracted.diagnostics.some((d) => d.code === internalError))
    return { path: file.path, ...extracted, cache: 'miss' }
  return { path: file.path, ...extracted, cache: 'miss', cacheKey: key }
}

const internalError = 'internal-error'

async function extract(
  bytes: Uint8Array,
  file: ArticleFile,
  context: ExtractContext,
): Promise<Pick<ExtractedFile, 'record' | 'diagnostics'>> {
  context.beforeParse?.()
  try {
    const [{ parseArticleBytes }, extractRecord] = await Promise.all([
      import('./readArticleFile.js'),
      context.extractor(),
    ])
    const read = parseArticleBytes(bytes, file)
    const { article } = read
    if (article === undefined) return { diagnostics: read.diagnostics.map((d) => named(d, file.path)) }
    const record = extractRecord(article)
    // Diagnostics of reading (e.g. encoding) that the article does not carry itself.
    const reading = read.diagnostics.filter((d) => !article.diagnostics.includes(d))
    return { record, diagnostics: [...reading, ...record.diagnostics].map((d) => named(d, file.path)) }
  } catch (error) {
    if (error instanceof InfoboxSearchError && error.code === 'ERR_OVER_BUDGET') {
      // Content past what can be extracted in bounded time and memory: skipped, and cached as such.
      const reason = error.message.replace(/^infobox-search: /, '')
      return {
        diagnostics: [
          {
            severity: 'error',
            code: 'over-budget',
            message: `Cannot index ${file.path}: ${reason}; the file was skipped.`,
            file: file.path,
          },
        ],
      }
    }
    const reason = error instanceof Error ? error.message : String(error)
    return {
      diagnostics: [
        {
          severity: 'error',
          code: internalError,
          message: `Cannot index ${file.path}: extraction failed unexpectedly (${reason}); please report this.`,
          file: file.path,
        },
      ],
    }
  }
}

function named(diagnostic: Diagnostic, file: string): Diagnostic {
  return diagnostic.file === undefined ? { ...diagnostic, file } : diagnostic
}
