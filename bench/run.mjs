#!/usr/bin/env node
// The deploy-time build benchmark. Run by hand: `npm run bench` (builds dist/
// first). Never part of `npm test`. See bench/README.md for what each row means.
//
//   node bench/run.mjs [--sizes 1000,10000,50000] [--quick] [--seed 42] [--body lead]
//                      [--engines ours,baseline,orama,flexsearch,lunr,pagefind] [--repeat N]
//                      [--profiles-size 10000] [--no-profiles] [--no-cli] [--timeout-min 45]
//                      [--out-dir bench/out]
//   node bench/run.mjs --report-only [--out-dir …]    re-render results.md from results.json
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readArgs, toInt } from './lib/args.mjs'
import { runChild } from './lib/child.mjs'
import { ensureCorpus as ensureCorpusIn } from './lib/corpus.mjs'
import { describeMachine, measureParallelCapacity } from './lib/machine.mjs'
import { knownItems, latencyQueries } from './lib/queries.mjs'
import { renderReport, evaluateTargets } from './lib/report.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..')
// Corpora are shared by all runs; results, logs and work files go to --out-dir.
const corpusRoot = path.join(here, 'out')
const lib = (name) => path.join(here, 'lib', name)

const args = readArgs(process.argv.slice(2), {
  sizes: { type: 'string' },
  quick: { type: 'boolean', default: false },
  seed: { type: 'string', default: '42' },
  body: { type: 'string', default: 'lead' },
  engines: { type: 'string', default: 'ours,baseline,orama,flexsearch,lunr,pagefind' },
  repeat: { type: 'string' },
  'profiles-size': { type: 'string', default: '10000' },
  'no-profiles': { type: 'boolean', default: false },
  'no-cli': { type: 'boolean', default: false },
  'timeout-min': { type: 'string', default: '45' },
  'report-only': { type: 'boolean', default: false },
  'out-dir': { type: 'string' },
})
const outDir = path.resolve(args['out-dir'] ?? corpusRoot)
// Workers and the CLI run from a snapshot of dist/, so a rebuild by someone else during a
// long run cannot change (or delete) the code being measured. One snapshot per output folder,
// kept under bench/out/ so that the package's node_modules still resolve from it.
const distSnapshot = path.join(
  corpusRoot,
  outDir === corpusRoot
    ? 'dist-snapshot'
    : `dist-snapshot-${createHash('sha1').update(outDir).digest('hex').slice(0, 8)}`,
)
const cli = path.join(distSnapshot, 'cli.js')
if (args['report-only']) {
  // Re-render <out-dir>/results.md from an existing results.json (no measuring).
  const file = path.join(outDir, 'results.json')
  const saved = JSON.parse(readFileSync(file, 'utf8'))
  saved.targets = evaluateTargets(saved)
  const markdown = renderReport(saved)
  writeFileSync(path.join(outDir, 'results.md'), markdown)
  process.stdout.write(markdown + '\n')
  process.exit(0)
}
const sizes = (args.sizes ?? (args.quick ? '1000,10000' : '1000,10000,50000'))
  .split(',')
  .map((s) => toInt(s.trim(), 'sizes'))
const seed = toInt(args.seed, 'seed')
const selected = new Set(args.engines.split(',').map((s) => s.trim()))
selected.add('ours').add('baseline')
const repeatFor = (n) =>
  args.repeat !== undefined ? toInt(args.repeat, 'repeat') : args.quick ? 1 : n <= 1000 ? 3 : n <= 10000 ? 2 : 1
const loadsFor = (n) => (args.quick ? 3 : n <= 10000 ? 7 : 3)
const roundsFor = (n) => (args.quick ? 3 : n <= 10000 ? 5 : 3)
const timeoutMs = toInt(args['timeout-min'], 'timeout-min') * 60_000
const profilesSize = toInt(args['profiles-size'], 'profiles-size')
const bigHeap = '--max-old-space-size=16384'

const startedAt = new Date()
const log = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
mkdirSync(outDir, { recursive: true })
if (!existsSync(path.join(root, 'dist', 'build.js')))
  throw new Error('bench: dist/ is missing; run "npm run bench" (it builds first)')
rmSync(distSnapshot, { recursive: true, force: true })
cpSync(path.join(root, 'dist'), distSnapshot, { recursive: true })
process.env.INFOBOX_SEARCH_BENCH_DIST = distSnapshot
const cleanCwd = path.join(outDir, 'cwd')
mkdirSync(cleanCwd, { recursive: true })
const logFile = path.join(outDir, 'run.log')
writeFileSync(logFile, '')
const note = (message) => {
  log(message)
  appendFileSync(logFile, message + '\n')
}

