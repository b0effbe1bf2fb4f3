// Worker thread entry (dist/extractWorker.js): reads, parses and extracts the
// files it is sent, one at a time, and posts the results back in order.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import type { IndexRecord } from '../extract/record.js'
import { packTerms, type TermIds } from '../builder/packedTerms.js'
import type { Article } from '../parse/article.js'
import { extractArticleFile, type ExtractContext } from './extractArticleFile.js'
import type { ExtractBatchMessage, ExtractResultMessage, ExtractWorkerData, ExtractWorkerMessage } from './extractWorkerProtocol.js'

if (parentPort === null) throw new Error('infobox-search: extractWorker.js must run in a worker thread')
serve(parentPort, workerData as ExtractWorkerData)

function serve(port: MessagePort, data: ExtractWorkerData): void {
  /** Cache hits not yet posted: sent together, since each message costs both threads a wake-up. */
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
    // Loaded on the first file not in the cache: a warm rebuild's workers start twice as fast.
    extractor: () => (extractor ??= import('../builder/buildIndex.js').then(({ createIndexBuilder }) => createIndexBuilder(data.options).extract)),
    cache: data.cache,
    beforeParse: flush,
  }
  /** Terms sent so far, by id: the main thread keeps the same list for this worker. */
  const ids: TermIds = new Map()
  // Batches run strictly one after another, so results come back in the order sent.
  let queue = Promise.resolve()
  port.on('message', (message: ExtractBatchMessage) => {
    queue = queue.then(async () => {
      for (const task of message.tasks) {
        const result = await extractArticleFile({ path: task.path, id: task.id }, context, task.listedKey)
        const terms = result.record?.terms
        // Only records from the cache are packed. Packing costs a lookup per term in a large map:
        // when the worker parsed the file, it is the busier thread and the main thread does that
        // lookup better; when it only read a cache entry, the main thread is the busier one.
        if (result.record === undefined || terms === undefined || result.cache !== 'hit') pending.push({ type: 'result', index: task.index, result })
        else {
          const { terms: _counted, infobox: _notStored, ...record } = result.record
          pending.push({ type: 'result', index: task.index, result: { ...result, record: { ...record, infobox: '' } }, ...packTerms(terms, ids) })
        }
        if (result.cache !== 'hit') flush()
      }
      flush()
    })
  })
  port.postMessage({ type: 'ready' } satisfies ExtractWorkerMessage)
}
