import { readFileSync } from 'node:fs'
import type { IndexRecord } from '../extract/record.js'
import type { Article, Diagnostic } from '../parse/article.js'
import type { ArticleFile } from './listArticleFiles.js'
import { cacheKey, readCacheEntry, writeCacheEntry, type CachedExtraction, type RecordCacheLocation } from './recordCache.js'

/** How a file's record was obtained. `corrupt`: the cache entry was unusable and the file was extracted again. */
export type CacheOutcome = 'hit' | 'miss' | 'corrupt' | 'off'

/** One article file, read and extracted (or why it could not be). Plain data: crosses worker boundaries. */
export interface ExtractedFile {
  readonly path: string
  /** The record to add; absent when the file was skipped. */
  readonly record?: IndexRecord
  /** Everything to report for this file, in order, each naming the file. Errors mean it was skipped. */
  readonly diagnostics: readonly Diagnostic[]
  readonly cache: CacheOutcome
  /** The cache entry used or written (for pruning). */
  readonly cacheKey?: string
  /** Why the cache entry could not be written, when it could not. */
  readonly cacheError?: string
  /**
   * The file's key is the one the cache manifest lists: the record and
   * diagnostics are left to be taken from there (`extractArticleFiles` does,
   * before it yields the file).
   */
  readonly listed?: true
}

/** What `extractArticleFile` needs besides the file. */
export interface ExtractContext {
  /**
   * Turn an article into a record (`IndexBuilder.extract`). Asked for on the
   * first file that must be parsed, so a worker that only reads the cache
   * never loads the YAML and Markdown parsers (about half a second each).
   */
  readonly extractor: () => Promise<(article: Article) => IndexRecord>
  /** Where extracted records are cached, if anywhere. */
  readonly cache?: RecordCacheLocation | undefined
  /** Called before a file is parsed (read but not found in the cache). */
  readonly beforeParse?: (() => void) | undefined
}

/**
 * Read one file, then take its record from the cache (when the bytes are
 * unchanged: no YAML or Markdown parsing at all) or parse and extract it and
 * store it in the cache. When its cache key is `listedKey` (the one the
 * cache manifest has for it), the result only says so: `listed`. Never
 * throws: an unreadable, unparseable or crashing file comes back as error
 * diagnostics.
 */
export async function extractArticleFile(file: ArticleFile, context: ExtractContext, listedKey?: string): Promise<ExtractedFile> {
  let bytes: Uint8Array
  try {
    // Synchronous: this runs in a worker or a build loop with nothing else to do, and a
    // promise read costs four thread-pool round trips (open, stat, read, close) per file.
    bytes = readFileSync(file.path)
  } catch (error) {
    const { unreadableArticle } = await import('./readArticleFile.js')
    return { path: file.path, diagnostics: unreadableArticle(file.path, error).diagnostics, cache: 'off' }
  }
  const { cache } = context
  if (cache === undefined) return { path: file.path, ...(await extract(bytes, file, context)), cache: 'off' }
  const key = cacheKey(bytes, file)
  if (key === listedKey) return { path: file.path, diagnostics: [], cache: 'hit', cacheKey: key, listed: true }
  const cached = readCacheEntry(cache, key, file)
  if (cached !== undefined && cached !== 'corrupt') return { path: file.path, ...cached, cache: 'hit', cacheKey: key }
  const extracted = await extract(bytes, file, context)
  const outcome = cached === 'corrupt' ? 'corrupt' : 'miss'
  if (extracted.diagnostics.some((d) => d.code === internalError)) return { path: file.path, ...extracted, cache: outcome }
  let cacheError: string | undefined
  try {
    writeCacheEntry(cache, key, file, extracted)
  } catch (error) {
    cacheError = (error as NodeJS.ErrnoException).code ?? String(error)
  }
  return { path: file.path, ...extracted, cache: outcome, cacheKey: key, ...(cacheError === undefined ? {} : { cacheError }) }
}

const internalError = 'internal-error'

async function extract(bytes: Uint8Array, file: ArticleFile, context: ExtractContext): Promise<CachedExtraction> {
  context.beforeParse?.()
  try {
    const [{ parseArticleBytes }, extractRecord] = await Promise.all([import('./readArticleFile.js'), context.extractor()])
    const read = parseArticleBytes(bytes, file)
    const { article } = read
    if (article === undefined) return { diagnostics: read.diagnostics.map((d) => named(d, file.path)) }
    const record = extractRecord(article)
    // Diagnostics of reading (e.g. encoding) that the article does not carry itself.
    const reading = read.diagnostics.filter((d) => !article.diagnostics.includes(d))
    return { record, diagnostics: [...reading, ...record.diagnostics].map((d) => named(d, file.path)) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { diagnostics: [{ severity: 'error', code: internalError, message: `Cannot index ${file.path}: extraction failed unexpectedly (${reason}); please report this.`, file: file.path }] }
  }
}

function named(diagnostic: Diagnostic, file: string): Diagnostic {
  return diagnostic.file === undefined ? { ...diagnostic, file } : diagnostic
}
