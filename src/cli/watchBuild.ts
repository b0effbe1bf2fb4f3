import { existsSync } from 'node:fs'
import path from 'node:path'
import { isDynamicPattern } from 'tinyglobby'
import { InfoboxSearchError } from '../core/errors.js'
import { globBase } from '../node/listArticleFiles.js'
import { watchInputs, type InputWatcher } from '../node/watchInputs.js'
import { temporaryPrefix } from '../node/writeFileAtomic.js'
import { buildOnce } from './buildOnce.js'
import type { BuildSettings } from './buildSettings.js'
import { terminalLines, terminalText } from './terminalText.js'

/**
 * `build --watch`: build, then rebuild whenever an input changes (debounced;
 * changes during a build queue one more build). A failed build is reported
 * and watching goes on. Ctrl-C (or SIGTERM) stops the current build and
 * resolves to exit code 0.
 */
export async function watchBuild(settings: BuildSettings): Promise<number> {
  const { stderr } = process
  const controller = new AbortController()
  let running: Promise<void> = Promise.resolve()
  let busy = false
  let again = false

  /** Build until no change came in meanwhile. Never rejects: problems are printed. */
  const rebuild = async (): Promise<void> => {
    busy = true
    do {
      again = false
      await buildOnce(settings, controller.signal).catch((error: unknown) => {
        if (controller.signal.aborted) return
        if (error instanceof InfoboxSearchError) stderr.write(`${terminalLines(error.message)}\n`)
        else
          stderr.write(
            `infobox-search: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
          )
      })
    } while (again && !controller.signal.aborted)
    busy = false
  }

  const temporary = settings.outPath === undefined ? undefined : temporaryPrefix(settings.outPath)
  const within = (folder: string | undefined, file: string) =>
    folder !== undefined && (file === folder || file.startsWith(folder + path.sep))
  const ignore = (file: string): boolean =>
    file === settings.outPath ||
    (temporary !== undefined && path.basename(file).startsWith(temporary) && file.endsWith('.tmp')) ||
    within(settings.cache, file) ||
    within(settings.chunkedPath, file)

  const stop = (): void => controller.abort()
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // An input moved or removed ends the watch with an error: its watcher may stop without a word
  // (then nothing kept the process alive, and it exited 0 silently). Checked every second.
  let lost: string | undefined
  const roots = settings.inputs.map((input) => ({
    input,
    root: path.resolve(settings.base, isDynamicPattern(input) ? globBase(input) : input),
  }))
  const alive = setInterval(() => {
    const gone = roots.find(({ root }) => !existsSync(root))
    if (gone === undefined || controller.signal.aborted) return
    lost = gone.input
    controller.abort()
  }, 1000)
  let watcher: InputWatcher | undefined
  try {
    running = rebuild()
    watcher = await watchInputs({
      inputs: settings.inputs,
      cwd: settings.base,
      ignore,
      onChange: (files) => {
        if (controller.signal.aborted) return
        if (!settings.quiet)
          stderr.write(
            `infobox-search: ${files.length === 1 ? terminalText(files[0] ?? '') : `${files.length} files`} changed; rebuilding\n`,
          )
        if (busy) again = true
        else running = rebuild()
      },
    })
    await running
    const tip = settings.cache === undefined ? ' (--cache <dir> makes rebuilds faster)' : ''
    if (!settings.quiet && !controller.signal.aborted)
      stderr.write(`infobox-search: watching for changes${tip}; press Ctrl-C to stop\n`)
    if (!controller.signal.aborted)
      await new Promise((resolve) => controller.signal.addEventListener('abort', resolve, { once: true }))
  } finally {
    clearInterval(alive)
    watcher?.close()
    controller.abort()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await running
  }
  if (lost === undefined) return 0
  stderr.write(`infobox-search: the input "${terminalText(lost)}" was moved or removed; stopped watching.\n`)
  return 2
}
