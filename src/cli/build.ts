import { resolveBuildSettings } from './buildSettings.js'
import type { CliValues } from './main.js'

/** `infobox-search build`: one build, or a build and rebuilds on changes with `--watch`. */
export async function runBuild(inputs: readonly string[], values: CliValues): Promise<number> {
  // Settings first: a usage or config mistake is reported before the parsers are loaded.
  const settings = await resolveBuildSettings(inputs, values, process.cwd())
  if (settings.watch) return (await import('./watchBuild.js')).watchBuild(settings)
  return (await import('./buildOnce.js')).buildOnce(settings)
}
