import type { IndexOptions } from '../core/options.js'
import type { ExtractedFile } from './extractArticleFile.js'
import type { RecordCacheLocation } from './recordCache.js'

/** What each extraction worker starts with (`workerData`). */
export interface ExtractWorkerData {
  readonly options: IndexOptions
  readonly cache?: RecordCacheLocation | undefined
}

/** A file to extract; `index` is its position in the build's sorted file list. */
export interface ExtractTask {
  readonly index: number
  readonly path: string
  readonly id: string
  /** The cache key the cache manifest lists for the file: when the file still has it, the worker only says so. */
  readonly listedKey?: string | undefined
}

/** Main thread → worker: a batch of files, extracted one after another. */
export interface ExtractBatchMessage {
  readonly type: 'extract'
  readonly tasks: readonly ExtractTask[]
}

/**
 * One file done. A record taken from the cache comes without `terms` and
 * without its `infobox` text (counted, never stored): its counts travel as
 * `codes` (see `PackedTerms`), with the terms this worker had not sent before.
 */
export interface ExtractResultMessage {
  readonly type: 'result'
  readonly index: number
  readonly result: ExtractedFile
  readonly codes?: Uint32Array
  readonly newTerms?: readonly string[]
}

/**
 * Worker → main thread: loaded and waiting for work, one file done, or
 * several (files taken from the cache are sent together, before the worker
 * parses a file and at the end of each batch).
 */
export type ExtractWorkerMessage = { readonly type: 'ready' } | ExtractResultMessage | { readonly type: 'results'; readonly results: readonly ExtractResultMessage[] }
