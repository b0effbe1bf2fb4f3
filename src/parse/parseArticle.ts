import { FrontMatterError } from '../core/errors.js'
import type { Article, Diagnostic } from './article.js'
import { readFrontMatter } from './frontMatter.js'
import { normalizeCharacters } from './normalizeCharacters.js'
import { toArticle } from './toArticle.js'

export interface ParseArticleOptions {
  /** Id used when the front matter has no `id`. Default: a slug of the title. */
  readonly id?: string
  /** Where the text came from; named in diagnostics and errors. */
  readonly file?: string
}

/** Result of `safeParseArticle`: an article, or the reason there is none. */
export type ParseArticleResult =
  | { readonly success: true; readonly article: Article; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly success: false
      readonly article?: undefined
      readonly diagnostics: readonly [Diagnostic, ...Diagnostic[]]
    }

/**
 * Parse one article: YAML front matter (title, shortDescription, description,
 * author, img, infoboxes) and a Markdown body.
 *
 * Text is normalised first: a byte-order mark is dropped, CRLF and CR become
 * LF, NUL bytes and lone surrogates become U+FFFD. Fields of the wrong type
 * are reported in `article.diagnostics` and ignored.
 *
 * @example
 * const article = parseArticle(text, { id: 'battle-of-cannae' })
 * article.infoboxes[0]?.date?.text // '2 August 216 BC'
 *
 * @throws {FrontMatterError} when the text has no readable YAML front matter.
 */
export function parseArticle(text: string, options: ParseArticleOptions = {}): Article {
  const clean = normalizeText(text)
  const { data, body } = readFrontMatter(clean, options.file)
  return toArticle(data, body, options.id, options.file)
}

/**
 * Like `parseArticle`, but never throws for bad content: the problem is
 * returned as an error diagnostic instead.
 */
export function safeParseArticle(text: string, options: ParseArticleOptions = {}): ParseArticleResult {
  try {
    const article = parseArticle(text, options)
    return { success: true, article, diagnostics: article.diagnostics }
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: error.problem,
      message: error.message,
      ...(options.file === undefined ? {} : { file: options.file }),
    }
    return { success: false, diagnostics: [diagnostic] }
  }
}

function normalizeText(text: string): string {
  return normalizeCharacters(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
}
