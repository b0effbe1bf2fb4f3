// A description of the machine the numbers come from.
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { Worker } from 'node:worker_threads'

export function describeMachine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown'
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8')
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpu
  } catch {
    // Not Linux: the model os.cpus() gives.
  }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  }
}

// A fixed CPU-bound loop (no allocation, no I/O), run in worker threads.
const busyLoop = `
const { parentPort, workerData } = require('node:worker_threads')
parentPort.once('message', () => {
  let x = 1
  for (let i = 0; i < workerData.iterations; i++) x = (Math.imul(x, 1103515245) + 12345) | 0
  parentPort.postMessage(x)
})
`

/** Start `count` workers, wait until all are ready, then time them running the loop at once (ms). */
async function timeThreads(count, iterations) {
  const workers = Array.from({ length: count }, () => new Worker(busyLoop, { eval: true, workerData: { iterations } }))
  await Promise.all(
    workers.map((w) => new Promise((resolve, reject) => w.once('online', resolve).once('error', reject))),
  )
  const started = performance.now()
  await Promise.all(
    workers.map((w) => {
      const done = new Promise((resolve, reject) => w.once('message', resolve).once('error', reject))
      w.postMessage('go')
      return done
    }),
  )
  const ms = performance.now() - started
  await Promise.all(workers.map((w) => w.terminate()))
  return ms
}

/**
 * How much faster the machine does CPU-bound work with one busy thread per
 * core than with one: the same loop (~1 s) in 1 worker thread, then in N =
 * cores worker threads at once; ratio = N threads' total throughput / one
 * thread's (N × t1 / tN; 2.00 on two free cores). Best of `rounds`.
 */
export async function measureParallelCapacity({
  threads = os.availableParallelism?.() ?? os.cpus().length,
  iterations = 700_000_000,
  rounds = 3,
} = {}) {
  const runs = []
  for (let r = 0; r < rounds; r++) {
    const oneMs = await timeThreads(1, iterations)
    const allMs = await timeThreads(threads, iterations)
    runs.push({
      oneMs: Math.round(oneMs),
      allMs: Math.round(allMs),
      ratio: Math.round(((threads * oneMs) / allMs) * 100) / 100,
    })
  }
  const best = runs.reduce((a, b) => (b.ratio > a.ratio ? b : a))
  return { threads, ratio: best.ratio, oneMs: best.oneMs, allMs: best.allMs, runs, loadAverage: os.loadavg()[0] }
}
