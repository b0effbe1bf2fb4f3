import matter from 'gray-matter'
import { parseDocument } from 'yaml'
import { FrontMatterError } from '../errors.js'

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

/** Aliases expanded at most this many times: bounds "billion laughs" documents. */
const maxAliasCount = 100

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
    engines: { yaml: { parse: (source) => (data = parseYaml(source, file), {}) }, js: refuse, javascript: refuse },
  } as Parameters<typeof matter>[1])
  if (data === undefined) data = new Map()
  if (!(data instanceof Map)) {
    fail('front-matter-not-mapping', `front matter must be a YAML mapping of keys to values, not ${describe(data)}`, file)
  }
  return { data, body: parsed.content }
}

function parseYaml(source: string, file: string | undefined): unknown {
  let document
  try {
    document = parseDocument(source, { schema: 'core', uniqueKeys: true, prettyErrors: false })
  } catch (error) {
    return fail('front-matter-yaml', `front matter is not valid YAML (${message(error)})`, file, error)
  }
  const [error] = document.errors
  if (error !== undefined) {
    const line = source.slice(0, error.pos[0]).split('\n').length
    fail('front-matter-yaml', `front matter is not valid YAML at line ${line}: ${firstLine(error.message).replace(/\.$/, '')}`, file, error)
  }
  try {
    return document.toJS({ mapAsMap: true, maxAliasCount }) ?? undefined
  } catch (cause) {
    return fail('front-matter-yaml', `front matter could not be read: ${firstLine(message(cause))}`, file, cause)
  }
}

const refuse = {
  parse(): never {
    throw new FrontMatterError('ERR_FRONT_MATTER', 'infobox-search: JavaScript front matter is never evaluated', { problem: 'front-matter-language' })
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

/** The first line of a YAML error, in plain words where the parser ran out of stack. */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? text
  return /call stack/i.test(line) ? 'it is nested too deeply' : line
}
