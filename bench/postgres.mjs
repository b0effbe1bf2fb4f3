// Benchmark (a script, not a test): PostgreSQL next to the static index on
// the same generated articles, in one run. Extracts the records once (the
// `full` body profile by default), then measures for each:
//   load   static: build + serialize + gzip size + loadIndex; PostgreSQL:
//          exportToPostgres (COPY, indexes, ANALYZE, swap) and its sizes
//   query  p50/p95 of the benchmark's query set, plain and with 3 facets + 2 filters
//   known  known-item top-1 / top-10 on queries drawn from the corpus manifest
//
//   npm run build
//   node bench/postgres.mjs --count 10000 [--corpus bench/out/corpus-10000] [--body full] [--rounds 5]
//
// Starts a throwaway cluster (scripts/postgresCluster.mjs) unless DATABASE_URL
// is set. The corpus is generated (bench/generateCorpus.mjs, seed 42) when the
// folder does not exist. Results: a Markdown table on stdout and
// bench/out/postgres-<count>-<body>.json.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import pg from 'pg'
import { startPostgresCluster } from '../scripts/postgresCluster.mjs'
import { readArgs, toInt } from './lib/args.mjs'
import { knownItems, latencyQueries } from './lib/queries.mjs'
import { percentile } from './lib/stats.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = readArgs(process.argv.slice(2), {
  count: { type: 'string', default: '10000' },
  corpus: { type: 'string' },
  body: { type: 'string', default: 'full' },
  rounds: { type: 'string', default: '5' },
  seed: { type: 'string', default: '42' },
})
const count = toInt(args.count, 'count')
const rounds = toInt(args.rounds, 'rounds')
const corpus = path.resolve(args.corpus ?? path.join(root, 'bench', 'out', `corpus-${count}`))
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`)
const time = async (work) => {
  const started = performance.now()
  const value = await work()
  return [value, performance.now() - started]
}

if (!existsSync(corpus)) {
  log(`generating ${count} articles into ${corpus}`)
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'bench', 'generateCorpus.mjs'), '--count', String(count), '--seed', args.seed, '--out', corpus],
    { stdio: 'inherit' },
  )
  if (run.status !== 0) throw new Error('corpus generation failed')
}

const dist = (file) => import(pathToFileURL(path.join(root, 'dist', file)).href)
const { createIndexBuilder, listArticleFiles, readArticleFile, serializeIndex } = await dist('build.js')
const { loadIndex } = await dist('index.js')
const { createPostgresSearch, exportToPostgres } = await dist('postgres.js')

// ---------------------------------------------------------------- records (shared)
const builder = createIndexBuilder({ body: args.body })
const files = (await listArticleFiles([corpus])).slice(0, count)
log(`extracting ${files.length} articles (body ${args.body})`)
const [records, extractMs] = await time(async () => {
  const list = []
  for (const file of files) {
    const { article } = await readArticleFile(file)
    if (article !== undefined) list.push(builder.extract(article))
  }
  return list
})
log(`extracted ${records.length} records in ${(extractMs / 1000).toFixed(1)} s`)
const { items, place } = await knownItems(path.join(corpus, 'manifest.jsonl'), { seed: Number(args.seed) })
const faceted = {
  filters: { place: [place], date: { from: 1500, to: 1945 } },
  facets: { place: {}, combatant: {}, date: { interval: 'decade' } },
}

/** p50/p95 of the query set: one warm-up pass, then `rounds` passes. */
async function latency(run) {
  for (const query of latencyQueries) await run(query)
  const samples = []
  for (let round = 0; round < rounds; round++) {
    for (const query of latencyQueries) {
      const started = performance.now()
      await run(query)
      samples.push(performance.now() - started)
    }
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length }
}

async function knownItemRate(search) {
  let top1 = 0
  let top10 = 0
  for (const item of items) {
    const ids = (await search(item.query)).hits.map((hit) => hit.id)
    if (ids[0] === item.id) top1++
    if (ids.includes(item.id)) top10++
  }
  return { n: items.length, top1: top1 / items.length, top10: top10 / items.length }
}

async function measure(search) {
  return {
    plain: await latency((query) => search(query, { limit: 20 })),
    faceted: await latency((query) => search(query, { limit: 20, ...faceted })),
    browse: await latency(() => search('', { limit: 20, ...faceted })),
    known: await knownItemRate((query) => search(query, { limit: 10 })),
  }
}

// ---------------------------------------------------------------- static index
/** The static index's figures, or why it could not be measured (e.g. a JSON past V8's ~512 MB string limit). */
async function measureStatic() {
  log('static index: build, serialize, load')
  const [index, buildMs] = await time(() => {
    const staticBuilder = createIndexBuilder({ body: args.body })
    for (const record of records) staticBuilder.add(record)
    return staticBuilder.finish()
  })
  const [json, serializeMs] = await time(() => serializeIndex(index))
  const gzipBytes = gzipSync(json).length
  const [loaded, loadMs] = await time(() => loadIndex(json))
  loaded.search('warm up', { limit: 1 })
  log('static index: queries')
  return {
    buildMs,
    serializeMs,
    bytes: Buffer.byteLength(json),
    gzipBytes,
    loadMs,
    ...(await measure(async (q, o) => loaded.search(q, o))),
  }
}
const staticResult = await measureStatic().catch((error) => {
  log(`static index: ${error.message}`)
  return { error: `${error.code ?? 'error'}: ${error.message}` }
})

// ---------------------------------------------------------------- PostgreSQL
const cluster = process.env.DATABASE_URL ? undefined : await startPostgresCluster({ log })
const url = process.env.DATABASE_URL ?? cluster.url
try {
  log('PostgreSQL: export')
  const [exported, exportMs] = await time(() =>
    exportToPostgres(records, { url, table: 'bench_articles', options: { body: args.body } }),
  )
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const [sizes] = (
    await client.query(`SELECT
      sum(pg_table_size(c.oid))::bigint AS tables, sum(pg_indexes_size(c.oid))::bigint AS indexes,
      pg_table_size('bench_articles')::bigint AS main, pg_indexes_size('bench_articles')::bigint AS main_indexes,
      pg_relation_size('bench_articles_search')::bigint AS search_index, pg_relation_size('bench_articles_terms_trigram')::bigint AS trigram_index
      FROM pg_class c WHERE c.relname IN ('bench_articles', 'bench_articles_terms', 'bench_articles_labels')`)
  ).rows
  const version = (await client.query('SHOW server_version')).rows[0].server_version
  await client.end()
  const search = createPostgresSearch({ url, table: 'bench_articles' })
  log('PostgreSQL: queries')
  const postgresResult = {
    exportMs,
    exported: { documents: exported.documents, terms: exported.terms, fuzzy: exported.fuzzy },
    sizes,
    version,
    ...(await measure((q, o) => search.search(q, o))),
  }
  await search.close()

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGB: +(totalmem() / 2 ** 30).toFixed(1),
      node: process.version,
    },
    corpus: {
      dir: corpus,
      articles: records.length,
      body: args.body,
      placeFilter: place,
      markdownMB: +(files.length && sizeOf(files) / 2 ** 20).toFixed(0),
    },
    extractMs,
    static: staticResult,
    postgres: postgresResult,
  }
  mkdirSync(path.join(root, 'bench', 'out'), { recursive: true })
  const out = path.join(root, 'bench', 'out', `postgres-${records.length}-${args.body}.json`)
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`${report(results)}\nRaw figures: ${path.relative(process.cwd(), out)}\n`)
} finally {
  cluster?.stop()
}

function sizeOf(list) {
  let bytes = 0
  for (const file of list) bytes += readFileSync(file.path).length
  return bytes
}

function report(r) {
  const mb = (bytes) => `${(Number(bytes) / 2 ** 20).toFixed(1)} MB`
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`
  const ms = (value) => `${value.toFixed(1)} ms`
  const pct = (value) => `${(value * 100).toFixed(0)}%`
  const row = (name, load, size, x) =>
    x.error !== undefined
      ? `| ${name} | not measured: ${x.error} | | | | | |`
      : `| ${name} | ${load} | ${size} | ${ms(x.plain.p50)} / ${ms(x.plain.p95)} | ${ms(x.faceted.p50)} / ${ms(x.faceted.p95)} | ${ms(x.browse.p50)} / ${ms(x.browse.p95)} | ${pct(x.known.top1)} / ${pct(x.known.top10)} |`
  return [
    `${r.corpus.articles} generated articles (${r.corpus.markdownMB} MB of Markdown), body profile \`${r.corpus.body}\`; records extracted once in ${s(r.extractMs)} (one thread); ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}, PostgreSQL ${r.postgres.version}. Queries: ${latencyQueries.length} × ${rounds} rounds after a warm-up; "3 facets" adds place, combatant and a decade histogram with filters place = ${r.corpus.placeFilter} and 1500–1945.`,
    '',
    '| | load | size | query p50 / p95 | 3 facets + 2 filters p50 / p95 | browse, 3 facets + 2 filters p50 / p95 | known-item top-1 / top-10 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row(
      'static index',
      `build ${s(r.static.buildMs)} + serialize ${s(r.static.serializeMs)}; load ${s(r.static.loadMs)}`,
      `${mb(r.static.bytes)}, ${mb(r.static.gzipBytes)} gzipped`,
      r.static,
    ),
    row(
      'PostgreSQL',
      `export ${s(r.postgres.exportMs)}`,
      `tables ${mb(r.postgres.sizes.tables)} + indexes ${mb(r.postgres.sizes.indexes)} (GIN tsvector ${mb(r.postgres.sizes.search_index)})`,
      r.postgres,
    ),
    '',
  ].join('\n')
}
