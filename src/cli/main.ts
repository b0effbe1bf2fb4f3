import { parseArgs } from 'node:util'
import { InfoboxSearchError } from '../core/errors.js'
import { usage, UsageError } from './usage.js'
import { terminalLines } from './terminalText.js'

const options = {
  out: { type: 'string' },
  chunked: { type: 'string' },
  body: { type: 'string' },
  facet: { type: 'string', multiple: true },
  store: { type: 'string', multiple: true },
  field: { type: 'string', multiple: true },
  'max-body-length': { type: 'string' },
  boost: { type: 'string', multiple: true },
  jobs: { type: 'string', short: 'j' },
  'file-timeout': { type: 'string' },
  cache: { type: 'string' },
  config: { type: 'string' },
  watch: { type: 'boolean', short: 'w' },
  strict: { type: 'boolean' },
  'follow-symlinks': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  filter: { type: 'string', multiple: true },
  facets: { type: 'string' },
  sort: { type: 'string' },
  near: { type: 'string' },
  json: { type: 'boolean' },
  to: { type: 'string' },
  'database-url': { type: 'string' },
  table: { type: 'string' },
  replace: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

/** The parsed flags of every command (`parseArgs` values). */
export type CliValues = ReturnType<typeof parse>['values']

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv)
  const [command, ...rest] = positionals
  if (values.version === true) {
    const { version } = await import('../core/version.js')
    process.stdout.write(`${version}\n`)
    return 0
  }
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(`${usage}\n`)
    return command === undefined && values.help !== true ? 2 : 0
  }
  // Commands are loaded on demand: `search` never loads the Markdown and YAML parsers.
  switch (command) {
    case 'build':
      return (await import('./build.js')).runBuild(rest, values)
    case 'search':
      return (await import('./search.js')).runSearch(rest, values)
    case 'inspect':
      return (await import('./inspect.js')).runInspect(rest, values)
    case 'export':
      return (await import('./export.js')).runExport(rest, values)
    default:
      throw new UsageError(`unknown command "${command}"`)
  }
}

/** Print an error: expected ones without a stack. Sets exit code 2. */
export function reportError(error: unknown): void {
  process.exitCode = 2
  if (error instanceof InfoboxSearchError) process.stderr.write(`${terminalLines(error.message)}\n`)
  else
    process.stderr.write(
      `infobox-search: unexpected error\n${terminalLines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
    )
}
