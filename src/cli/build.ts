import { resolveBuildSettings } from './buildSettings.js'
import type { CliValues } from './main.js'

/** `infobox-search build`: one build, or a build and rebuilds on changes with `--watch`. */
export async function runBuild(inputs: readonly string[], values: CliValues): Promise<number> {
  // Settings first: a usage or config mistake is reported before the parsers are loaded.
  const settings = await resolveBuildSettings(inputs, values, process.cwd())
  if (settings.watch) return (await import('./watchBuild.js')).watchBuild(settings)
  const { buildOnce } = await import('./buildOnce.js')
  // Ctrl-C (or SIGTERM) stops the build where it is: temporary files are removed, the previous
  // index and cache are left as they were. A second one ends the process at once.
  const controller = new AbortController()
  const stop = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
    controller.abort(signal)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  try {
    return await buildOnce(settings, controller.signal)
  } catch (error) {
    if (!controller.signal.aborted) throw error
    process.stderr.write('infobox-search: interrupted; nothing was written (the previous index is unchanged).\n')
    return controller.signal.reason === 'SIGTERM' ? 143 : 130
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}