// What does the CLI offer today? (--jobs and --cache are being added elsewhere.)
const help = (() => {
  try {
    return execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    return String(error.stdout ?? '') + String(error.stderr ?? '')
  }
})()
const cliFeatures = { jobs: /--jobs\b/.test(help), cache: /--cache\b/.test(help) }

const git = (...argv) => {
  try {
    return execFileSync('git', argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}
const results = {
  machine: describeMachine(),
  code: {
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedSrcFiles: (git('status', '--short', 'src') ?? '').split('\n').filter(Boolean).length,
  },
  startedAt: startedAt.toISOString(),
  command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  options: { sizes, seed, body: args.body, engines: [...selected], profilesSize, outDir, noCli: args['no-cli'] },
  cliFeatures,
  sizes: {},
}
note(`machine: ${JSON.stringify(results.machine)}`)
note(
  `CLI: --jobs ${cliFeatures.jobs ? 'supported' : 'not supported'}, --cache ${cliFeatures.cache ? 'supported' : 'not supported'}`,
)

/** A child's outcome as a plain record (error text when it failed). */
async function step(label, command, argv, { resultFile } = {}) {
  log(`${label} …`)
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
    Object.assign(record, JSON.parse(readFileSync(resultFile, 'utf8')), { maxRSS: run.maxRSS ?? record.maxRSS })
  // The first baseline build also writes the same-stored-fields variant after its timed part: its peak RSS is the one before that.
  if (record.maxRSSTimed !== undefined)
    Object.assign(record, { maxRSSWithStoredVariant: record.maxRSS, maxRSS: record.maxRSSTimed })
  note(
    `${label}: ${record.error ?? `${(record.wallMs / 1000).toFixed(1)} s wall${record.maxRSS ? `, peak RSS ${(record.maxRSS / 2 ** 20).toFixed(0)} MB` : ''}`}`,
  )
  return record
}

const ensureCorpus = (count) => ensureCorpusIn({ root: corpusRoot, count, seed, log })

const fileBytes = (file) => {
  const data = readFileSync(file)
  return { raw: data.length, gzip: gzipSync(data).length }
}
const dirBytes = (dir) => {
  let raw = 0
  for (const f of readdirSync(dir, { recursive: true })) {
    const s = statSync(path.join(dir, f))
    if (s.isFile() && !/\.(js|css|wasm)$/.test(f) && !f.includes('wasm')) raw += s.size
  }
  return { raw, gzip: raw, note: 'chunks are already gzip-compressed' }
}

for (const n of sizes) {
  const size = (results.sizes[n] = { builds: {}, bytes: {}, queries: {} })
  const { dir, meta } = ensureCorpus(n)
  size.corpus = meta
  note(`=== ${n} articles (${(meta.bytes / 2 ** 20).toFixed(0)} MB of Markdown) ===`)
  const work = path.join(outDir, 'work', String(n))
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const out = (name) => path.join(work, name)
  const prepared = out('prepared.jsonl')

  // 1. Our library vs the baseline, alternating, `repeat` times.
  const repeat = repeatFor(n)
  for (let r = 0; r < repeat; r++) {
    for (const which of ['ours', 'baseline']) {
      const argv = [
        bigHeap,
        lib('buildWorker.mjs'),
        '--lib',
        which,
        '--dir',
        dir,
        '--out',
        out(`${which}.json`),
        '--body',
        args.body,
        '--result',
        out(`${which}.result.json`),
      ]
      // The first baseline build also writes its index with our stored fields (size only, after timing).
      if (which === 'baseline' && r === 0)
        argv.push('--prepared', prepared, '--stored-out', out('baseline-stored.json'))
      ;(size.builds[which] ??= []).push(
        await step(`${n}: build ${which} #${r + 1}`, process.execPath, argv, {
          resultFile: out(`${which}.result.json`),
        }),
      )
    }
  }

  // 2. The CLI as users run it (default Node flags), and with --jobs 2 when it exists.
  if (!args['no-cli']) {
    // How much faster two busy threads run than one on this machine right now (a VM may give less than its cores).
    if (cliFeatures.jobs) {
      log(`${n}: parallel capacity probe …`)
      const c = (size.parallelCapacity = await measureParallelCapacity().catch((error) => ({
        error: String(error?.message ?? error),
      })))
      note(
        `${n}: parallel capacity ${c.error ? `failed: ${c.error}` : `${c.ratio}× with ${c.threads} threads (1 thread ${c.oneMs} ms, ${c.threads} at once ${c.allMs} ms)`}`,
      )
    }
    // With --jobs, "one worker" is --jobs 1 (the CLI's default is one worker per core).
    for (let r = 0; r < repeat; r++) {
      const one = cliFeatures.jobs ? ['--jobs', '1'] : []
      ;(size.builds.cli ??= []).push(
        await step(`${n}: CLI build ${one.join(' ')} #${r + 1}`, process.execPath, [
          cli,
          'build',
          dir,
          '--out',
          out('cli.json'),
          '--body',
          args.body,
          '--quiet',
          ...one,
        ]),
      )
      if (cliFeatures.jobs) {
        ;(size.builds.cliJobs ??= []).push(
          await step(`${n}: CLI build --jobs 2 #${r + 1}`, process.execPath, [
            cli,
            'build',
            dir,
            '--out',
            out('cli-jobs.json'),
            '--body',
            args.body,
            '--quiet',
            '--jobs',
            '2',
          ]),
        )
      }
    }
  }

  // 3. The other engines, from the baseline's parsed documents.
  for (const engine of ['orama', 'flexsearch', 'lunr', 'pagefind']) {
    if (!selected.has(engine) || !existsSync(prepared)) continue
    const target = engine === 'pagefind' ? out('pagefind') : out(`${engine}.json`)
    size.builds[engine] = [
      await step(
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
        {
          resultFile: out(`${engine}.result.json`),
        },
      ),
    ]
  }

  // 4. Sizes.
  const indexFiles = {
    ours: out('ours.json'),
    minisearch: out('baseline.json'),
    orama: out('orama.json'),
    flexsearch: out('flexsearch.json'),
    lunr: out('lunr.json'),
  }
  for (const [name, file] of Object.entries(indexFiles))
    if (existsSync(file) && !size.builds[name === 'minisearch' ? 'baseline' : name]?.[0]?.error)
      size.bytes[name] = fileBytes(file)
  if (existsSync(out('pagefind')) && !size.builds.pagefind?.[0]?.error) size.bytes.pagefind = dirBytes(out('pagefind'))
  // Plain MiniSearch storing the same fields as ours (written by the first baseline build, not timed).
  const storedFile = out('baseline-stored.json')
  if (existsSync(storedFile) && !size.builds.baseline?.[0]?.error)
    size.bytes.minisearchStored = { ...fileBytes(storedFile), storedFields: size.builds.baseline[0].storedFields }
  rmSync(storedFile, { force: true })
  // Our file's parts: parsed as one string, so skipped for big files (V8's string limit is ~512 MB).
  if (size.bytes.ours && size.bytes.ours.raw > 400 * 2 ** 20)
    size.bytes.oursPartsSkipped = `file is ${(size.bytes.ours.raw / 2 ** 20).toFixed(0)} MB (> 400 MB)`
  else if (size.bytes.ours) {
    const envelope = JSON.parse(readFileSync(out('ours.json'), 'utf8'))
    size.bytes.oursParts = Object.fromEntries(
      Object.entries(envelope).map(([k, v]) => [k, fileBytesOf(JSON.stringify(v))]),
    )
  }

  // 5. Load time, query latency and known-item relevance, one process per engine.
  const { items, place } = await knownItems(path.join(dir, 'manifest.jsonl'), { seed })
  writeFileSync(out('queries.json'), JSON.stringify({ place, list: latencyQueries }))
  writeFileSync(out('known.json'), JSON.stringify(items))
  size.placeFilter = place
  for (const [name, file] of Object.entries(indexFiles)) {
    if (!size.bytes[name]) continue
    size.queries[name] = await step(
      `${n}: load + query ${name}`,
      process.execPath,
      [
        '--expose-gc',
        bigHeap,
        lib('queryWorker.mjs'),
        '--lib',
        name,
        '--index',
        file,
        '--queries',
        out('queries.json'),
        '--known',
        out('known.json'),
        '--result',
        out(`${name}.query.json`),
        '--loads',
        String(loadsFor(n)),
        '--rounds',
        String(roundsFor(n)),
      ],
      { resultFile: out(`${name}.query.json`) },
    )
  }
  for (const name of ['orama', 'flexsearch', 'lunr', 'pagefind'])
    rmSync(name === 'pagefind' ? out('pagefind') : out(`${name}.json`), { recursive: true, force: true })
  rmSync(out('cli.json'), { force: true })
  rmSync(out('cli-jobs.json'), { force: true })
  saveResults()
}

function saveResults() {
  results.targets = evaluateTargets(results)
  writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2))
  writeFileSync(path.join(outDir, 'results.md'), renderReport(results))
}

