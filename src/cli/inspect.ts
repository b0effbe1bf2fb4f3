import { stat } from 'node:fs/promises'
import { searchFields } from '../core/options.js'
import { formatBytes } from './formatBytes.js'
import type { CliValues } from './main.js'
import { readIndex } from './search.js'
import { UsageError } from './usage.js'
import { indexFormatVersion } from '../core/envelope.js'
import { version } from '../core/version.js'

/** `infobox-search inspect <index>`: what is in an index file. */
export async function runInspect(args: readonly string[], values: CliValues): Promise<number> {
  const [file] = args
  if (file === undefined) throw new UsageError('inspect needs an index file')
  const index = await readIndex(file)
  const { size } = await stat(file)
  const dated = index.data.facets.date.start.filter((s) => s !== null).length
  const facets = Object.fromEntries(
    Object.entries(index.data.facets.tables).map(([name, table]) => [name, table.values.length]),
  )
  const info = {
    format: 'infobox-search',
    version: indexFormatVersion,
    generator: index.data.generator ?? `infobox-search@${version}`,
    articles: index.documentCount,
    fields: [...searchFields],
    options: index.options,
    facets: { ...facets, date: dated },
    bytes: size,
  }
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(info, null, 2)}\n`)
    return 0
  }
  process.stdout.write(
    [
      `${file}: infobox-search index, format version ${info.version}, written by ${info.generator}`,
      `articles: ${info.articles} (${dated} with a date)`,
      `fields:   ${info.fields.join(', ')}; body profile "${index.options.body}"`,
      `facets:   ${Object.entries(info.facets)
        .map(([n, c]) => `${n} (${c})`)
        .join(', ')}`,
      `size:     ${formatBytes(size)}`,
    ].join('\n') + '\n',
  )
  return 0
}
