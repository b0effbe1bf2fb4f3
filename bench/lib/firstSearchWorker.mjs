// Bytes and requests of a cold first search, as a browser would fetch them
// from a static host (lib/staticServer.mjs: text gzipped, Pagefind's chunks as
// they are): for each query, a new index object (ours: `loadChunkedIndex`;
// Pagefind: `createInstance`, its WebAssembly included), one search, then
// the first `limit` hits' fragments. With `--faceted`, ours asks for the
// place, combatant and date facets and Pagefind loads its filters first (it
// counts every filter then). Queries alternate between the engines.
//   node firstSearchWorker.mjs --ours <chunked dir> [--pagefind <dir>] --dist <dist dir>
//        --queries <json> --result <json> [--limit 10]
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { readArgs, toInt } from './args.mjs'
import { startStaticServer } from './staticServer.mjs'

const args = readArgs(process.argv.slice(2), {
  ours: { type: 'string' },
  pagefind: { type: 'string' },
  dist: { type: 'string' },
  queries: { type: 'string' },
  result: { type: 'string' },
  limit: { type: 'string', default: '10' },
})
const limit = toInt(args.limit, 'limit')
const facets = ['place', 'combatant', 'date']

/** What each file of an index is, from its path below the index's folder. */
const kindOf = {
  ours: (file) =>
    file === 'index.json' ? 'manifest' : file.startsWith('documents/') ? 'fragments' : file.split('/')[0],
  pagefind: (file) =>
    file.startsWith('fragment/')
      ? 'fragments'
      : file === 'pagefind-entry.json'
        ? 'entry'
        : file.endsWith('.pf_meta')
          ? 'meta'
          : file.startsWith('wasm.')
            ? 'wasm'
            : file.split('/')[0],
}

/** A run's requests, summed: all, those that answer the search, and the hits' fragments; bytes per kind. */
function summarize(engine, log, mount) {
  const summary = { bytes: 0, requests: 0, search: { bytes: 0, requests: 0 }, fragments: { bytes: 0, requests: 0 } }
  const kinds = {}
  const failed = []
  for (const entry of log) {
    if (entry.status !== 200) failed.push(`${entry.status} ${entry.path}`)
    const kind = kindOf[engine](entry.path.slice(mount.length))
    const part = kind === 'fragments' ? summary.fragments : summary.search
    part.bytes += entry.bytes
    part.requests++
    summary.bytes += entry.bytes
    summary.requests++
    const k = (kinds[kind] ??= { bytes: 0, requests: 0 })
    k.bytes += entry.bytes
    k.requests++
  }
  return { ...summary, kinds, ...(failed.length ? { failed } : {}), files: log.map((e) => `${e.path} ${e.bytes}`) }
}

const server = await startStaticServer({
  mounts: { '/ours/': args.ours, ...(args.pagefind && { '/pagefind/': args.pagefind }) },
})
const { loadChunkedIndex } = await import(pathToFileURL(path.join(args.dist, 'index.js')).href)
// Node's fetch asks for gzip as browsers do; said explicitly here so the count never depends on it.
const fetchGzip = (url) => fetch(url, { headers: { 'accept-encoding': 'gzip' } })
const pagefind = args.pagefind ? await import(pathToFileURL(path.join(args.pagefind, 'pagefind.js')).href) : undefined

const runs = {
  async ours(query, faceted) {
    const index = await loadChunkedIndex(`${server.url}/ours/index.json`, { fetch: fetchGzip })
    const result = await index.search(query, { limit, ...(faceted ? { facets } : {}) })
    return { hits: result.hits.length, total: result.total }
  },
  async pagefind(query, faceted) {
    const instance = pagefind.createInstance({ basePath: `${server.url}/pagefind/` })
    try {
      if (faceted) await instance.filters()
      const search = await instance.search(query)
      const data = await Promise.all(search.results.slice(0, limit).map((r) => r.data()))
      return { hits: data.length, total: search.results.length }
    } finally {
      await instance.destroy()
    }
  },
}

const queries = JSON.parse(readFileSync(args.queries, 'utf8')).list
const engines = pagefind ? ['ours', 'pagefind'] : ['ours']
const result = Object.fromEntries(engines.map((e) => [e, { plain: [], faceted: [] }]))
try {
  for (const query of queries) {
    for (const faceted of [false, true]) {
      for (const engine of engines) {
        server.reset()
        const started = performance.now()
        const answer = await runs[engine](query, faceted)
        const ms = performance.now() - started
        const row = { query, ms, ...answer, ...summarize(engine, server.reset(), `/${engine}/`) }
        result[engine][faceted ? 'faceted' : 'plain'].push(row)
      }
    }
  }
} finally {
  await server.close()
}
writeFileSync(args.result, JSON.stringify(result))
