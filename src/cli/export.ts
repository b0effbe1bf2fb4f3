import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { CachedRecord } from '../builder/buildIndex.js'
import { InfoboxSearchError } from '../core/errors.js'
import type { IndexRecord } from '../extract/record.js'
import { extractArticleFiles } from '../node/extractArticleFiles.js'
import { listArticleFiles } from '../node/listArticleFiles.js'
import { writeFileAtomic } from '../node/writeFileAtomic.js'
import { version } from '../core/version.js'
import { resolveBuildSettings, type BuildSettings } from './buildSettings.js'
import { formatDiagnostic } from './formatDiagnostic.js'
import { formatDuration } from './formatDuration.js'
import type { CliValues } from './main.js'
import { UsageError } from './usage.js'

const targets = ['postgres', 'opensearch', 'meilisearch', 'typesense'] as const
type Target = (typeof targets)[number]

/** Thrown inside the record stream to stop a load (rolled back) under --strict; exit code 1. */
class StrictStop extends Error {}

/**
 * `infobox-search export <inputs> --to postgres --database-url <url> [--table <name>] [--replace]`
 * or `--to opensearch|meilisearch|typesense --out <dir>`: the records `build`
 * extracts (same inputs, flags, config file and workers), loaded or written.
 * The build cache is not read: its records keep no infobox text, which the
 * weighted vectors and the engines' documents need.
 */
export async function runExport(inputs: readonly string[], values: CliValues): Promise<number> {
  const to = values.to as Target | undefined
  if (to === undefined || !targets.includes(to))
    throw new UsageError(`export needs --to ${targets.join('|')}${to === undefined ? '' : `, received "${to}"`}`)
  const url = values['database-url'] ?? process.env['DATABASE_URL']
  if (to === 'postgres' && (url === undefined || url === ''))
    throw new UsageError('export --to postgres needs --database-url <url> (or DATABASE_URL in the environment)')
  if (to !== 'postgres' && values.out === undefined)
    throw new UsageError(`export --to ${to} needs --out <dir>, the folder to write the files to`)
  // The build's settings (config file, --body, --facet, --jobs, --cache…); --out here is a folder, or unused.
  const settings = await resolveBuildSettings(inputs, { ...values, out: values.out ?? '-' }, process.cwd())
  const started = performance.now()
  const tally = { indexed: 0, skipped: 0 }
  try {
    const records = extractRecords(settings, tally, (line) => process.stderr.write(`${line}\n`))
    const summary =
      to === 'postgres'
        ? await toPostgres(records, settings, url ?? '', values)
        : await toFiles(to, records, settings, values.out ?? '', values.table)
    if (!settings.quiet)
      process.stderr.write(
        `infobox-search: exported ${tally.indexed} article(s)${tally.skipped ? `, skipped ${tally.skipped}` : ''} in ${formatDuration((performance.now() - started) / 1000)}: ${summary}\n`,
      )
    return 0
  } catch (error) {
    const cause = error instanceof InfoboxSearchError && error.cause instanceof StrictStop ? error.cause : error
    if (cause instanceof StrictStop) {
      process.stderr.write(
        `infobox-search: ${tally.skipped} article(s) could not be read (--strict); nothing was exported.\n`,
      )
      return 1
    }
    if (error instanceof InfoboxSearchError && error.code === 'ERR_DUPLICATE_ID') {
      process.stderr.write(`${error.message} Nothing was exported.\n`)
      return 1
    }
    throw error
  }
}

/** The records in file order, as `build` adds them; diagnostics printed; duplicates and --strict stop the stream. */
async function* extractRecords(
  settings: BuildSettings,
  tally: { indexed: number; skipped: number },
  print: (line: string) => void,
): AsyncGenerator<IndexRecord> {
  const files = await listArticleFiles(settings.inputs, settings.base)
  const owners = new Map<string, string>()
  // No `cache`: every record is extracted whole (see `wholeRecord`).
  const extracted = extractArticleFiles(files, {
    options: settings.options,
    jobs: settings.jobs,
    fileTimeout: settings.fileTimeout,
  })
  for await (const file of extracted) {
    for (const diagnostic of file.diagnostics)
      if (file.record === undefined || !settings.quiet) print(formatDiagnostic(diagnostic))
    const { record } = file
    if (record === undefined) {
      tally.skipped++
      continue
    }
    const owner = owners.get(record.id)
    if (owner !== undefined) {
      throw new InfoboxSearchError(
        'ERR_DUPLICATE_ID',
        `infobox-search: ${owner} and ${file.path} both have the id "${record.id}"; give one of them another "id" in its front matter.`,
        { received: record.id },
      )
    }
    owners.set(record.id, file.path)
    tally.indexed++
    yield wholeRecord(record)
  }
  if (settings.strict && tally.skipped > 0) throw new StrictStop()
}

/** A record extracted without the build cache: an `IndexRecord`, never a `CachedRecord` (no infobox text). */
function wholeRecord(record: IndexRecord | CachedRecord): IndexRecord {
  if ('infobox' in record) return record
  throw new Error(`infobox-search: export received a cached record for "${record.id}"; please report this.`)
}

async function toPostgres(
  records: AsyncIterable<IndexRecord>,
  settings: BuildSettings,
  url: string,
  values: CliValues,
): Promise<string> {
  const { exportToPostgres } = await import('../postgres/exportToPostgres.js')
  const result = await exportToPostgres(records, {
    url,
    ...(values.table === undefined ? {} : { table: values.table }),
    replace: values.replace === true,
    options: settings.options,
    ...(settings.quiet
      ? {}
      : {
          onProgress: (loaded: number) =>
            process.stderr.isTTY && process.stderr.write(`\rinfobox-search: ${loaded} loaded…`),
        }),
  })
  if (process.stderr.isTTY && !settings.quiet) process.stderr.write('\r\x1b[K')
  for (const id of result.truncated)
    process.stderr.write(
      `infobox-search: ${id}: too much text for one PostgreSQL tsvector (1 MB); its last words are not searchable\n`,
    )
  return `table "${result.table}" (${result.terms} terms${result.fuzzy ? ', typo tolerance with pg_trgm' : ', no typo tolerance: pg_trgm could not be created'})`
}

async function toFiles(
  engine: Exclude<Target, 'postgres'>,
  records: AsyncIterable<IndexRecord>,
  settings: BuildSettings,
  out: string,
  name: string | undefined,
): Promise<string> {
  const { createEngineExport, partBytes } = await import('../export/engineExport.js')
  const folder = path.resolve(out)
  await mkdir(folder, { recursive: true })
  const exporter = createEngineExport(engine, {
    ...(name === undefined ? {} : { name }),
    options: settings.options,
    generator: `infobox-search@${version}`,
  })
  const files: string[] = []
  // One documents file after another, each under the engines' request size limits.
  const iterator = records[Symbol.asyncIterator]()
  let pending: IteratorResult<IndexRecord> = await iterator.next()
  while (!pending.done || files.length === 0) {
    const file = exporter.documentsFile(files.length + 1)
    let bytes = 0
    async function* part(): AsyncGenerator<string> {
      while (!pending.done && bytes < partBytes) {
        const lines = exporter.add(pending.value)
        bytes += Buffer.byteLength(lines)
        yield lines
        pending = await iterator.next()
      }
    }
    await writeFileAtomic(path.join(folder, file), part())
    files.push(file)
  }
  const others = exporter.finish(files)
  for (const { file, content } of others) await writeFileAtomic(path.join(folder, file), content)
  return `${files.length + others.length} file(s) in ${out} (see its README.md)`
}
