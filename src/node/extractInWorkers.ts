import { Worker } from 'node:worker_threads'
import { FileSystemError } from '../core/errors.js'
import { attachPackedTerms, type TermDictionary } from '../builder/packedTerms.js'
import type { Diagnostic } from '../parse/article.js'
import type { ExtractedFile } from './extractArticleFile.js'
import type { ExtractBatchMessage, ExtractWorkerData, ExtractWorkerMessage } from './extractWorkerProtocol.js'
import type { ArticleFile } from './listArticleFiles.js'

/** How `extractInWorkers` runs. */
export interface WorkerPoolSettings {
  /** Number of worker threads (at most one per file). */
  readonly jobs: number
  /** Milliseconds one file may take; a worker over it is replaced and the file skipped. */
  readonly fileTimeout: number
  readonly workerData: ExtractWorkerData
  /** The worker script (`dist/extractWorker.js`). */
  readonly workerUrl: URL
  readonly signal?: AbortSignal | undefined
  /** The cache key the cache manifest lists for the file at `index`, if any (see `ExtractTask`). */
  readonly listedKey?: ((index: number) => string | undefined) | undefined
  /** Work for this thread while the workers load (called once, after they are started). */
  readonly prepare?: (() => void) | undefined
}

interface Slot {
  readonly worker: Worker
  ready: boolean
  /** Ended on purpose (the build is over): its events no longer matter. */
  retired: boolean
  /** Why it is being stopped; acted on at its `exit`, once its messages are all delivered. */
  failure: { readonly index: number | undefined; readonly diagnostic: (file: ArticleFile) => Diagnostic; readonly reason: string } | undefined
  /** File indexes sent and not yet answered; the first is the one in progress. */
  readonly assigned: number[]
  /** The terms this worker has sent, by id (its records' counts refer to them). */
  readonly dictionary: TermDictionary
  timer: NodeJS.Timeout | undefined
}

/**
 * Extract `files` on worker threads and yield the results in file order,
 * whatever order they finish in. Work is bounded: at most a window of files
 * is read or buffered at once. A file that takes longer than `fileTimeout`,
 * or whose worker crashes, is skipped with an error diagnostic; its worker is
 * terminated and replaced, and the build goes on.
 * @throws {FileSystemError} `ERR_IO` when the worker script cannot start.
 */
