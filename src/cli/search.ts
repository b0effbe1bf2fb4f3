import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { chunkedFormat } from '../core/chunkedFormat.js'
import { FileSystemError } from '../core/errors.js'
import { fileFetch } from '../node/fileFetch.js'
import { loadChunkedIndex } from '../search/chunked/loadChunkedIndex.js'
import { ChunkedIndex } from '../search/chunked/chunkedIndex.js'
import { loadIndex } from '../search/loadIndex.js'
import type { DateFilter, GeoFilter, SearchFilters, SearchOptions, SortOrder } from '../search/searchOptions.js'
import type { SearchIndex } from '../search/searchIndex.js'
import type { CliValues } from './main.js'
import { UsageError } from './usage.js'
import { terminalJson, terminalText } from './terminalText.js'

/** `infobox-search search <index> <query>`. */
export async function runSearch(args: readonly string[], values: CliValues): Promise<number> {
  const [file, ...words] = args
  if (file === undefined) throw new UsageError('search needs an index file and a query')
  const options: SearchOptions = {
    limit: count('limit', values.limit, 10),
    offset: count('offset', values.offset, 0),
    filters: parseFilters(values.filter ?? []),
    facets: (values.facets ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    ...(values.sort === undefined ? {} : { sort: values.sort as SortOrder }),
    ...(values.near === undefined ? {} : { near: parsePoint(values.near) }),
  }
  const index = await readIndex(file)
  const query = words.join(' ')
  const result = index instanceof ChunkedIndex ? await index.search(query, options) : index.search(query, options)
  if (values.json === true) {
    process.stdout.write(`${terminalJson(JSON.stringify(result, null, 2))}\n`)
    return 0
  }
  const out: string[] = [
    `${result.total} result(s)${result.total === result.totalUnfiltered ? '' : ` (${result.totalUnfiltered} before filters)`}`,
  ]
  result.hits.forEach((hit, i) => {
    const distance = hit.distance === undefined ? undefined : `${hit.distance} km away`
    const meta = terminalText([hit.date, hit.place, distance].filter(Boolean).join(' · '))
    out.push(
      '',
      `${(options.offset ?? 0) + i + 1}. ${terminalText(hit.title)}  [${terminalText(hit.id)}]  score ${hit.score.toFixed(2)}`,
    )
    if (meta !== '') out.push(`   ${meta}`)
    const fields = Object.entries(hit.fields).map(
      ([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
    )
    if (fields.length > 0) out.push(`   ${terminalText(fields.join(' · '))}`)
    if (hit.snippet.text !== '') out.push(`   ${mark(hit.snippet.text, hit.snippet.ranges)}`)
  })
  for (const [name, counts] of Object.entries(result.facets)) {
    out.push('', `${terminalText(name)}:`)
    for (const c of counts) out.push(`  ${terminalText(c.label ?? c.value)}  (${c.count})`)
  }
  process.stdout.write(`${out.join('\n')}\n`)
  return 0
}

/**
 * Read and load an index: a file, or a chunked index (its folder or its `index.json`).
 * @throws {FileSystemError} `ERR_IO` when it cannot be read; {IndexFormatError} when it is not an index.
 */
export async function readIndex(file: string): Promise<SearchIndex | ChunkedIndex> {
  const info = await stat(file).catch(() => undefined)
  if (info?.isDirectory() === true)
    return loadChunkedIndex(`${file.replace(/[\\/]*$/, '')}/index.json`, { fetch: fileFetch })
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new FileSystemError(
      'ERR_IO',
      `infobox-search: cannot read the index ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); build one with "infobox-search build <dir> --out ${file}".`,
      { file, cause: error },
    )
  }
  if (text.includes(`"format":"${chunkedFormat}"`)) return loadChunkedIndex(path.resolve(file), { fetch: fileFetch })
  return loadIndex(text)
}

function parseFilters(filters: readonly string[]): SearchFilters {
  // No prototype: a facet named __proto__ is a key like any other (and refused as unknown).
  const result = Object.create(null) as Record<string, readonly string[] | DateFilter | GeoFilter>
  for (const filter of filters) {
    const at = filter.indexOf('=')
    if (at <= 0) throw new UsageError(`--filter takes facet=value, received "${filter}"`)
    const name = filter.slice(0, at)
    const value = filter.slice(at + 1)
    if (name === 'coordinates') result['coordinates'] = parseArea(value)
    else if (name === 'date') {
      if (value.split('..').length > 2)
        throw new UsageError(`--filter date= takes a year, a date or a range from..to, received "${value}"`)
      const [from, to] = value.split('..')
      result['date'] = {
        ...(from ? { from } : {}),
        ...(to ? { to } : from && !value.includes('..') ? { to: from } : {}),
      }
    } else {
      const list = result[name]
      result[name] = [...(Array.isArray(list) ? (list as readonly string[]) : []), value]
    }
  }
  return result
}

/** `lat,lon,km` (within km of a point) or `west,south,east,north` (a box), in degrees. */
function parseArea(value: string): GeoFilter {
  const numbers = value.split(',').map(Number)
  if (numbers.every(Number.isFinite)) {
    const [first = 0, second = 0, third = 0, fourth = 0] = numbers
    if (numbers.length === 3) return { near: { lat: first, lon: second }, radius: third }
    if (numbers.length === 4) return { box: { west: first, south: second, east: third, north: fourth } }
  }
  throw new UsageError(
    `--filter coordinates= takes lat,lon,km (around a point) or west,south,east,north (a box), received "${value}"`,
  )
}

/** `lat,lon` in degrees. */
function parsePoint(value: string): { lat: number; lon: number } {
  const [lat, lon, ...rest] = value.split(',').map(Number)
  if (lat === undefined || lon === undefined || rest.length > 0 || !Number.isFinite(lat) || !Number.isFinite(lon))
    throw new UsageError(`--near takes lat,lon in degrees, received "${value}"`)
  return { lat, lon }
}

function count(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${option} takes a whole number, received "${value}"`)
  return n
}

/** Matches in «» on a plain terminal, bold on a TTY. */
function mark(text: string, ranges: readonly (readonly [number, number])[]): string {
  const [open, close] = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['«', '»']
  let out = ''
  let at = 0
  // Each piece made safe on its own: the only escape sequences written are the ones above.
  for (const [start, end] of ranges) {
    out += terminalText(text.slice(at, start)) + open + terminalText(text.slice(start, end)) + close
    at = end
  }
  return out + terminalText(text.slice(at))
}
