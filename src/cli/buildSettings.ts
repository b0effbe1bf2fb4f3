import { availableParallelism } from 'node:os'
import path from 'node:path'
import { resolveIndexOptions, type IndexOptions } from '../core/options.js'
import { loadConfig, type BuildConfig } from './config.js'
import type { CliValues } from './main.js'
import { UsageError } from './usage.js'

/** Everything one `build` needs, from the config file and the flags (flags win). */
export interface BuildSettings {
  readonly inputs: readonly string[]
  /** The folder `inputs` are relative to. */
  readonly base: string
  /** The index file as the user wrote it (for messages), when one is written. */
  readonly out: string | undefined
  /** The index file, absolute. */
  readonly outPath: string | undefined
  /** The chunked index's folder as the user wrote it, when one is written. */
  readonly chunked: string | undefined
  /** The chunked index's folder, absolute. */
  readonly chunkedPath: string | undefined
  readonly options: IndexOptions
  readonly jobs: number
  readonly fileTimeout: number
  /** The cache folder, absolute, when caching. */
  readonly cache: string | undefined
  readonly strict: boolean
  /** Follow symbolic links out of an input's folder (`--follow-symlinks`). */
  readonly followSymlinks: boolean
  readonly quiet: boolean
  readonly watch: boolean
}

/** Default time budget per file in a worker. */
export const defaultFileTimeout = 10_000

/**
 * Default worker count: one per core, at most 8. The main thread adds every
 * record to the index (about a fifth of the work per article), so more
 * workers than that wait on it, and each costs its own heap.
 */
export const defaultJobs = (): number => Math.max(1, Math.min(availableParallelism(), 8))

/**
 * Merge the config file (found in `cwd` or given with `--config`) with the flags.
 * @throws {UsageError} for a missing input, no `--out` nor `--chunked`, or a malformed flag value.
 * @throws {ConfigError} for a bad config file; {OptionsError} for a bad index option.
 */
export async function resolveBuildSettings(
  positionals: readonly string[],
  values: CliValues,
  cwd: string,
): Promise<BuildSettings> {
  const loaded = await loadConfig(values.config, cwd)
  const config: BuildConfig = loaded?.config ?? {}
  const configDirectory = loaded?.directory ?? cwd
  const fromConfig = (file: string): string => path.relative(cwd, path.resolve(configDirectory, file)) || '.'

  const inputs = positionals.length > 0 ? positionals : config.inputs
  if (inputs === undefined || inputs.length === 0)
    throw new UsageError('build needs at least one directory, file or glob (or "inputs" in the config file)')
  const out = values.out ?? (config.out === undefined ? undefined : fromConfig(config.out))
  const chunked = values.chunked ?? (config.chunked === undefined ? undefined : fromConfig(config.chunked))
  if (out === undefined && chunked === undefined) {
    throw new UsageError('build needs --out <file> or --chunked <dir> (or "out" or "chunked" in the config file)')
  }
  const cache = values.cache ?? (config.cache === undefined ? undefined : fromConfig(config.cache))

  const boost = { ...config.boost, ...parseBoosts(values.boost ?? []) }
  const facets = names(values.facet) ?? config.facets
  const store = names(values.store) ?? config.store
  const fields = names(values.field) ?? config.fields
  const maxBodyLength = wholeNumber('max-body-length', values['max-body-length'], 0) ?? config.maxBodyLength
  const options = resolveIndexOptions({
    ...((values.body ?? config.body) === undefined ? {} : { body: values.body ?? config.body }),
    boost,
    ...(facets === undefined ? {} : { facets }),
    ...(store === undefined ? {} : { store }),
    ...(fields === undefined ? {} : { fields }),
    ...(maxBodyLength === undefined ? {} : { maxBodyLength }),
  })

  return {
    inputs,
    base: positionals.length > 0 ? cwd : configDirectory,
    out,
    outPath: out === undefined ? undefined : path.resolve(cwd, out),
    chunked,
    chunkedPath: chunked === undefined ? undefined : path.resolve(cwd, chunked),
    options,
    jobs: wholeNumber('jobs', values.jobs, 1) ?? config.jobs ?? defaultJobs(),
    fileTimeout: wholeNumber('file-timeout', values['file-timeout'], 1) ?? config.fileTimeout ?? defaultFileTimeout,
    cache: cache === undefined ? undefined : path.resolve(cwd, cache),
    strict: values.strict ?? config.strict ?? false,
    followSymlinks: values['follow-symlinks'] ?? config.followSymlinks ?? false,
    quiet: values.quiet ?? false,
    watch: values.watch ?? false,
  }
}

/** The names a repeatable, comma-separated flag gives; `undefined` when it is not used. */
function names(flag: readonly string[] | undefined): string[] | undefined {
  return flag
    ?.flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean)
}

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw new UsageError(`--${flag} takes a whole number ≥ ${min}, received "${value}"`)
  return n
}

/** `--boost title=3,body=0.5` (repeatable) → `{ title: 3, body: 0.5 }`. */
function parseBoosts(flags: readonly string[]): Record<string, number> {
  const boosts: Record<string, number> = Object.create(null) as Record<string, number>
  for (const pair of flags.flatMap((f) => f.split(','))) {
    const [field = '', weight = ''] = pair.split('=').map((part) => part.trim())
    const n = Number(weight)
    if (field === '' || weight === '' || !Number.isFinite(n))
      throw new UsageError(`--boost takes field=weight (e.g. title=3,body=0.5), received "${pair}"`)
    boosts[field] = n
  }
  return boosts
}
