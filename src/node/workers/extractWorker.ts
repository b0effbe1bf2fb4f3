// Worker thread entry (dist/extractWorker.js): reads, parses and extracts the
// files it is sent, one at a time, and posts the results back in order.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import type { IndexRecord } from '../../extract/record.js'
import type { Article } from '../../parse/article.js'
import { extractArticleFile, type ExtractContext } from '../extractArticleFile.js'
import type { ExtractBatchMessage, ExtractResultMessage, ExtractWorkerData, ExtractWorkerMessage } from './protocol.js'

if (parentPort === null) throw new Error('infobox-search: extractWorker.js must run in a worker thread')
serve(parentPort, workerData as ExtractWorkerData)

function serve(port: MessagePort, data: ExtractWorkerData): void {
  /** Results not yet posted: files found unchanged are sent together, since each message costs both threads a wake-up. */
  let pending: ExtractResultMessage[] = []
  const flush = (): void => {
    if (pending.length === 1) port.postMessage(pending[0])
    else if (pending.length > 1) port.postMessage({ type: 'results', results: pending } satisfies ExtractWorkerMessage)
    pending = []
  }
  // Everything done is posted before a file is parsed: if the parse hangs or crashes the worker,
  // the main thread knows the file in progress is the one it has no answer for.
  let extractor: Promise<(article: Article) => IndexRecord> | undefined
  const context: ExtractContext = {
    // Loaded on the first file that must be parsed: a warm rebuild's workers start twice as fast.
    extractor: () =>
      (extractor ??= import('../../builder/buildIndex.js').then(
        ({ createIndexBuilder }) => createIndexBuilder(data.options).extract,
      )),
    caching: data.caching,
    beforeParse: flush,
  }
  // Batches run strictly one after another, so results come back in the order sent.
  let queue = Promise.resolve()
  port.on('message', (message: ExtractBatchMessage) => {
    queue = queue.then(async () => {
      for (const task of message.tasks) {
        const result = await extractArticleFile({ path: task.path, id: task.id }, context, task.listedKey)
        pending.push({ type: 'result', index: task.index, result })
        if (result.listed !== true) flush()
      }
      flush()
    })
  })
  port.postMessage({ type: 'ready' } satisfies ExtractWorkerMessage)
}
