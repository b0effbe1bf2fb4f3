import { stat } from 'node:fs/promises'
import path from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'
import { FileSystemError } from '../core/errors.js'

/** An article file to read, and the id its article gets unless front matter says otherwise. */
export interface ArticleFile {
  readonly path: string
  readonly id: string
}

const markdownFile = /\.(md|markdown)$/i

/**
 * Expand inputs into article files, sorted by id so builds are reproducible.
 * - a directory: every `.md`/`.markdown` file below it; id = path relative to
 *   it without the extension (`battles/cannae`), and `x/index.md` → `x`;
 * - a file: read whatever its extension; id = its base name without extension;
 * - a glob (`content/**\/*.md`): matching files; ids relative to the glob's static base.
 * @throws {FileSystemError} `ERR_IO` when an input does not exist or matches nothing.
 */
export async function listArticleFiles(inputs: readonly string[], cwd = '.'): Promise<ArticleFile[]> {
  const files: ArticleFile[] = []
  for (const input of inputs) {
    const resolved = path.resolve(cwd, input)
    const info = await stat(resolved).catch(() => undefined)
    if (info?.isFile()) {
      files.push({ path: resolved, id: idOf(path.basename(resolved)) })
    } else if (info?.isDirectory()) {
      const found = await glob('**/*.{md,markdown,MD,Markdown}', {
        cwd: resolved,
        absolute: false,
        dot: false,
        followSymbolicLinks: false,
      })
      for (const file of found)
        if (markdownFile.test(file)) files.push({ path: path.join(resolved, file), id: idOf(file) })
    } else if (isDynamicPattern(input)) {
      const base = globBase(input)
      const found = await glob(input, { cwd, absolute: true, onlyFiles: true })
      for (const file of found) files.push({ path: file, id: idOf(path.relative(path.resolve(cwd, base), file)) })
      if (found.length === 0)
        throw new FileSystemError('ERR_IO', `infobox-search: the pattern "${input}" matches no file.`, {
          received: input,
        })
    } else {
      throw new FileSystemError(
        'ERR_IO',
        `infobox-search: "${input}" does not exist; give a directory, a file or a glob pattern.`,
        { file: input },
      )
    }
  }
  return files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.path < b.path ? -1 : 1))
}

/** `battles/cannae.md` → `battles/cannae`; `cannae/index.md` → `cannae`. */
function idOf(relative: string): string {
  const withoutExtension = relative
    .split(path.sep)
    .join('/')
    .replace(/\.[^./]+$/, '')
  return withoutExtension.endsWith('/index') ? withoutExtension.slice(0, -'/index'.length) : withoutExtension
}

/** The directories of a glob before its first magic segment (`content/**\/*.md` → `content`). */
export function globBase(pattern: string): string {
  const parts = pattern.split('/')
  const index = parts.findIndex((part) => isDynamicPattern(part))
  return parts.slice(0, index < 0 ? parts.length - 1 : index).join('/') || '.'
}
