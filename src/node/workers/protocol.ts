import type { IndexOptions } from '../../core/options.js'
import type { ExtractedFile } from '../extractArticleFile.js'

/** What each extraction worker starts with (`workerData`). */
export interface ExtractWorkerData {
  readonly options: IndexOptions
  /** Whether files are hashed for the build cache. */
  readonly caching: boolean
}

/** A file to extract; `index` is its position in the build's sorted file list. */
export interface ExtractTask {
  readonly index: number
  readonly path: string
  readonly id: string
  /** The cache key the build cache has for the file: when the file still has it, the worker only says so. */
  readonly listedKey?: string | undefined
}

/** Main thread → worker: a batch of files, extracted one after another. */
export interface ExtractBatchMessage {
  readonly type: 'extract'
  readonly tasks: readonly ExtractTask[]
}

/** One file done. */
export interface ExtractResultMessage {
  readonly type: 'result'
  readonly index: number
  readonly result: ExtractedFile
}

/**
 * Worker → main thread: loaded and waiting for work, one file done, or
 * several (files found unchanged are sent together, before the worker
 * parses a file and at the end of each batch).
 */
export type ExtractWorkerMessage =
  | { readonly type: 'ready' }
  | ExtractResultMessage
  | { readonly type: 'results'; readonly results: readonly ExtractResultMessage[] }
