// Load one index several times (median load time), then time a fixed query
// set and score known-item queries. Runs in its own process per engine.
//   node --expose-gc queryWorker.mjs --lib ours|chunked|minisearch|orama|flexsearch|lunr --index <file>
//        --queries <json> --known <json> --result <json> [--loads 5] [--rounds 5]
// `chunked`: --index is a chunked index's manifest (index.json); its files are fetched from
// memory (read from disk once), so the warm-up pass fetches each query's chunks and the
// timed rounds are warm searches.
// `--prepared <jsonl>` instead of `--index`: build the engine's index from these documents in this
// process (no serialized index: for one too big for a JavaScript string); its "load" is that build.
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { readArgs, toInt } from './args.mjs'
import { engines } from './engines.mjs'
import { median, percentile } from './stats.mjs'

const dist =
  process.env.INFOBOX_SEARCH_BENCH_DIST ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist')
const args = readArgs(process.argv.slice(2), {
  lib: { type: 'string' },
  index: { type: 'string' },
  prepared: { type: 'string' },
  queries: { type: 'string' },
  known: { type: 'string' },
  result: { type: 'string' },
  loads: { type: 'string', default: '5' },
  rounds: { type: 'string', default: '5' },
  'date-from': { type: 'string', default: '1500' },
  'date-to': { type: 'string', default: '1945' },
})
const now = () => performance.now()
const gc = globalThis.gc ?? (() => {})

const facetedOptions = ({ place, from, to }, limit) => ({
  limit,
  filters: { place: [place], date: { from, to } },
  facets: { place: {}, combatant: {}, date: { interval: 'decade' } },
})

/** Our chunked index, its files served from memory (each read from disk on its first request). */
async function chunkedAdapter() {
  const { loadChunkedIndex } = await import(path.join(dist, 'index.js'))
  const files = new Map()
  const fetchFromMemory = async (file) => {
    let text = files.get(file)
    if (text === undefined) files.set(file, (text = readFileSync(file, 'utf8')))
    return { ok: true, status: 200, statusText: 'OK', text: async () => text }
  }
  return {
    readsPath: true,
    load: (manifest) => loadChunkedIndex(manifest, { fetch: fetchFromMemory }),
    search: async (index, query, limit = 20) => (await index.search(query, { limit })).hits.map((h) => h.id),
    searchWithSnippets: async (index, query, limit = 20) => withSnippets(await index.search(query, { limit })),
    facetedSearch: async (index, query, filter, limit = 20) =>
      (await index.search(query, facetedOptions(filter, limit))).hits.map((h) => h.id),
  }
}

/** The hits' ids, each hit's snippet read first: a snippet is made when it is read (FlexSearch makes none). */
function withSnippets(result) {
  return result.hits.map((hit) => (hit.snippet.text.length >= 0 ? hit.id : undefined))
}

/** Adapters with the same shape for our library and the other engines. */
async function adapter(lib) {
  if (lib === 'chunked') return chunkedAdapter()
  if (lib !== 'ours') return engines[lib]
  const { loadIndex } = await import(path.join(dist, 'index.js'))
  return {
    load: (json) => loadIndex(json),
    search: (index, query, limit = 20) => index.search(query, { limit }).hits.map((h) => h.id),
    searchWithSnippets: (index, query, limit = 20) => withSnippets(index.search(query, { limit })),
    facetedSearch: (index, query, filter, limit = 20) =>
      index.search(query, facetedOptions(filter, limit)).hits.map((h) => h.id),
  }
}

/** Read the index as one string (what every engine's load takes); a clear error when it cannot be one. */
function readIndexString(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if (error?.code !== 'ERR_STRING_TOO_LONG' && error?.code !== 'ERR_FS_FILE_TOO_LARGE') throw error
    const mb = (statSync(file).size / 2 ** 20).toFixed(0)
    // The parent records the first "bench error:" line as this step's error, and the run goes on.
    process.stderr.write(
      `bench error: index file is ${mb} MB, more than one JavaScript string can hold (V8: ~512 MB), so it cannot be loaded from a string (${error.code})\n`,
    )
    process.exit(1)
  }
}

const engine = await adapter(args.lib)
const loads = []
let index
if (args.prepared) {
  // Line by line: at 50,000 articles with the full body the file is bigger than one string.
  const docs = []
  const lines = createInterface({ input: createReadStream(args.prepared), crlfDelay: Infinity })
  for await (const line of lines) if (line !== '') docs.push(JSON.parse(line))
  gc()
  const t = now()
  index = await engine.build(docs)
  loads.push(now() - t)
} else {
  const json = engine.readsPath ? args.index : readIndexString(args.index)
  for (let i = 0; i < toInt(args.loads, 'loads'); i++) {
    index = undefined
    gc()
    const t = now()
    index = await engine.load(json)
    loads.push(now() - t)
  }
}
const heapAfterLoad = (gc(), process.memoryUsage().heapUsed)

const queries = JSON.parse(readFileSync(args.queries, 'utf8'))
const known = args.known ? JSON.parse(readFileSync(args.known, 'utf8')) : []
// The place filter: the commonest place value (ours knows it; the others get the same value).
const place = queries.place
const filter = { place, from: Number(args['date-from']), to: Number(args['date-to']) }

async function time(run) {
  for (const q of queries.list) await run(q) // warm-up
  const samples = []
  for (let round = 0; round < toInt(args.rounds, 'rounds'); round++) {
    for (const q of queries.list) {
      const t = now()
      await run(q)
      samples.push(now() - t)
    }
  }
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    n: samples.length,
  }
}

const result = { lib: args.lib, loadMs: median(loads), loads, heapAfterLoad, builtInProcess: Boolean(args.prepared) }
result.plain = await time((q) => engine.search(index, q))
if (engine.searchWithSnippets) result.snippets = await time((q) => engine.searchWithSnippets(index, q))
if (engine.facetedSearch) result.faceted = await time((q) => engine.facetedSearch(index, q, filter))

// Known-item relevance: is the target the first hit / in the first ten?
const byKind = {}
for (const item of known) {
  const ids = await engine.search(index, item.query, 10)
  const k = (byKind[item.kind] ??= { n: 0, top1: 0, top10: 0 })
  k.n++
  if (ids[0] === item.id) k.top1++
  if (ids.includes(item.id)) k.top10++
}
const n = known.length
result.relevance = {
  n,
  top1: n ? Object.values(byKind).reduce((a, k) => a + k.top1, 0) / n : NaN,
  top10: n ? Object.values(byKind).reduce((a, k) => a + k.top10, 0) / n : NaN,
  byKind: Object.fromEntries(
    Object.entries(byKind).map(([kind, k]) => [kind, { n: k.n, top1: k.top1 / k.n, top10: k.top10 / k.n }]),
  ),
}
result.maxRSS = process.resourceUsage().maxRSS * 1024
writeFileSync(args.result, JSON.stringify(result))
