#!/usr/bin/env node
// The chunked static index against Pagefind (issue 13), in one run per size:
// bytes and requests of a cold first search from a gzipping static server,
// cold first-search time in headless Chromium, warm p95 next to FlexSearch
// and the single-file index, and the build time of `--chunked` against
// `--out`. Run by hand (`npm run bench` runs it after run.mjs); never part of
// `npm test`. See bench/README.md, "Chunked index vs Pagefind".
//
//   node bench/chunked.mjs [--sizes 10000,50000] [--seed 42] [--body full] [--jobs 2] [--pairs 2]
//                          [--engines pagefind,flexsearch,single] [--browser-count n] [--rounds n]
//                          [--timeout-min 60] [--out-dir bench/out/chunked] [--keep]
//   node bench/chunked.mjs --report-only [--out-dir …]    re-render results.md from results.json
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  appendFileSync,
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createGzip, gzipSync } from 'node:zlib'
import { readArgs, toInt } from './lib/args.mjs'
import { runChild } from './lib/child.mjs'
import { renderChunkedReport, summarizeChunked } from './lib/chunkedReport.mjs'
import { ensureCorpus } from './lib/corpus.mjs'
import { describeMachine } from './lib/machine.mjs'
import { knownItems, latencyQueries } from './lib/queries.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..')
const corpusRoot = path.join(here, 'out')
const lib = (name) => path.join(here, 'lib', name)

const args = readArgs(process.argv.slice(2), {
  sizes: { type: 'string', default: '10000,50000' },
  seed: { type: 'string', default: '42' },
  body: { type: 'string', default: 'full' },
  jobs: { type: 'string', default: '2' },
  pairs: { type: 'string', default: '2' },
  engines: { type: 'string', default: 'pagefind,flexsearch,single' },
  'browser-count': { type: 'string' },
  rounds: { type: 'string' },
  'timeout-min': { type: 'string', default: '60' },
  'out-dir': { type: 'string' },
  'report-only': { type: 'boolean', default: false },
  keep: { type: 'boolean', default: false },
})
const outDir = path.resolve(args['out-dir'] ?? path.join(corpusRoot, 'chunked'))
const resultsFile = path.join(outDir, 'results.json')
const reportFile = path.join(outDir, 'results.md')

if (args['report-only']) {
  const saved = JSON.parse(readFileSync(resultsFile, 'utf8'))
  saved.summary = summarizeChunked(saved)
  const markdown = renderChunkedReport(saved)
  writeFileSync(reportFile, markdown)
  process.stdout.write(markdown + '\n')
  process.exit(0)
}

const sizes = args.sizes.split(',').map((s) => toInt(s.trim(), 'sizes'))
const seed = toInt(args.seed, 'seed')
const jobs = toInt(args.jobs, 'jobs')
const selected = new Set(args.engines.split(',').map((s) => s.trim()))
const pairs = toInt(args.pairs, 'pairs')
const roundsFor = (n) => (args.rounds !== undefined ? toInt(args.rounds, 'rounds') : n <= 10000 ? 5 : 3)
const timeoutMs = toInt(args['timeout-min'], 'timeout-min') * 60_000
const bigHeap = '--max-old-space-size=16384'

const startedAt = new Date()
const log = (message) => process.stderr.write(`[chunked ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
mkdirSync(outDir, { recursive: true })
if (!existsSync(path.join(root, 'dist', 'browser.js')))
  throw new Error('bench: dist/ is missing; run "npm run build" first (npm run bench does)')
// Measure a copy of dist/ (under the package, so its dependencies resolve): a rebuild during the run changes nothing.
const dist = path.join(
  corpusRoot,
  `dist-snapshot-chunked-${createHash('sha1').update(outDir).digest('hex').slice(0, 8)}`,
)
rmSync(dist, { recursive: true, force: true })
cpSync(path.join(root, 'dist'), dist, { recursive: true })
process.env.INFOBOX_SEARCH_BENCH_DIST = dist
const cli = path.join(dist, 'cli.js')
const cleanCwd = path.join(outDir, 'cwd')
mkdirSync(cleanCwd, { recursive: true })
const logFile = path.join(outDir, 'run.log')
writeFileSync(logFile, '')
const note = (message) => {
  log(message)
  appendFileSync(logFile, message + '\n')
}

const gzipOf = (file) => gzipSync(readFileSync(file)).length
const results = {
  machine: describeMachine(),
  commit: gitHead(),
  startedAt: startedAt.toISOString(),
  command: `node bench/chunked.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  options: { sizes, seed, body: args.body, jobs, engines: [...selected] },
  // What a page downloads besides the index: our browser runtime, Pagefind's script and its web worker.
  code: { oursRuntime: gzipOf(path.join(dist, 'browser.js')) },
  sizes: {},
}
note(`machine: ${JSON.stringify(results.machine)}`)