export async function* extractInWorkers(files: readonly ArticleFile[], settings: WorkerPoolSettings): AsyncGenerator<ExtractedFile> {
  const total = files.length
  const workerCount = Math.max(1, Math.min(settings.jobs, total))
  const batchSize = Math.max(1, Math.min(16, Math.ceil(total / (workerCount * 8))))
  // Results are yielded in file order, so one slow file holds back the others' results: the
  // window lets the other workers go on meanwhile (a worker loading the parsers for the one
  // changed file of a --cache rebuild stalled the rest with 4 batches per worker).
  const window = workerCount * batchSize * 16
  // A file the cache manifest lists is most likely unchanged: its result is a few bytes, so the
  // workers may run further ahead. They find a changed file sooner, and parse it while this
  // thread is still busy with the files before it instead of waiting for it.
  const listedWindow = 16 * window
  const finished = new Map<number, ExtractedFile>()
  const retry: number[] = []
  const slots = new Set<Slot>()
  let dispatched = 0
  let emitted = 0
  let idleCrashes = 0
  let fatal: Error | undefined
  let wake: (() => void) | undefined
  const notify = (): void => {
    const resume = wake
    wake = undefined
    resume?.()
  }

  const spawn = (): void => {
    const worker = new Worker(settings.workerUrl, { workerData: settings.workerData })
    const slot: Slot = { worker, ready: false, retired: false, failure: undefined, assigned: [], dictionary: { terms: [] }, timer: undefined }
    slots.add(slot)
    worker.on('message', (message: ExtractWorkerMessage) => receive(slot, message))
    // An error is acted on at 'exit': Node delivers the worker's pending results first, so the
    // file still in progress then is the one that failed.
    worker.on('error', (error) => {
      slot.failure ??= { index: undefined, diagnostic: (file) => problem(file, 'worker-failed', `its worker failed (${error.message})`), reason: error.message }
    })
    worker.on('exit', (code) => exited(slot, code))
  }

  const receive = (slot: Slot, message: ExtractWorkerMessage): void => {
    if (slot.retired) return
    if (message.type === 'ready') slot.ready = true
    else {
      for (const { index, result, codes, newTerms } of message.type === 'results' ? message.results : [message]) {
        const at = slot.assigned.indexOf(index)
        if (at >= 0) slot.assigned.splice(at, 1)
        // Terms are appended as they arrive, whatever order results are yielded in: ids stay valid.
        if (newTerms !== undefined) for (const term of newTerms) slot.dictionary.terms.push(term)
        if (codes !== undefined && result.record !== undefined) attachPackedTerms(result.record, { codes, dictionary: slot.dictionary })
        finished.set(index, result)
      }
      idleCrashes = 0
      arm(slot)
      notify()
    }
    feed(slot)
  }

  /** A worker ended: skip the file that failed it (if still unanswered), hand its other files to a new worker. */
  const exited = (slot: Slot, code: number): void => {
    if (slot.retired) return
    retire(slot)
    const failure = slot.failure ?? { index: undefined, diagnostic: (file: ArticleFile) => problem(file, 'worker-failed', `its worker exited with code ${code}`), reason: `exit code ${code}` }
    if (!slot.ready) {
      fatal ??= new FileSystemError('ERR_IO', `infobox-search: cannot start an extraction worker (${failure.reason}); run with --jobs 1 to build without workers.`)
      notify()
      return
    }
    const culprit = failure.index ?? slot.assigned[0]
    const file = culprit === undefined || !slot.assigned.includes(culprit) ? undefined : files[culprit]
    if (culprit !== undefined && file !== undefined) finished.set(culprit, { path: file.path, diagnostics: [failure.diagnostic(file)], cache: 'off' })
    else if (failure.index === undefined && ++idleCrashes > 3) fatal ??= new FileSystemError('ERR_IO', 'infobox-search: extraction workers keep failing; run with --jobs 1 to build without workers.')
    retry.push(...slot.assigned.filter((index) => index !== culprit || file === undefined))
    retry.sort((a, b) => a - b)
    if (fatal === undefined) spawn()
    notify()
  }

  /** The file in progress ran over its budget: stop the worker (acted on at its 'exit'). */
  const timeOut = (slot: Slot): void => {
    const current = slot.assigned[0]
    // Results already waiting in the message queue are delivered before immediates: give them that chance.
    setImmediate(() => {
      if (slot.retired || slot.failure !== undefined || current === undefined || slot.assigned[0] !== current) return
      slot.failure = {
        index: current,
        diagnostic: (file) => problem(file, 'file-timeout', `reading and extracting it took longer than ${settings.fileTimeout} ms (--file-timeout)`),
        reason: 'timeout',
      }
      clearTimeout(slot.timer)
      void slot.worker.terminate()
    })
  }

  /** (Re)start the time budget of the file the worker is on. */
  const arm = (slot: Slot): void => {
    clearTimeout(slot.timer)
    slot.timer = slot.assigned.length === 0 || slot.failure !== undefined ? undefined : setTimeout(() => timeOut(slot), settings.fileTimeout)
  }

  /** Keep a worker one batch ahead, within the window of files after the next one to yield. */
  const feed = (slot: Slot): void => {
    if (!slot.ready || slot.retired || slot.failure !== undefined || slot.assigned.length > batchSize) return
    const batch: number[] = []
    const listed = (index: number): boolean => settings.listedKey?.(index) !== undefined
    // Listed files take microseconds each: four times the batch, a quarter of the messages (each
    // one wakes a thread, which costs more than the hashing when the two cores are busy).
    const size = retry.length === 0 && listed(dispatched) ? 4 * batchSize : batchSize
    while (batch.length < size) {
      const again = retry.shift()
      if (again !== undefined) batch.push(again)
      else if (dispatched < total && dispatched < emitted + (listed(dispatched) ? listedWindow : window)) batch.push(dispatched++)
      else break
    }
    if (batch.length === 0) return
    const idle = slot.assigned.length === 0
    slot.assigned.push(...batch)
    const message: ExtractBatchMessage = { type: 'extract', tasks: batch.map((index) => ({ index, path: files[index]?.path ?? '', id: files[index]?.id ?? '', listedKey: settings.listedKey?.(index) })) }
    slot.worker.postMessage(message)
    if (idle) arm(slot)
  }

  const retire = (slot: Slot): void => {
    slot.retired = true
    clearTimeout(slot.timer)
    slots.delete(slot)
    void slot.worker.terminate()
  }

  settings.signal?.addEventListener('abort', notify)
  try {
    for (let i = 0; i < workerCount; i++) spawn()
    settings.prepare?.()
    /** Results yielded since the workers' messages were last handled. */
    let unheard = 0
    while (emitted < total) {
      if (fatal !== undefined) throw fatal
      settings.signal?.throwIfAborted()
      const result = finished.get(emitted)
      if (result === undefined) {
        unheard = 0
        await new Promise<void>((resolve) => (wake = resolve))
        continue
      }
      // Yielding ready results never lets the event loop deliver the workers' messages, and a
      // worker is fed only when its results are heard: while this thread works through a backlog,
      // the workers would sit idle.
      if (++unheard > batchSize) {
        unheard = 0
        await new Promise((resolve) => setImmediate(resolve))
      }
      finished.delete(emitted)
      emitted++
      for (const slot of slots) feed(slot)
      yield result
    }
  } finally {
    settings.signal?.removeEventListener('abort', notify)
    for (const slot of [...slots]) retire(slot)
  }
}

function problem(file: ArticleFile, code: string, reason: string): Diagnostic {
  return { severity: 'error', code, message: `Cannot index ${file.path}: ${reason}; the file was skipped.`, file: file.path }
}
