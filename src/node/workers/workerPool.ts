import { Worker } from 'node:worker_threads'
import { FileSystemError } from '../../core/errors.js'
import type { Diagnostic } from '../../parse/article.js'
import type { ExtractedFile } from '../extractArticleFile.js'
import type { ExtractTask, ExtractWorkerData, ExtractWorkerMessage } from './protocol.js'

/** How a `WorkerPool` runs and whom it tells. */
export interface WorkerPoolSettings {
  /** Number of worker threads. */
  readonly size: number
  /** The worker script (`dist/extractWorker.js`). */
  readonly script: URL
  readonly workerData: ExtractWorkerData
  /** Milliseconds one file may take; a worker over it is replaced and the file skipped. */
  readonly fileTimeout: number
  /** Megabytes of heap a worker may use (`resourceLimits.maxOldGenerationSizeMb`); a worker over it is replaced and its file skipped. */
  readonly heapLimitMb: number
  /** A worker holding at most this many files is given the next batch. */
  readonly lowWater: number
  /** The next files to hand a worker (files handed back first); empty when none may go now. */
  readonly nextBatch: () => readonly ExtractTask[]
  /** A file's result; a file that failed its worker comes back skipped, with an error diagnostic. */
  readonly onResult: (index: number, file: ExtractedFile) => void
  /** Files a stopped worker had not answered: to be handed out again. */
  readonly onReturned: (indexes: readonly number[]) => void
  /** Workers cannot run at all: the build must stop. */
  readonly onFatal: (error: Error) => void
}

/** Worker threads extracting files; see `createWorkerPool`. */
export interface WorkerPool {
  /** Give every worker that can take more its next batch. */
  feed(): void
  /** Stop every worker. */
  close(): void
}

interface Failure {
  /** The file that failed the worker, when known (a timeout); else the one in progress. */
  readonly index: number | undefined
  readonly diagnostic: (task: ExtractTask) => Diagnostic
  readonly reason: string
}

interface Slot {
  readonly worker: Worker
  ready: boolean
  /** Ended on purpose (the build is over, or it failed): its events no longer matter. */
  retired: boolean
  /** Why it is being stopped; acted on at its `exit`, once its messages are all delivered. */
  failure: Failure | undefined
  /** Files sent and not yet answered; the first is the one in progress. */
  readonly assigned: ExtractTask[]
  timer: NodeJS.Timeout | undefined
}

/** A worker that crashes with no file in progress this many times in a row means workers cannot run. */
const maxIdleCrashes = 3

/**
 * Start `size` extraction workers. Each is kept one batch ahead; a file that
 * takes longer than `fileTimeout`, or whose worker crashes, is reported
 * skipped and its worker replaced (its other files handed back). A worker
 * that cannot start is fatal (`FileSystemError` `ERR_IO`).
 */
