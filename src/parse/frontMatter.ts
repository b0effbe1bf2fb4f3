import matter from 'gray-matter'
import { CORE_SCHEMA, YAMLException, loadAll, realMapTag } from 'js-yaml'
import { FrontMatterError } from '../core/errors.js'

/** Why front matter could not be read. Stable; also used as diagnostic codes. */
export type FrontMatterProblem =
  | 'front-matter-missing'
  | 'front-matter-unclosed'
  | 'front-matter-language'
  | 'front-matter-yaml'
  | 'front-matter-not-mapping'

export interface FrontMatter {
  /** The YAML mapping, with every mapping as a `Map` (never a plain object). */
  readonly data: ReadonlyMap<unknown, unknown>
  /** Everything after the closing delimiter. */
  readonly body: string
}

/** YAML 1.2's core schema (no timestamps, no `<<` merges), every mapping a `Map`: keys like `__proto__` stay data. */
const schema = CORE_SCHEMA.withTags(realMapTag)

/** Alias nodes (`*name`) allowed in one front matter; articles hardly ever use any. */
const maxAliases = 100

/**
 * Front matter whose aliases expand it more than this many times its own
 * length (plus 10,000 characters, so short front matter may repeat a little)
 * is refused: "billion laughs".
 */
const maxExpansion = 10

/**
 * Split `text` into YAML front matter and body with gray-matter, YAML only.
 *
 * gray-matter would otherwise `eval` `---js` front matter and look engines up
 * on a plain object (`---constructor`), so the language is checked first and
 * every other engine is replaced by one that throws. Options are always passed,
 * which keeps gray-matter's module-level cache out of the way.
 *
 * @throws {FrontMatterError} when there is no usable YAML mapping on line 1.
 */
export function readFrontMatter(text: string, file?: string): FrontMatter {
  if (!/^---[ \t]*[^\n]*\n/.test(text)) {
    fail('front-matter-missing', 'no front matter: the file must start with a "---" line', file)
  }
  const language = text.slice(3, text.indexOf('\n')).trim().toLowerCase()
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    fail(
      'front-matter-language',
      `front matter language "${language.slice(0, 40)}" is not supported: only YAML is read (remove "${language.slice(0, 40)}" after the opening "---")`,
      file,
    )
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    fail('front-matter-unclosed', 'front matter is never closed: add a "---" line after it', file)
  }

  let data: unknown
  const parsed = matter(text, {
    language: 'yaml',
    engines: { yaml: { parse: (source) => ((data = parseYaml(source, file)), {}) }, js: refuse, javascript: refuse },
  } as Parameters<typeof matter>[1])
  if (data === undefined) data = new Map()
  if (!(data instanceof Map)) {
    fail(
      'front-matter-not-mapping',
      `front matter must be a YAML mapping of keys to values, not ${describe(data)}`,
      file,
    )
  }
  return { data, body: parsed.content }
}

function parseYaml(source: string, file: string | undefined): unknown {
  let documents: unknown[]
  try {
    documents = loadAll(source, { schema, maxAliases })
  } catch (error) {
    if (!(error instanceof YAMLException))
      return fail('front-matter-yaml', `front matter could not be read: ${firstLine(message(error))}`, file, error)
    const where = error.mark === undefined || error.mark === null ? '' : ` at line ${error.mark.line + 1}`
    return fail(
      'front-matter-yaml',
      `front matter is not valid YAML${where}: ${plainReason(error.reason)}`,
      file,
      error,
    )
  }
  if (documents.length > 1)
    fail(
      'front-matter-yaml',
      `front matter holds ${documents.length} YAML documents: keep one (remove the "..." lines)`,
      file,
    )
  const data = documents[0] ?? undefined
  let size: number
  try {
    size = expandedSize(data, new Map())
  } catch (cause) {
    return fail('front-matter-yaml', `front matter could not be read: ${firstLine(message(cause))}`, file, cause)
  }
  if (size > maxExpansion * source.length + 10_000) {
    fail(
      'front-matter-yaml',
      `front matter is refused: its aliases expand it more than ${maxExpansion} times (remove the "*" aliases)`,
      file,
    )
  }
  return data
}

/**
 * The size of `value` with its aliases expanded: string lengths, plus one per
 * node. An alias is the node it names, shared, so a few lines can stand for
 * gigabytes; the walk counts each node once (`sizes`), so it costs the
 * document's size, not its expansion. A cycle back to a node counts one.
 */
function expandedSize(value: unknown, sizes: Map<object, number>): number {
  if (typeof value === 'string') return value.length + 1
  if (typeof value !== 'object' || value === null) return 1
  const known = sizes.get(value)
  if (known !== undefined) return known
  sizes.set(value, 1)
  let size = 1
  if (value instanceof Map)
    for (const [key, item] of value) size += expandedSize(key, sizes) + expandedSize(item, sizes)
  else if (Array.isArray(value)) for (const item of value) size += expandedSize(item, sizes)
  sizes.set(value, size)
  return size
}

const refuse = {
  parse(): never {
    throw new FrontMatterError('ERR_FRONT_MATTER', 'infobox-search: JavaScript front matter is never evaluated', {
      problem: 'front-matter-language',
    })
  },
}

function fail(problem: FrontMatterProblem, reason: string, file: string | undefined, cause?: unknown): never {
  const where = file === undefined ? '' : ` in ${file}`
  throw new FrontMatterError('ERR_FRONT_MATTER', `Cannot read article${where}: ${reason}.`, {
    problem,
    ...(file === undefined ? {} : { file }),
    ...(cause === undefined ? {} : { cause }),
  })
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return `a ${typeof value}`
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The first line of an error, in plain words where the parser ran out of stack. */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? text
  return /call stack/i.test(line) ? 'it is nested too deeply' : line
}

/** js-yaml's reason for refusing a document, in plain words where it is about one of its limits. */
function plainReason(reason: string): string {
  if (/maxDepth/.test(reason)) return 'it is nested too deeply'
  if (/maxAliases/.test(reason)) return `it has more than ${maxAliases} aliases (remove the "*" aliases)`
  return firstLine(reason)
}
