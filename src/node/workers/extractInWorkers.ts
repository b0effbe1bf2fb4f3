import type { ExtractedFile } from '../extractArticleFile.js'
import type { ArticleFile } from '../listArticleFiles.js'
import { createOrderedResults } from './orderedResults.js'
import type { ExtractTask, ExtractWorkerData } from './protocol.js'
import { createWorkerPool } from './workerPool.js'

/**
 * Heap of each extraction worker, in megabytes. A file within the extraction budget needs
 * well under 300 MB (2 MB of prose about 130 MB); eight workers without a limit peaked at 4.7 GB.
 */
export const workerHeapLimitMb = 1024

/** How `extractInWorkers` runs. */
export interface WorkerExtractionSettings {
  /** Number of worker threads (at most one per file). */
  readonly jobs: number
  /** Milliseconds one file may take; a worker over it is replaced and the file skipped. */
  readonly fileTimeout: number
  /** Megabytes of heap each worker may use; a worker over it is replaced and its file skipped. @default 1024 */
  readonly heapLimitMb?: number | undefined
  readonly workerData: ExtractWorkerData
  /** The worker script (`dist/extractWorker.js`). */
  readonly workerUrl: URL
  readonly signal?: AbortSignal | undefined
  /** The cache key the build cache has for the file at `index`, if any (see `ExtractTask`). */
  readonly listedKey?: ((index: number) => string | undefined) | undefined
  /** Work for this thread while the workers load (called once, after they are started). */
  readonly prepare?: (() => void) | undefined
}

/**
 * Extract `files` on worker threads and yield the results in file order,
 * whatever order they finish in. Work is bounded: only a window of files
 * after the next one to yield is handed out or buffered.
 * @throws {FileSystemError} `ERR_IO` when the worker script cannot start.
 */
export async function* extractInWorkers(
  files: readonly ArticleFile[],
  settings: WorkerExtractionSettings,
): AsyncGenerator<ExtractedFile> {
  const total = files.length
  const workerCount = Math.max(1, Math.min(settings.jobs, total))
  const batchSize = Math.max(1, Math.min(16, Math.ceil(total / (workerCount * 8))))
  // Results are yielded in file order, so one slow file holds back the others' results: the
  // window lets the other workers go on meanwhile (a worker loading the parsers for the one
  // changed file of a --cache rebuild stalled the rest with 4 batches per worker).
  const window = workerCount * batchSize * 16
  // A file the build cache lists is most likely unchanged: its result is a few bytes, so the
  // workers may run further ahead. They find a changed file sooner, and parse it while this
  // thread is still busy with the files before it instead of waiting for it.
  const listedWindow = 16 * window
  const listed = (index: number): boolean => settings.listedKey?.(index) !== undefined
  const taskOf = (index: number): ExtractTask => ({
    index,
    path: files[index]?.path ?? '',
    id: files[index]?.id ?? '',
    listedKey: settings.listedKey?.(index),
  })
  /** Files handed back by a stopped worker, in file order: sent again first. */
  const returned: number[] = []
  let dispatched = 0

  const results = createOrderedResults<ExtractedFile>(total, {
    turnEvery: batchSize,
    onAdvance: () => pool.feed(),
    signal: settings.signal,
  })
  /** The next batch: handed-back files first, then new ones within the window ahead of the next result to yield. */
  const nextBatch = (): ExtractTask[] => {
    const batch: ExtractTask[] = []
    // Listed files take microseconds each: four times the batch, a quarter of the messages (each
    // one wakes a thread, which costs more than the hashing when the two cores are busy).
    const size = returned.length === 0 && listed(dispatched) ? 4 * batchSize : batchSize
    while (batch.length < size) {
      const again = returned.shift()
      if (again !== undefined) batch.push(taskOf(again))
      else if (dispatched < total && dispatched < results.next + (listed(dispatched) ? listedWindow : window))
        batch.push(taskOf(dispatched++))
      else break
    }
    return batch
  }
  const pool = createWorkerPool({
    size: workerCount,
    script: settings.workerUrl,
    workerData: settings.workerData,
    fileTimeout: settings.fileTimeout,
    heapLimitMb: settings.heapLimitMb ?? workerHeapLimitMb,
    lowWater: batchSize,
    nextBatch,
    onResult: (index, file) => results.put(index, file),
    onReturned: (indexes) => {
      returned.push(...indexes)
      returned.sort((a, b) => a - b)
      pool.feed()
    },
    onFatal: (error) => results.fail(error),
  })
  try {
    settings.prepare?.()
    yield* results.inOrder()
  } finally {
    pool.close()
  }
}