/** Flush what the file system holds in memory (`sync`), where the system has it. */
function settleDisk() {
  try {
    execFileSync('sync')
  } catch {
    // No sync command (Windows): builds run unsettled.
  }
}

/** A child process's outcome as a plain record (error text when it failed), merged with its result file. */
async function step(label, command, argv, { resultFile } = {}) {
  log(`${label} …`)
  if (resultFile) rmSync(resultFile, { force: true })
  const run = await runChild(command, argv, { timeoutMs, cwd: cleanCwd })
  const record = { wallMs: run.wallMs, cpuMs: run.cpuMs, maxRSS: run.maxRSS, loadBefore: run.loadBefore }
  if (run.timedOut) record.error = `timed out after ${timeoutMs / 60000} min`
  else if (run.code !== 0) {
    const lines = run.stderr.trim().split('\n')
    const cause = lines.find((l) => /^bench error:|^\w*Error\b|heap out of memory|Invalid string length/.test(l.trim()))
    record.error = `exit ${run.code ?? run.signal}: ${(cause ?? lines.slice(-3).join(' | '))
      .replace(/^bench error: /, '')
      .trim()
      .slice(0, 300)}`
  }
  if (!record.error && resultFile && existsSync(resultFile))
    record.result = JSON.parse(readFileSync(resultFile, 'utf8'))
  note(
    `${label}: ${record.error ?? `${(record.wallMs / 1000).toFixed(1)} s wall${record.maxRSS ? `, peak RSS ${(record.maxRSS / 2 ** 20).toFixed(0)} MB` : ''}`}`,
  )
  return record
}

for (const n of sizes) {
  const size = (results.sizes[n] = {})
  const { dir, meta } = ensureCorpus({ root: corpusRoot, count: n, seed, log })
  size.corpus = { count: meta.count, bytes: meta.bytes }
  note(`=== ${n} articles (${(meta.bytes / 2 ** 20).toFixed(0)} MB of Markdown), body ${args.body} ===`)
  const work = path.join(outDir, 'work', String(n))
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const out = (name) => path.join(work, name)

  // 1. Build time: the CLI writing one file vs a chunked folder, same body and --jobs, in interleaved pairs
  //    (the order alternates, so a drift of the machine's speed does not favour one).
  const build = (kind) => {
    const target = kind === 'single' ? out('single.json') : out('chunked')
    rmSync(target, { recursive: true, force: true })
    // The disk settled first: the previous build's writes and this removal are not flushed during this
    // build (a chunked build after removing the last one's 11,800 files read up to 13 s more CPU).
    settleDisk()
    const flag = kind === 'single' ? '--out' : '--chunked'
    return step(`${n}: CLI build ${flag}`, process.execPath, [
      cli,
      'build',
      dir,
      flag,
      target,
      '--body',
      args.body,
      '--jobs',
      String(jobs),
      '--quiet',
    ])
  }
  size.buildPairs = []
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? ['single', 'chunked'] : ['chunked', 'single']
    const record = {}
    for (const kind of order) record[kind] = await build(kind)
    size.buildPairs.push(record)
  }
  if (!existsSync(path.join(out('chunked'), 'index.json'))) {
    note(`${n}: no chunked index was built; nothing else to measure at this size`)
    saveResults()
    continue
  }
  size.bytes = { chunked: await folderBytes(out('chunked')) }
  if (existsSync(out('single.json'))) size.bytes.single = await fileBytes(out('single.json'))

  // 2. The other engines from the baseline's parse of the same corpus and body.
  const prepared = out('prepared.jsonl')
  if (selected.has('pagefind') || selected.has('flexsearch')) {
    size.prepare = await step(`${n}: parse for the other engines`, process.execPath, [
      bigHeap,
      lib('buildWorker.mjs'),
      '--lib',
      'prepare',
      '--dir',
      dir,
      '--body',
      args.body,
      '--prepared',
      prepared,
      '--result',
      out('prepare.result.json'),
    ])
  }
  const buildEngine = (engine, target) =>
    step(
      `${n}: build ${engine}`,
      process.execPath,
      [
        bigHeap,
        lib('buildWorker.mjs'),
        '--lib',
        engine,
        '--dir',
        dir,
        '--out',
        target,
        '--prepared',
        prepared,
        '--result',
        out(`${engine}.result.json`),
      ],
      { resultFile: out(`${engine}.result.json`) },
    )
  const pagefindDir = out('pagefind')
  if (selected.has('pagefind') && existsSync(prepared)) {
    size.pagefindBuild = await buildEngine('pagefind', pagefindDir)
    if (!size.pagefindBuild.error) size.bytes.pagefind = pagefindBytes(pagefindDir)
  }
  const hasPagefind = existsSync(path.join(pagefindDir, 'pagefind.js')) && !size.pagefindBuild?.error
  if (hasPagefind) {
    results.code.pagefindScript = gzipOf(path.join(pagefindDir, 'pagefind.js'))
    results.code.pagefindWorker = gzipOf(path.join(pagefindDir, 'pagefind-worker.js'))
  }

  const { items, place } = await knownItems(path.join(dir, 'manifest.jsonl'), { seed })
  writeFileSync(out('queries.json'), JSON.stringify({ place, list: latencyQueries }))
  writeFileSync(out('known.json'), JSON.stringify(items))
  size.placeFilter = place
  const engineArgs = ['--ours', out('chunked'), ...(hasPagefind ? ['--pagefind', pagefindDir] : []), '--dist', dist]

  // 3. Bytes and requests of a cold first search (Node fetch against a gzipping static server).
  size.firstSearch = await step(
    `${n}: first-search bytes`,
    process.execPath,
    [lib('firstSearchWorker.mjs'), ...engineArgs, '--queries', out('queries.json'), '--result', out('first.json')],
    { resultFile: out('first.json') },
  )

  // 4. Cold first search in headless Chromium.
  size.browser = await step(
    `${n}: cold first search in Chromium`,
    process.execPath,
    [
      lib('browserWorker.mjs'),
      ...engineArgs,
      '--queries',
      out('queries.json'),
      '--result',
      out('browser.json'),
      ...(args['browser-count'] ? ['--count', args['browser-count']] : []),
    ],
    { resultFile: out('browser.json') },
  )

  // 5. Warm latency: the chunked index (files from memory, each query's chunks fetched in a warm-up pass),
  //    FlexSearch and the single-file index, same queries.
  // `input`: ['--index', file], or ['--prepared', documents] to build the index in the worker.
  const warm = (lib_, input) =>
    step(
      `${n}: warm queries ${lib_}${input[0] === '--prepared' ? ' (built in process)' : ''}`,
      process.execPath,
      [
        '--expose-gc',
        bigHeap,
        lib('queryWorker.mjs'),
        '--lib',
        lib_,
        ...input,
        '--queries',
        out('queries.json'),
        '--known',
        out('known.json'),
        '--result',
        out(`${lib_}.query.json`),
        '--loads',
        '3',
        '--rounds',
        String(roundsFor(n)),
      ],
      { resultFile: out(`${lib_}.query.json`) },
    )
  size.warm = { chunked: await warm('chunked', ['--index', path.join(out('chunked'), 'index.json')]) }
  // FlexSearch is built where it is queried: its export is one JSON string, too long for V8 at 50,000 full articles.
  if (selected.has('flexsearch') && existsSync(prepared))
    size.warm.flexsearch = await warm('flexsearch', ['--prepared', prepared])
  rmSync(prepared, { force: true })
  if (selected.has('single') && existsSync(out('single.json')))
    size.warm.single = await warm('ours', ['--index', out('single.json')])

  if (!args.keep)
    for (const name of ['single.json', 'chunked', 'pagefind']) rmSync(out(name), { recursive: true, force: true })
  saveResults()
}

