import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { chunkedFormat, chunkedFormatVersion } from '../core/chunkedFormat.js'
import { indexFormat, indexFormatVersion } from '../core/envelope.js'
import { searchFields, type IndexOptions } from '../core/options.js'
import { version } from '../core/version.js'
import { readDatesFile, readPointsFile, readSinglesFile, readValuesFile } from '../search/chunked/checkChunk.js'
import { ChunkedIndex } from '../search/chunked/chunkedIndex.js'
import type { SearchIndex } from '../search/searchIndex.js'
import { formatBytes } from './formatBytes.js'
import type { CliValues } from './main.js'
import { readIndex } from './search.js'
import { UsageError } from './usage.js'
import { terminalJson, terminalText } from './terminalText.js'

/** What `inspect` reports of an index. */
interface IndexInfo {
  readonly format: string
  readonly version: number
  readonly generator: string
  readonly articles: number
  readonly dated: number
  /** Articles with coordinates. */
  readonly located: number
  readonly fields: readonly string[]
  readonly options: IndexOptions
  /** Values per facet (dated articles for `date`, articles with coordinates for `coordinates`). */
  readonly facets: Readonly<Record<string, number>>
  readonly bytes: number
  /** Files of a chunked index, the manifest included. */
  readonly files?: number
}

/** `infobox-search inspect <index>`: what is in an index file or a chunked index's folder. */
export async function runInspect(args: readonly string[], values: CliValues): Promise<number> {
  const [file] = args
  if (file === undefined) throw new UsageError('inspect needs an index file or a chunked index folder')
  const index = await readIndex(file)
  const info = index instanceof ChunkedIndex ? await chunkedInfo(index, file) : await singleFileInfo(index, file)
  if (values.json === true) {
    process.stdout.write(`${terminalJson(JSON.stringify(info, null, 2))}\n`)
    return 0
  }
  const kind = info.files === undefined ? 'index' : `chunked index of ${info.files} files`
  process.stdout.write(
    [
      `${terminalText(file)}: infobox-search ${kind}, format version ${info.version}, written by ${terminalText(info.generator)}`,
      `articles: ${info.articles} (${info.dated} with a date, ${info.located} with coordinates)`,
      `fields:   ${info.fields.join(', ')}; body profile "${info.options.body}"`,
      `facets:   ${Object.entries(info.facets)
        .map(([name, count]) => `${terminalText(name)} (${count})`)
        .join(', ')}`,
      `size:     ${formatBytes(info.bytes)}`,
    ].join('\n') + '\n',
  )
  return 0
}

async function singleFileInfo(index: SearchIndex, file: string): Promise<IndexInfo> {
  const dated = index.data.facets.date.start.filter((start) => start !== null).length
  const located = index.data.facets.geo.lat.filter((lat) => lat !== null).length
  const facets = Object.fromEntries(
    Object.entries(index.data.facets.tables).map(([name, table]) => [name, table.values.length]),
  )
  return {
    format: indexFormat,
    version: indexFormatVersion,
    generator: index.data.generator ?? `infobox-search@${version}`,
    articles: index.documentCount,
    dated,
    located,
    fields: [...searchFields],
    options: index.options,
    facets: { ...facets, date: dated, coordinates: located },
    bytes: (await stat(file)).size,
  }
}

async function chunkedInfo(index: ChunkedIndex, given: string): Promise<IndexInfo> {
  const { manifest } = index
  const folder = (await stat(given)).isDirectory() ? given : path.dirname(given)
  const read = async (file: string): Promise<unknown> => JSON.parse(await readFile(path.join(folder, file), 'utf8'))
  const facets: Record<string, number> = {}
  let dated = 0
  let located = 0
  for (const [name, facet] of Object.entries(manifest.facets)) {
    // Checked as a search checks them: a file of the wrong shape is an IndexFormatError, not a TypeError.
    if (facet.kind === 'dates')
      facets[name] = dated = readDatesFile(await read(facet.file), facet.file, manifest.documentCount).start.filter(
        (start) => start !== null,
      ).length
    else if (facet.kind === 'geo')
      facets[name] = located = readPointsFile(await read(facet.file), facet.file, manifest.documentCount).lat.filter(
        (lat) => lat !== null,
      ).length
    else {
      const shared = readValuesFile(await read(facet.file), facet.file, manifest.documentCount)
      // A facet's values of one article are a file of their own.
      const whole =
        facet.singles === undefined
          ? shared
          : readSinglesFile(await read(facet.singles), facet.singles, manifest.documentCount, shared)
      facets[name] = whole.values.length
    }
  }
  const { files, bytes } = await folderSize(folder)
  return {
    format: chunkedFormat,
    version: chunkedFormatVersion,
    generator: manifest.generator,
    articles: manifest.documentCount,
    dated,
    located,
    fields: [...searchFields],
    options: manifest.options,
    facets,
    bytes,
    files,
  }
}

/** Files and bytes below `folder`. */
async function folderSize(folder: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  let files = 0
  let bytes = 0
  for (const entry of entries) {
    if (!entry.isFile()) continue
    files++
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size
  }
  return { files, bytes }
}
