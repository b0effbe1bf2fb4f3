#!/usr/bin/env node
// The cost of query understanding: p50 / p95 of a query set with `understand`
// on and off, on the single-file index and on the chunked index (held in
// memory), measured interleaved in one process. A script, not a test.
//
//   npm run build && node --expose-gc bench/understanding.mjs      # 10,000 generated articles, body full
//   node --expose-gc bench/understanding.mjs --count 1000 --rounds 3  # smaller, quicker
//
// The corpus is bench/out/corpus-<count> (generated when missing or stale, as
// run.mjs does); the index is built once with the CLI into
// <out-dir>/understanding/ and reused while the corpus and dist/ are unchanged.
// Output: a Markdown table on stdout, the raw figures in <out-dir>/understanding/results.json.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { corpusFingerprint, defaultSources, generateCorpus } from './generateCorpus.mjs'
import { readArgs, toInt } from './lib/args.mjs'
import { latencyQueries } from './lib/queries.mjs'
import { percentile } from './lib/stats.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.join(here, '..', 'dist')
const args = readArgs(process.argv.slice(2), {
  count: { type: 'string', default: '10000' },
  seed: { type: 'string', default: '42' },
  body: { type: 'string', default: 'full' },
  rounds: { type: 'string', default: '5' },
  'out-dir': { type: 'string', default: path.join(here, 'out') },
})
const count = toInt(args.count, 'count')
const seed = toInt(args.seed, 'seed')
const rounds = toInt(args.rounds, 'rounds')
const outDir = path.resolve(args['out-dir'])
const log = (line) => process.stderr.write(`${line}\n`)

/** The queries and others like them: times, places, sides and kinds named in words. */
const understandingQueries = [
  '18th century battles bavaria',
  '13th century battle in france',
  'battles of the 1480s',
  '1st century bc naval battle',
  'battle in poland 15th century',
  'world war 2',
  'battle 1415',
  'sieges of the 17th century',
  'wars between 1939 and 1945',
  'battles in egypt',
  'roman republic carthage',
  'napoleonic battles in russia 1812',
  'ottoman empire 16th century siege',
  'battle of the 1860s in pennsylvania',
  'greece 480 bc',
  'campaigns in north africa 1942',
  'the 1940s',
  '5th century bc battles',
  'early 19th century wars in spain',
  'battle 1066 england',
]

// Inputs: the corpus, then the index (built by the CLI, as users build it).
const corpusDir = path.join(here, 'out', `corpus-${count}`)
const fingerprint = corpusFingerprint({ count, seed, sources: defaultSources })
const corpusMeta = path.join(corpusDir, 'corpus.json')
if (!existsSync(corpusMeta) || JSON.parse(readFileSync(corpusMeta, 'utf8')).fingerprint !== fingerprint) {
  log(`generating corpus-${count} (seed ${seed}) …`)
  generateCorpus({ count, seed, out: corpusDir, log })
}
const distHash = createHash('sha256')
for (const file of readdirSync(dist).sort())
  if (file.endsWith('.js')) distHash.update(readFileSync(path.join(dist, file)))
const work = path.join(outDir, 'understanding')
mkdirSync(work, { recursive: true })
const indexFile = path.join(
  work,
  `index-${count}-${args.body}-${fingerprint}-${distHash.digest('hex').slice(0, 12)}.json`,
)
if (!existsSync(indexFile)) {
  log(`building ${path.basename(indexFile)} …`)
  const built = spawnSync(
    process.execPath,
    [path.join(dist, 'cli.js'), 'build', corpusDir, '--out', indexFile, '--body', args.body, '--quiet'],
    { stdio: 'inherit' },
  )
  if (built.status !== 0) throw new Error(`bench: the build failed (exit ${built.status})`)
}

const { loadIndex, loadChunkedIndex } = await import(pathToFileURL(path.join(dist, 'index.js')).href)
const { chunkIndex } = await import(pathToFileURL(path.join(dist, 'build.js')).href)

log('loading …')
const now = () => performance.now()
const single = loadIndex(readFileSync(indexFile, 'utf8'))
// First searches: the term index is made on the first one, the name index on the first understood one.
const firstMs = (run) => {
  const t = now()
  run()
  return now() - t
}
const firstSearches = {
  plain: firstMs(() => single.search('waterloo', { understand: false })),
  understood: firstMs(() => single.search('waterloo')),
}

const files = new Map()
const chunks = chunkIndex(single)
let next = chunks.next()
for (; !next.done; next = chunks.next()) files.set(next.value.path, next.value.content)
files.set('index.json', JSON.stringify(next.value))
const fetchFromMemory = (url) => {
  const text = files.get(url.slice('mem:/'.length))
  return Promise.resolve({ ok: text !== undefined, status: text === undefined ? 404 : 200, text: async () => text })
}
const chunked = await loadChunkedIndex('mem:/index.json', { fetch: fetchFromMemory })