results.finishedAt = new Date().toISOString()
const markdown = saveResults()
process.stdout.write(markdown + '\n')
log(`done in ${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min → ${reportFile}, ${resultsFile}`)

function saveResults() {
  results.summary = summarizeChunked(results)
  writeFileSync(resultsFile, JSON.stringify(results, null, 2))
  const markdown = renderChunkedReport(results)
  writeFileSync(reportFile, markdown)
  return markdown
}

/** Raw and gzip bytes of one file, streamed (a single-file index can pass V8's string limit). */
async function fileBytes(file) {
  let gzip = 0
  await new Promise((resolve, reject) =>
    createReadStream(file)
      .pipe(createGzip())
      .on('data', (chunk) => (gzip += chunk.length))
      .on('end', resolve)
      .on('error', reject),
  )
  return { raw: statSync(file).size, gzip }
}

/** A chunked folder's files, raw and gzip (each file compressed alone, as a static host serves it), per kind. */
async function folderBytes(folder) {
  const kinds = {}
  for (const file of readdirSync(folder, { recursive: true })) {
    const full = path.join(folder, file)
    if (!statSync(full).isFile()) continue
    const kind = file === 'index.json' ? 'manifest' : file.split(path.sep)[0]
    const k = (kinds[kind] ??= { files: 0, raw: 0, gzip: 0 })
    const data = readFileSync(full)
    k.files++
    k.raw += data.length
    k.gzip += gzipSync(data).length
  }
  const total = { files: 0, raw: 0, gzip: 0 }
  for (const k of Object.values(kinds)) for (const key of Object.keys(total)) total[key] += k[key]
  return { ...total, kinds }
}

/** Pagefind's index files (already compressed), without its scripts, styles and WebAssembly. */
function pagefindBytes(folder) {
  let raw = 0
  let files = 0
  for (const file of readdirSync(folder, { recursive: true })) {
    const info = statSync(path.join(folder, file))
    if (info.isFile() && !/\.(js|css)$/.test(file) && !file.startsWith('wasm.')) {
      raw += info.size
      files++
    }
  }
  return { files, raw, gzip: raw }
}

function gitHead() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}