function fileBytesOf(text) {
  const data = Buffer.from(text)
  return { raw: data.length, gzip: gzipSync(data).length }
}

// 6. Body profiles at one size: size, load time, query latency, relevance.
if (!args['no-profiles'] && sizes.includes(profilesSize)) {
  const { dir } = ensureCorpus(profilesSize)
  const work = path.join(outDir, 'work', String(profilesSize))
  const profiles = (results.profiles = { size: profilesSize, rows: {} })
  for (const body of ['full', 'sections', 'lead', 'none']) {
    const file = path.join(work, `ours-${body}.json`)
    let build
    if (body === args.body) {
      build = results.sizes[profilesSize].builds.ours[0]
      rmSync(file, { force: true })
      if (!build.error) execFileSync('cp', [path.join(work, 'ours.json'), file])
    } else {
      build = await step(
        `profile ${body}: build`,
        process.execPath,
        [
          bigHeap,
          lib('buildWorker.mjs'),
          '--lib',
          'ours',
          '--dir',
          dir,
          '--out',
          file,
          '--body',
          body,
          '--result',
          path.join(work, `ours-${body}.result.json`),
        ],
        {
          resultFile: path.join(work, `ours-${body}.result.json`),
        },
      )
    }
    const row = (profiles.rows[body] = { build })
    if (build.error) continue
    row.bytes = fileBytes(file)
    row.query = await step(
      `profile ${body}: load + query`,
      process.execPath,
      [
        '--expose-gc',
        bigHeap,
        lib('queryWorker.mjs'),
        '--lib',
        'ours',
        '--index',
        file,
        '--queries',
        path.join(work, 'queries.json'),
        '--known',
        path.join(work, 'known.json'),
        '--result',
        path.join(work, `ours-${body}.query.json`),
        '--loads',
        String(loadsFor(profilesSize)),
        '--rounds',
        String(roundsFor(profilesSize)),
      ],
      { resultFile: path.join(work, `ours-${body}.query.json`) },
    )
    rmSync(file, { force: true })
  }
  saveResults()
}

