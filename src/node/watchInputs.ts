import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { isDynamicPattern } from 'tinyglobby'
import { globBase } from './listArticleFiles.js'

/** Options of `watchInputs`. */
export interface WatchInputsOptions {
  /** Directories, files or globs, as given to `listArticleFiles`. */
  readonly inputs: readonly string[]
  /** The folder relative inputs are resolved against. */
  readonly cwd: string
  /** Paths whose changes never matter (the output file, the cache folder). */
  readonly ignore: (file: string) => boolean
  /** Called once changes have settled for `debounce` ms, with the changed paths. */
  readonly onChange: (files: readonly string[]) => void
  /** @default 150 */
  readonly debounce?: number
}

/** Watching inputs; `close()` stops it. */
export interface InputWatcher {
  close(): void
}

const markdown = /\.(md|markdown)$/i

/**
 * Watch inputs for changes: directories recursively (Markdown files, and
 * folders being added or removed), files through their parent folder (so
 * editors that replace a file are seen), globs from their static base.
 */
export async function watchInputs(options: WatchInputsOptions): Promise<InputWatcher> {
  const watchers: FSWatcher[] = []
  const changed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const settle = (): void => {
    timer = undefined
    const files = [...changed]
    changed.clear()
    options.onChange(files)
  }
  const listen = (directory: string, recursive: boolean, relevant: (name: string) => boolean): void => {
    const watcher = watch(directory, { recursive }, (_event, name) => {
      const file = name === null ? directory : path.join(directory, name.toString())
      if (name !== null && !relevant(name.toString())) return
      if (options.ignore(file)) return
      changed.add(file)
      clearTimeout(timer)
      timer = setTimeout(settle, options.debounce ?? 150)
    })
    watcher.on('error', () => undefined)
    watchers.push(watcher)
  }
  for (const input of options.inputs) {
    const resolved = path.resolve(options.cwd, input)
    const info = await stat(resolved).catch(() => undefined)
    if (info?.isDirectory()) listen(resolved, true, (name) => markdown.test(name) || path.extname(name) === '')
    else if (info?.isFile()) listen(path.dirname(resolved), false, (name) => name === path.basename(resolved))
    else if (isDynamicPattern(input)) listen(path.resolve(options.cwd, globBase(input)), true, () => true)
  }
  return {
    close() {
      clearTimeout(timer)
      for (const watcher of watchers) watcher.close()
    },
  }
}
