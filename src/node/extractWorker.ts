// Worker thread entry (dist/extractWorker.js): reads, parses and extracts the
// files it is sent, one at a time, and posts each result back in order.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { createIndexBuilder } from '../index/buildIndex.js'
import { extractArticleFile, type ExtractContext } from './extractArticleFile.js'
import type { ExtractBatchMessage, ExtractWorkerData, ExtractWorkerMessage } from './extractWorkerProtocol.js'

if (parentPort === null) throw new Error('infobox-search: extractWorker.js must run in a worker thread')
serve(parentPort, workerData as ExtractWorkerData)

function serve(port: MessagePort, data: ExtractWorkerData): void {
  const context: ExtractContext = { extract: createIndexBuilder(data.options).extract, cache: data.cache }
  const post = (message: ExtractWorkerMessage): void => port.postMessage(message)
  // Batches run strictly one after another, so results come back in the order sent.
  let queue = Promise.resolve()
  port.on('message', (message: ExtractBatchMessage) => {
    queue = queue.then(async () => {
      for (const task of message.tasks) {
        const result = await extractArticleFile({ path: task.path, id: task.id }, context)
        post({ type: 'result', index: task.index, result })
      }
    })
  })
  post({ type: 'ready' })
}
