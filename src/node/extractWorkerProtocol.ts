import type { IndexOptions } from '../index/options.js'
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
}

/** Main thread → worker: a batch of files, extracted one after another. */
export interface ExtractBatchMessage {
  readonly type: 'extract'
  readonly tasks: readonly ExtractTask[]
}

/** Worker → main thread: loaded and waiting for work, or one file done. */
export type ExtractWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly index: number; readonly result: ExtractedFile }
