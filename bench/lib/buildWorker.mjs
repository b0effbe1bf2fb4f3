// One build, in its own process (so peak RSS is per build). Writes a JSON
// result: phase times (ms), output bytes, documents, maxRSS.
//   node buildWorker.mjs --lib ours|baseline|orama|flexsearch|lunr|pagefind --dir <corpus> --out <file|dir>
//        --body <profile> --result <json> [--prepared <jsonl>] [--stored-out <file>]
//   node buildWorker.mjs --lib prepare --dir <corpus> --body <profile> --prepared <jsonl> --result <json>
//        only the baseline's parse, written as the other engines' documents (no MiniSearch index)
// Serialize times include writing the file for ours and the baseline alike
// (plain synchronous writes in ~1 MB pieces, no fsync).
import {
  closeSync,
  createReadStream,
  openSync,
  readdirSync,
  statSync,
  writeFileSync,
  writeSync,
  createWriteStream,
  rmSync,
  mkdirSync,
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { readArgs } from './args.mjs'
import { listFiles, simpleFacets, toDocument } from './baseline.mjs'
import { engines, oursStoredFields } from './engines.mjs'

const dist =
  process.env.INFOBOX_SEARCH_BENCH_DIST ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist')
const args = readArgs(process.argv.slice(2), {
  lib: { type: 'string' },
  dir: { type: 'string' },
  out: { type: 'string' },
  body: { type: 'string', default: 'lead' },
  result: { type: 'string' },
  prepared: { type: 'string' },
  'stored-out': { type: 'string' },
})
const now = () => performance.now()
const cpuNow = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
/** Accumulates wall and CPU milliseconds per phase (CPU counts every thread of the process, GC included). */
function phases() {
  const ms = {}
  const cpu = {}
  let wall0 = now()
  let cpu0 = cpuNow()
  return {
    ms,
    cpu,
    start() {
      wall0 = now()
      cpu0 = cpuNow()
    },
    /** Charge the time since the last start/stop to `name`, and restart. */
    stop(name) {
      const w = now()
      const c = cpuNow()
      ms[name] = (ms[name] ?? 0) + (w - wall0)
      cpu[name] = (cpu[name] ?? 0) + (c - cpu0)
      wall0 = w
      cpu0 = c
    },
  }
}
/** Write string pieces to `file` in order, batched into ~1 MB synchronous writes (no fsync); the bytes written. */
function writePieces(file, pieces) {
  const fd = openSync(file, 'w')
  let bytes = 0
  let batch = []
  let length = 0
  const flush = () => {
    if (length === 0) return
    bytes += writeSync(fd, batch.join(''))
    batch = []
    length = 0
  }
  try {
    for (const piece of pieces) {
      batch.push(piece)
      length += piece.length
      if (length >= 2 ** 20) flush()
    }
    flush()
  } finally {
    closeSync(fd)
  }
  return bytes
}

const progress = (n, total) => {
  if (n % 5000 === 0 && n > 0) process.stderr.write(`    ${args.lib}: ${n}/${total}\n`)
}

async function buildOurs() {
  const { listArticleFiles, readArticleFile, createIndexBuilder, serializeIndexChunks } = await import(
    path.join(dist, 'build.js')
  )
  const p = phases()
  const started = now()
  const cpuStarted = cpuNow()
  const files = await listArticleFiles([args.dir])
  const builder = createIndexBuilder({ body: args.body })
  p.stop('list')
  let docs = 0
  let skipped = 0
  for (const file of files) {
    const result = await readArticleFile(file)
    p.stop('readParse')
    if (result.article === undefined) {
      skipped++
      continue
    }
    const record = builder.extract(result.article)
    p.stop('extract')
    builder.add(record)
    p.stop('index')
    progress(++docs, files.length)
  }
  const index = builder.finish()
  p.stop('index')
  // In pieces: at 50,000 articles the whole JSON can exceed V8's string limit (~512 MB).
  const bytes = writePieces(args.out, serializeIndexChunks(index))
  p.stop('serialize')
  p.ms.total = now() - started
  p.cpu.total = cpuNow() - cpuStarted
  return { ms: p.ms, cpu: p.cpu, docs, skipped, bytes }
}

/**
 * The baseline's index with MiniSearch storing the same fields as ours
 * (`oursStoredFields`: title, shortDescription, description, image, date,
 * place and the body text), written in pieces: byte-identical to
 * `JSON.stringify(new MiniSearch({ ...miniSearchOptions, storeFields: oursStoredFields }).addAll(docs))`
 * (the stored fields are the only difference in the JSON), without one string
 * that may not fit in V8 at 50,000 articles. Not timed.
 */
function writeStoredVariant(file, index, docs) {
  const json = index.toJSON()
  const byId = new Map(docs.map((d) => [d.id, d]))
  const stored = (shortId) => {
    const doc = byId.get(json.documentIds[shortId])
    const fields = {}
    for (const key of oursStoredFields) if (doc[key] !== undefined) fields[key] = doc[key]
    return fields
  }
  function* pieces() {
    let first = true
    for (const [key, value] of Object.entries(json)) {
      yield `${first ? '{' : ','}${JSON.stringify(key)}:`
      first = false
      if (key === 'index') {
        yield '['
        for (let i = 0; i < value.length; i++) yield (i ? ',' : '') + JSON.stringify(value[i])
        yield ']'
      } else if (key === 'storedFields') {
        yield '{'
        let firstDoc = true
        for (const shortId of Object.keys(value)) {
          yield `${firstDoc ? '' : ','}${JSON.stringify(shortId)}:${JSON.stringify(stored(shortId))}`
          firstDoc = false
        }
        yield '}'
      } else yield JSON.stringify(value)
    }
    yield '}'
  }
  return writePieces(file, pieces())
}

async function buildBaseline() {
  const parseDate = args.prepared ? (await import(path.join(dist, 'index.js'))).parseDate : undefined
  const p = phases()
  const started = now()
  const cpuStarted = cpuNow()
  const files = await listFiles(args.dir)
  p.stop('list')
  const docs = []
  const extras = []
  let skipped = 0
  for (const file of files) {
    const text = await readFile(file.path, 'utf8')
    p.stop('read')
    const parsed = toDocument(text, file.id, args.body, p)
    if (parsed === undefined) {
      skipped++
      continue
    }
    docs.push(parsed.doc)
    if (parseDate) extras.push(parsed.main) // facet values for the other engines, computed after timing
    progress(docs.length, files.length)
  }
  p.start()
  const index = await engines.minisearch.build(docs)
  p.stop('index')
  const json = engines.minisearch.serialize(index)
  writeFileSync(args.out, json) // timed like ours: serialize + write
  p.stop('serialize')
  p.ms.total = now() - started
  p.cpu.total = cpuNow() - cpuStarted
  const ms = p.ms
  const cpu = p.cpu
  // After timing: the size of plain MiniSearch storing the same fields as ours (peak RSS taken before it).
  const maxRSSTimed = process.resourceUsage().maxRSS * 1024
  const storedBytes = args['stored-out'] ? writeStoredVariant(args['stored-out'], index, docs) : undefined
  if (args.prepared) {
    const out = createWriteStream(args.prepared)
    docs.forEach((doc, i) => out.write(JSON.stringify({ ...doc, ...simpleFacets(extras[i], parseDate) }) + '\n'))
    await new Promise((resolve) => out.end(resolve))
  }
  return {
    ms,
    cpu,
    docs: docs.length,
    skipped,
    bytes: Buffer.byteLength(json),
    storedBytes,
    storedFields: args['stored-out'] ? oursStoredFields : undefined,
    maxRSSTimed: args['stored-out'] ? maxRSSTimed : undefined,
  }
}

/**
 * The other engines' documents without the baseline's index: at 50,000 articles
 * with the `full` body, plain MiniSearch's JSON no longer fits in one string.
 */
async function prepareDocuments() {
  const { parseDate } = await import(path.join(dist, 'index.js'))
  const started = now()
  const files = await listFiles(args.dir)
  const out = createWriteStream(args.prepared)
  let docs = 0
  let skipped = 0
  for (const file of files) {
    const parsed = toDocument(await readFile(file.path, 'utf8'), file.id, args.body)
    if (parsed === undefined) {
      skipped++
      continue
    }
    if (!out.write(JSON.stringify({ ...parsed.doc, ...simpleFacets(parsed.main, parseDate) }) + '\n'))
      await new Promise((resolve) => out.once('drain', resolve))
    progress(++docs, files.length)
  }
  await new Promise((resolve) => out.end(resolve))
  return { ms: { total: now() - started }, docs, skipped }
}

async function readPrepared() {
  const docs = []
  const lines = createInterface({ input: createReadStream(args.prepared), crlfDelay: Infinity })
  for await (const line of lines) if (line !== '') docs.push(JSON.parse(line))
  return docs
}

/** Orama, FlexSearch, Lunr: index + serialize the prepared (baseline-parsed) documents. */
async function buildEngine(engine) {
  const docs = await readPrepared()
  const p = phases()
  const index = await engine.build(docs)
  p.stop('index')
  const json = await engine.serialize(index)
  p.stop('serialize')
  p.ms.total = p.ms.index + p.ms.serialize
  p.cpu.total = p.cpu.index + p.cpu.serialize
  writeFileSync(args.out, json)
  return { ms: p.ms, cpu: p.cpu, docs: docs.length, skipped: 0, bytes: Buffer.byteLength(json) }
}

/** Pagefind: custom records through its Rust service, written as a folder of compressed chunks. */
async function buildPagefind() {
  const docs = await readPrepared()
  const pagefind = await import('pagefind')
  rmSync(args.out, { recursive: true, force: true })
  mkdirSync(args.out, { recursive: true })
  const ms = {}
  let t = now()
  const { index, errors } = await pagefind.createIndex({})
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`)
  for (let i = 0; i < docs.length; i += 200) {
    await Promise.all(
      docs.slice(i, i + 200).map((d) => {
        const meta = { title: d.title }
        for (const key of ['description', 'image', 'date', 'place']) if (d[key]) meta[key] = d[key]
        return index.addCustomRecord({
          url: `/${d.id}/`,
          content: [d.title, d.shortDescription, d.description, d.infobox, d.body].filter(Boolean).join('\n\n'),
          language: 'en',
          meta,
          filters: { place: d.places, combatant: d.combatants },
        })
      }),
    )
  }
  ms.index = now() - t
  t = now()
  await index.writeFiles({ outputPath: args.out })
  ms.serialize = now() - t
  ms.total = ms.index + ms.serialize
  await pagefind.close()
  let bytes = 0
  let files = 0
  for (const file of readdirSync(args.out, { recursive: true })) {
    const info = statSync(path.join(args.out, file))
    if (info.isFile() && !/\.(js|css|wasm)$/.test(file) && !file.includes('wasm')) {
      bytes += info.size
      files++
    }
  }
  return { ms, docs: docs.length, skipped: 0, bytes, files }
}

const builders = {
  ours: buildOurs,
  baseline: buildBaseline,
  orama: () => buildEngine(engines.orama),
  flexsearch: () => buildEngine(engines.flexsearch),
  lunr: () => buildEngine(engines.lunr),
  pagefind: buildPagefind,
  prepare: prepareDocuments,
}

// The event loop emptied while the build still waits (Node then exits with code 13): e.g. on Pagefind's
// service process after it was killed (at 50,000 full articles, by the kernel's out-of-memory killer).
let settled = false
process.on('beforeExit', () => {
  if (!settled)
    process.stderr.write(
      `bench error: ${args.lib} stopped answering before its build finished (a helper process ended: killed, e.g. out of memory?)\n`,
    )
})

try {
  const result = await builders[args.lib]()
  result.maxRSS = process.resourceUsage().maxRSS * 1024
  writeFileSync(args.result, JSON.stringify(result))
} catch (error) {
  // Say what failed first (the parent keeps the error's first line), then the stack.
  process.stderr.write(`bench error: ${error?.name ?? 'Error'}: ${error?.message ?? error}\n${error?.stack ?? ''}\n`)
  process.exitCode = 1
} finally {
  settled = true
}
