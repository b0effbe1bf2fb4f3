import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'
import { FileSystemError } from '../core/errors.js'
import type { Diagnostic } from '../parse/article.js'

/** An article file to read, and the id its article gets unless front matter says otherwise. */
export interface ArticleFile {
  readonly path: string
  readonly id: string
}

const markdownFile = /\.(md|markdown)$/i

/** Options of `findArticleFiles`. */
export interface FindArticleFilesOptions {
  /** The folder relative inputs are resolved against. @default '.' */
  readonly cwd?: string
  /** Follow symbolic links that lead outside an input's folder too. @default false */
  readonly followSymlinks?: boolean
}

/** The article files found, and the paths skipped, each with a warning naming it. */
export interface FoundArticleFiles {
  readonly files: ArticleFile[]
  readonly skipped: Diagnostic[]
}

/**
 * Expand inputs into article files, sorted by id so builds are reproducible.
 * - a directory: every `.md`/`.markdown` file below it; id = path relative to
 *   it without the extension (`battles/cannae`), and `x/index.md` → `x`;
 * - a file: read whatever its extension; id = its base name without extension;
 * - a glob (`content/**\/*.md`): matching files; ids relative to the glob's static base.
 *
 * Symbolic links, in directories and globs alike, are followed when they lead
 * inside the input's folder (the directory, or the glob's static base), and
 * skipped with a warning when they lead outside it, unless `followSymlinks`.
 * A file reached twice (two links to it, or a loop of folders) is read once,
 * by its first path; each other path is skipped with a warning. Files named
 * as inputs are read wherever their links lead.
 * @throws {FileSystemError} `ERR_IO` when an input does not exist or matches nothing.
 */
export async function findArticleFiles(
  inputs: readonly string[],
  options: FindArticleFilesOptions = {},
): Promise<FoundArticleFiles> {
  const cwd = options.cwd ?? '.'
  const found: { file: ArticleFile; root: string | undefined }[] = []
  for (const input of inputs) {
    const resolved = path.resolve(cwd, input)
    const info = await stat(resolved).catch(() => undefined)
    if (info?.isFile()) {
      found.push({ file: { path: resolved, id: idOf(path.basename(resolved)) }, root: undefined })
    } else if (info?.isDirectory()) {
      const matches = await glob('**/*.{md,markdown,MD,Markdown}', {
        cwd: resolved,
        absolute: false,
        dot: false,
        followSymbolicLinks: true,
      })
      for (const file of matches)
        if (markdownFile.test(file))
          found.push({ file: { path: path.join(resolved, file), id: idOf(file) }, root: resolved })
    } else if (isDynamicPattern(input)) {
      const base = globBase(input)
      const root = path.resolve(cwd, base)
      const matches = await glob(input, { cwd, absolute: true, onlyFiles: true, followSymbolicLinks: true })
      for (const file of matches) found.push({ file: { path: file, id: idOf(path.relative(root, file)) }, root })
      if (matches.length === 0)
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
  found.sort((a, b) => (a.file.id < b.file.id ? -1 : a.file.id > b.file.id ? 1 : a.file.path < b.file.path ? -1 : 1))
  const files: ArticleFile[] = []
  const skipped: Diagnostic[] = []
  const realRoots = new Map<string, string>()
  const kept: { file: ArticleFile; real: string }[] = []
  for (const { file, root } of found) {
    const real = await realpath(file.path).catch(() => undefined)
    if (real === undefined) continue
    if (root !== undefined && options.followSymlinks !== true) {
      let realRoot = realRoots.get(root)
      if (realRoot === undefined) realRoots.set(root, (realRoot = await realpath(root).catch(() => root)))
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
        skipped.push(
          skip(
            file.path,
            `it is a link to ${real}, outside ${root}; links out of an input's folder are not followed (--follow-symlinks follows them)`,
          ),
        )
        continue
      }
    }
    kept.push({ file, real })
  }
  // A file reached by several paths is read by the one without a link, else the first.
  const chosen = new Map<string, string>()
  for (const { file, real } of kept) if (file.path === real || !chosen.has(real)) chosen.set(real, file.path)
  for (const { file, real } of kept) {
    const path = chosen.get(real) as string
    if (path === file.path) files.push(file)
    else
      skipped.push(
        skip(file.path, `it is the same file as ${path} (a link to it, or a loop of folders); it is read once`),
      )
  }
  return { files, skipped }
}

/**
 * The article files of `inputs` (see `findArticleFiles`, which also says which
 * paths were skipped and why).
 * @throws {FileSystemError} `ERR_IO` when an input does not exist or matches nothing.
 */
export async function listArticleFiles(inputs: readonly string[], cwd = '.'): Promise<ArticleFile[]> {
  return (await findArticleFiles(inputs, { cwd })).files
}

function skip(file: string, reason: string): Diagnostic {
  return { severity: 'warning', code: 'link-skipped', message: `not read: ${reason}.`, file }
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