export function createWorkerPool(settings: WorkerPoolSettings): WorkerPool {
  const slots = new Set<Slot>()
  let idleCrashes = 0
  let fatal = false

  const spawn = (): void => {
    const worker = new Worker(settings.script, {
      workerData: settings.workerData,
      resourceLimits: { maxOldGenerationSizeMb: settings.heapLimitMb },
    })
    const slot: Slot = { worker, ready: false, retired: false, failure: undefined, assigned: [], timer: undefined }
    slots.add(slot)
    worker.on('message', (message: ExtractWorkerMessage) => receive(slot, message))
    // An error is acted on at 'exit': Node delivers the worker's pending results first, so the
    // file still in progress then is the one that failed.
    worker.on('error', (error) => {
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
      slot.failure ??= {
        index: undefined,
        diagnostic: (task) =>
          outOfMemory
            ? skipped(
                task,
                'over-budget',
                `reading and extracting it took more than a worker's ${settings.heapLimitMb} MB heap`,
              )
            : skipped(task, 'worker-failed', `its worker failed (${error.message})`),
        reason: error.message,
      }
    })
    worker.on('exit', (code) => exited(slot, code))
  }

  const receive = (slot: Slot, message: ExtractWorkerMessage): void => {
    if (slot.retired) return
    if (message.type === 'ready') slot.ready = true
    else {
      for (const { index, result } of message.type === 'results' ? message.results : [message]) {
        const at = slot.assigned.findIndex((task) => task.index === index)
        if (at >= 0) slot.assigned.splice(at, 1)
        settings.onResult(index, result)
      }
      idleCrashes = 0
      arm(slot)
    }
    feed(slot)
  }

  /** A worker ended: skip the file that failed it (if still unanswered), hand its other files back, start another. */
  const exited = (slot: Slot, code: number): void => {
    if (slot.retired) return
    retire(slot)
    const failure = slot.failure ?? {
      index: undefined,
      diagnostic: (task: ExtractTask) => skipped(task, 'worker-failed', `its worker exited with code ${code}`),
      reason: `exit code ${code}`,
    }
    if (!slot.ready) {
      stop(
        new FileSystemError(
          'ERR_IO',
          `infobox-search: cannot start an extraction worker (${failure.reason}); run with --jobs 1 to build without workers.`,
        ),
      )
      return
    }
    const culpritIndex = failure.index ?? slot.assigned[0]?.index
    const culprit = slot.assigned.find((task) => task.index === culpritIndex)
    if (culprit !== undefined)
      settings.onResult(culprit.index, { path: culprit.path, diagnostics: [failure.diagnostic(culprit)], cache: 'off' })
    else if (failure.index === undefined && ++idleCrashes > maxIdleCrashes) {
      stop(
        new FileSystemError(
          'ERR_IO',
          'infobox-search: extraction workers keep failing; run with --jobs 1 to build without workers.',
        ),
      )
      return
    }
    settings.onReturned(slot.assigned.filter((task) => task !== culprit).map((task) => task.index))
    spawn()
  }

  /** The file in progress ran over its budget: stop the worker (acted on at its 'exit'). */
  const timeOut = (slot: Slot): void => {
    const current = slot.assigned[0]
    // Results already waiting in the message queue are delivered before immediates: give them that chance.
    setImmediate(() => {
      if (slot.retired || slot.failure !== undefined || current === undefined || slot.assigned[0] !== current) return
      slot.failure = {
        index: current.index,
        diagnostic: (task) =>
          skipped(
            task,
            'file-timeout',
            `reading and extracting it took longer than ${settings.fileTimeout} ms (--file-timeout)`,
          ),
        reason: 'timeout',
      }
      clearTimeout(slot.timer)
      void slot.worker.terminate()
    })
  }

  /** (Re)start the time budget of the file the worker is on. */
  const arm = (slot: Slot): void => {
    clearTimeout(slot.timer)
    slot.timer =
      slot.assigned.length === 0 || slot.failure !== undefined
        ? undefined
        : setTimeout(() => timeOut(slot), settings.fileTimeout)
  }

  const feed = (slot: Slot): void => {
    if (fatal || !slot.ready || slot.retired || slot.failure !== undefined || slot.assigned.length > settings.lowWater)
      return
    const batch = settings.nextBatch()
    if (batch.length === 0) return
    const idle = slot.assigned.length === 0
    slot.assigned.push(...batch)
    slot.worker.postMessage({ type: 'extract', tasks: batch })
    if (idle) arm(slot)
  }

  const retire = (slot: Slot): void => {
    slot.retired = true
    clearTimeout(slot.timer)
    slots.delete(slot)
    void slot.worker.terminate()
  }

  const stop = (error: Error): void => {
    fatal = true
    for (const slot of [...slots]) retire(slot)
    settings.onFatal(error)
  }

  for (let i = 0; i < settings.size; i++) spawn()
  return {
    feed: () => slots.forEach(feed),
    close: () => [...slots].forEach(retire),
  }
}

function skipped(task: ExtractTask, code: string, reason: string): Diagnostic {
  return {
    severity: 'error',
    code,
    message: `Cannot index ${task.path}: ${reason}; the file was skipped.`,
    file: task.path,
  }
}
