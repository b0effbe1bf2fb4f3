import { readFile } from 'node:fs/promises'
import type { Article, Diagnostic } from '../parse/article.js'
import { safeParseArticle } from '../parse/parseArticle.js'
import type { ArticleFile } from './listArticleFiles.js'

/** An article read from disk, or why it could not be. */
export interface ReadArticleResult {
  readonly file: string
  readonly article?: Article
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Read and parse one article file. Never throws for a bad file: unreadable,
 * binary or unparseable files come back as error diagnostics naming the file.
 * UTF-8 (with or without BOM) and UTF-16 with a BOM are read; invalid UTF-8
 * is decoded with U+FFFD and reported.
 */
export async function readArticleFile(file: ArticleFile): Promise<ReadArticleResult> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file.path)
  } catch (error) {
    return unreadableArticle(file.path, error)
  }
  return parseArticleBytes(bytes, file)
}

/** The result for a file that could not be read (`error` from `readFile`). */
export function unreadableArticle(file: string, error: unknown): ReadArticleResult {
  return failed(file, 'unreadable', `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
}

/** The decoding and parsing half of `readArticleFile`, for bytes already read. */
export function parseArticleBytes(bytes: Uint8Array, file: ArticleFile): ReadArticleResult {
  const decoded = decode(bytes)
  if (decoded === undefined) return failed(file.path, 'binary-file', 'the file is binary, not text')
  const result = safeParseArticle(decoded.text, { id: file.id, file: file.path })
  const diagnostics =
    decoded.warning === undefined ? result.diagnostics : [warning(file.path, decoded.warning), ...result.diagnostics]
  return result.success ? { file: file.path, article: result.article, diagnostics } : { file: file.path, diagnostics }
}

function decode(bytes: Uint8Array): { text: string; warning?: string } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) }
  if (looksBinary(bytes.subarray(0, 8192))) return undefined
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      warning: 'the file is not valid UTF-8; bad bytes were replaced with U+FFFD',
    }
  }
}

/**
 * Control bytes that text never holds (NUL, and C0 controls other than tab,
 * line ends, form feed and escape) in more than 1% of the first bytes: an
 * image, an archive, compressed data. Random bytes have about 9% of them; a
 * few stray NULs in a text file are tolerated.
 */
function looksBinary(head: Uint8Array): boolean {
  let controls = 0
  for (const byte of head) if (byte < 0x20 && !textControls.has(byte)) controls++
  return controls > head.length / 100 + 2
}

/** Tab, line feed, vertical tab, form feed, carriage return, escape. */
const textControls: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b])

function failed(file: string, code: string, reason: string): ReadArticleResult {
  return {
    file,
    diagnostics: [{ severity: 'error', code, message: `Cannot read article in ${file}: ${reason}.`, file }],
  }
}

function warning(file: string, message: string): Diagnostic {
  return { severity: 'warning', code: 'encoding', message, file }
}