const modes = {
  plain: { limit: 20 },
  faceted: { limit: 20, facets: { place: {}, combatant: {}, date: { interval: 'decade' } } },
}
const variants = []
for (const [index, search] of [
  ['single-file', (query, options) => single.search(query, options)],
  ['chunked', (query, options) => chunked.search(query, options)],
])
  for (const mode of Object.keys(modes))
    for (const understand of [true, false]) variants.push({ index, mode, understand, search })

const queries = [
  ...latencyQueries.map((query) => ({ set: 'latency', query })),
  ...understandingQueries.map((query) => ({ set: 'understanding', query })),
]
const samples = new Map(variants.map((variant) => [variant, []]))
/** Wall-clock and CPU milliseconds of one search (CPU time is steadier on a shared machine). */
const timeOne = async (variant, query) => {
  const cpu = process.cpuUsage()
  const t = now()
  await variant.search(query, { ...modes[variant.mode], understand: variant.understand })
  const wall = now() - t
  const { user, system } = process.cpuUsage(cpu)
  return { wall, cpu: (user + system) / 1000 }
}
const gc = globalThis.gc ?? (() => {})

log(`warming up (${queries.length} queries × ${variants.length} variants) …`)
for (const { query } of queries) for (const variant of variants) await timeOne(variant, query)
for (let round = 0; round < rounds; round++) {
  log(`round ${round + 1} of ${rounds} …`)
  gc()
  for (let at = 0; at < queries.length; at++) {
    const { set, query } = queries[at]
    // Interleaved: every variant runs each query in turn, starting at a different one each time.
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(at + round + k) % variants.length]
      samples.get(variant).push({ set, query, ...(await timeOne(variant, query)) })
    }
  }
}

// Figures per index, mode and query set, understanding on and off: p50 and p95 of every search
// (wall clock), p95 of each query's median over the rounds (robust to a pause in one round), and
// p95 of CPU time, and the sum of each query's fastest run (the work itself, least disturbed by
// other processes); each with its on / off ratio.
const rows = []
for (const index of ['single-file', 'chunked'])
  for (const mode of Object.keys(modes))
    for (const set of ['all', 'latency', 'understanding']) {
      const stats = (understand) => {
        const variant = variants.find((v) => v.index === index && v.mode === mode && v.understand === understand)
        const taken = samples.get(variant).filter((sample) => set === 'all' || sample.set === set)
        const wall = taken.map((sample) => sample.wall)
        const byQuery = new Map()
        for (const sample of taken) byQuery.set(sample.query, [...(byQuery.get(sample.query) ?? []), sample.wall])
        const medians = [...byQuery.values()].map((runs) => percentile(runs, 50))
        const fastest = [...byQuery.values()].reduce((sum, runs) => sum + Math.min(...runs), 0)
        return {
          n: wall.length,
          p50: percentile(wall, 50),
          p95: percentile(wall, 95),
          p95OfMedians: percentile(medians, 95),
          fastest,
          cpuP95: percentile(
            taken.map((sample) => sample.cpu),
            95,
          ),
        }
      }
      const on = stats(true)
      const off = stats(false)
      const ratio = (key) => on[key] / off[key]
      rows.push({
        index,
        mode,
        set,
        on,
        off,
        ratios: Object.fromEntries(Object.keys(on).map((key) => [key, ratio(key)])),
      })
    }

const ms = (value) => value.toFixed(value < 10 ? 2 : 1)
const lines = [
  `Query understanding at ${count.toLocaleString('en')} generated articles (seed ${seed}, body ${args.body}), ` +
    `${rounds} rounds of ${latencyQueries.length} latency + ${understandingQueries.length} understanding queries, ` +
    `limit 20, Node ${process.version}; faceted = place, combatant and date (decade) counts.`,
  '',
  '| index | mode | queries | n | p50 off → on | p95 off → on | p95 ratio | p95 of query medians, ratio | CPU p95, ratio | fastest runs, ratio |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    ({ index, mode, set, on, off, ratios }) =>
      `| ${index} | ${mode} | ${set} | ${on.n} | ${ms(off.p50)} → ${ms(on.p50)} ms | ${ms(off.p95)} → ${ms(on.p95)} ms | ` +
      `**${ratios.p95.toFixed(2)}×** | ${ms(off.p95OfMedians)} → ${ms(on.p95OfMedians)} ms, ${ratios.p95OfMedians.toFixed(2)}× | ` +
      `${ms(off.cpuP95)} → ${ms(on.cpuP95)} ms, ${ratios.cpuP95.toFixed(2)}× | ` +
      `${ratios.fastest.toFixed(2)}× |`,
  ),
  '',
  `First search on a fresh single-file index: ${ms(firstSearches.plain)} ms without understanding ` +
    `(builds the term index), then ${ms(firstSearches.understood)} ms for the first understood one (builds the name index).`,
]
console.log(lines.join('\n'))
writeFileSync(
  path.join(work, 'results.json'),
  JSON.stringify({ count, seed, body: args.body, rounds, node: process.version, firstSearches, rows }, null, 2),
)
