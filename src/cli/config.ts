import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { InfoboxSearchError, OptionsError } from '../core/errors.js'
import { isRecord } from '../core/guards.js'
import { resolveIndexOptions } from '../core/options.js'

/** `infobox-search.config.json` / `.mjs`: build settings; command-line flags override them. */
export interface BuildConfig {
  /** Directories, files or globs, relative to the config file. */
  readonly inputs?: readonly string[]
  /** The index file to write, relative to the config file. */
  readonly out?: string
  /** The folder of a chunked index to write, relative to the config file. */
  readonly chunked?: string
  /** Body profile: `full`, `sections`, `lead` or `none`. */
  readonly body?: string
  /** Field weights: `title`, `shortDescription`, `description`, `infobox`, `body`, `custom`. */
  readonly boost?: Readonly<Record<string, number>>
  /** Extra facets: infobox fields, or the articles' own front-matter fields. */
  readonly facets?: readonly string[]
  /** Front-matter fields kept in each hit's `fields`. */
  readonly store?: readonly string[]
  /** Front-matter fields whose text is searched. */
  readonly fields?: readonly string[]
  readonly maxBodyLength?: number
  readonly jobs?: number
  /** Cache folder, relative to the config file. */
  readonly cache?: string
  readonly strict?: boolean
  /** Follow symbolic links out of an input's folder. */
  readonly followSymlinks?: boolean
  /** Milliseconds one file may take in a worker. */
  readonly fileTimeout?: number
}

/** A config file that was found and checked. */
export interface LoadedConfig {
  readonly file: string
  /** Relative paths in the config are resolved against this folder. */
  readonly directory: string
  readonly config: BuildConfig
}

/** The file names looked for in the current directory. */
export const configFileNames = ['infobox-search.config.json', 'infobox-search.config.mjs'] as const

/** A config file that cannot be read or has unknown keys or wrong types; exit code 2. */
export class ConfigError extends InfoboxSearchError {
  override readonly name = 'ConfigError'

  constructor(
    file: string,
    problem: string,
    details: { readonly cause?: unknown; readonly expected?: unknown; readonly received?: unknown } = {},
  ) {
    super('ERR_INVALID_OPTION', `infobox-search: config file ${file}: ${problem}`, { ...details, file })
  }
}

type Check = readonly [test: (value: unknown) => boolean, expected: string]

const isString = (value: unknown): boolean => typeof value === 'string' && value !== ''
const isWhole =
  (min: number) =>
  (value: unknown): boolean =>
    typeof value === 'number' && Number.isInteger(value) && value >= min
const isStrings = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')

const checks = {
  inputs: [isStrings, 'a list of directories, files or globs (strings)'],
  out: [isString, 'a file path (a string)'],
  chunked: [isString, 'a folder path (a string)'],
  body: [isString, "one of 'full', 'sections', 'lead', 'none'"],
  boost: [
    (value) => isRecord(value) && Object.values(value).every((w) => typeof w === 'number'),
    'an object of field weights (numbers)',
  ],
  facets: [isStrings, 'a list of infobox or front-matter field names (strings)'],
  store: [isStrings, 'a list of front-matter field names (strings)'],
  fields: [isStrings, 'a list of front-matter field names (strings)'],
  maxBodyLength: [isWhole(0), 'a whole number ≥ 0'],
  jobs: [isWhole(1), 'a whole number ≥ 1'],
  cache: [isString, 'a folder path (a string)'],
  strict: [(value) => typeof value === 'boolean', 'true or false'],
  followSymlinks: [(value) => typeof value === 'boolean', 'true or false'],
  fileTimeout: [isWhole(1), 'a whole number of milliseconds ≥ 1'],
} as const satisfies Record<keyof BuildConfig, Check>

/**
 * Load the config: `explicit` (from `--config`), else the one config file in
 * `cwd`, else none.
 * @throws {ConfigError} when the file cannot be read, or has unknown keys or wrong types.
 */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<LoadedConfig | undefined> {
  let file: string
  if (explicit !== undefined) file = path.resolve(cwd, explicit)
  else {
    const found: string[] = []
    for (const name of configFileNames) if (await exists(path.join(cwd, name))) found.push(path.join(cwd, name))
    if (found.length > 1)
      throw new ConfigError(
        configFileNames.join(' and '),
        `both are in ${cwd}; keep one, or choose with --config <file>.`,
      )
    if (found[0] === undefined) return undefined
    file = found[0]
  }
  const shown = path.relative(cwd, file) || file
  const raw = await read(file, shown)
  return { file, directory: path.dirname(file), config: validate(raw, shown) }
}

async function read(file: string, shown: string): Promise<unknown> {
  if (/\.[cm]?js$/.test(file)) {
    if (!(await exists(file))) throw new ConfigError(shown, 'the file does not exist.')
    let module: Record<string, unknown>
    try {
      module = (await import(pathToFileURL(file).href)) as Record<string, unknown>
    } catch (error) {
      throw new ConfigError(shown, `cannot be loaded (${(error as Error).message}).`, { cause: error })
    }
    const config = module['default'] ?? module['config']
    if (config === undefined)
      throw new ConfigError(shown, 'must export the settings as its default export or as "config".')
    return config
  }
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ConfigError(shown, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
      cause: error,
    })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new ConfigError(shown, `is not valid JSON (${(error as Error).message}).`, { cause: error })
  }
}

function validate(raw: unknown, shown: string): BuildConfig {
  if (!isRecord(raw))
    throw new ConfigError(shown, `must hold an object of settings, received ${describe(raw)}.`, { received: raw })
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(checks, key)) {
      throw new ConfigError(shown, `unknown key "${key}"; the keys are ${Object.keys(checks).join(', ')}.`, {
        expected: Object.keys(checks),
        received: key,
      })
    }
    const [test, expected] = checks[key as keyof typeof checks]
    if (!test(value))
      throw new ConfigError(shown, `"${key}" must be ${expected}, received ${describe(value)}.`, {
        expected,
        received: value,
      })
  }
  const config = raw as BuildConfig
  try {
    resolveIndexOptions({
      ...(config.body === undefined ? {} : { body: config.body }),
      ...(config.boost === undefined ? {} : { boost: config.boost }),
      ...(config.facets === undefined ? {} : { facets: config.facets }),
      ...(config.store === undefined ? {} : { store: config.store }),
      ...(config.fields === undefined ? {} : { fields: config.fields }),
      ...(config.maxBodyLength === undefined ? {} : { maxBodyLength: config.maxBodyLength }),
    })
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error
    throw new ConfigError(shown, error.message.replace(/^infobox-search: option /, ''), {
      cause: error,
      expected: error.expected,
      received: error.received,
    })
  }
  return config
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value)
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}