// 7. Incremental rebuild after changing one file, when the CLI has --cache.
const incrementalSize = sizes.includes(profilesSize) ? profilesSize : sizes.at(-1)
if (args['no-cli']) results.incremental = { skipped: '--no-cli' }
else if (!cliFeatures.cache) results.incremental = { skipped: 'the CLI has no --cache option yet' }
else {
  const { dir } = ensureCorpus(incrementalSize)
  const work = path.join(outDir, 'work', `incremental-${incrementalSize}`)
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const cache = path.join(work, 'cache')
  const target = path.join(work, 'index.json')
  const build = (label, cached = true) =>
    step(`incremental ${incrementalSize}: ${label}`, process.execPath, [
      cli,
      'build',
      dir,
      '--out',
      target,
      '--body',
      args.body,
      '--quiet',
      ...(cached ? ['--cache', cache] : []),
    ])
  const inc = (results.incremental = { size: incrementalSize, flags: 'CLI defaults (--jobs: one worker per core)' })
  // Full builds and one-change rebuilds are taken twice, interleaved, and the fastest of each
  // compared: the machine's speed drifts by 10–20% over minutes.
  inc.noCache = [await build('full build, no cache #1', false)]
  inc.cold = await build('full build, empty cache')
  inc.unchanged = await build('rebuild, nothing changed')
  const victim = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()[Math.floor(incrementalSize / 2)]
  const victimPath = path.join(dir, victim)
  const original = readFileSync(victimPath)
  inc.oneChanged = []
  try {
    for (let r = 0; r < 2; r++) {
      // A different sentence each time: every rebuild sees exactly one file changed since the last.
      writeFileSync(
        victimPath,
        Buffer.concat([original, Buffer.from(`\nA sentence added to test incremental builds (${r + 1}).\n`)]),
      )
      inc.oneChanged.push(await build(`rebuild after changing ${victim} #${r + 1}`))
      if (r === 0) inc.noCache.push(await build('full build, no cache #2', false))
    }
  } finally {
    writeFileSync(victimPath, original)
  }
}

results.finishedAt = new Date().toISOString()
results.targets = evaluateTargets(results)
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2))
const markdown = renderReport(results)
writeFileSync(path.join(outDir, 'results.md'), markdown)
process.stdout.write(markdown + '\n')
log(
  `done in ${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min → ${path.join(outDir, 'results.md')}, ${path.join(outDir, 'results.json')}`,
)
