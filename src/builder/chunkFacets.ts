import type { ChunkedFacet, DatesFacetFile, SinglesFacetFile, ValuesFacetFile } from '../core/chunkedFormat.js'
import { contentHash } from '../core/contentHash.js'
import type { FacetData, FacetTable, GeoTable } from '../core/indexData.js'
import { ownEntry } from '../core/guards.js'
import type { ChunkFile } from './chunkIndex.js'

/**
 * The facet files of a chunked index, and where each facet's are (the
 * generator's return value). A facet of values is two files: the values
 * several documents have (`file`), and those of one document only
 * (`singles`, when it has any), which a search fetches only when its counts
 * reach them or a filter names one; place has one more file per hierarchy
 * level. The dates and the coordinates are a file each.
 */
export function* facetFiles(facets: FacetData): Generator<ChunkFile, Record<string, ChunkedFacet>, undefined> {
  const found: Record<string, ChunkedFacet> = {}
  const levels = new Map<string, string[]>()
  for (const [name, table] of Object.entries(facets.tables)) {
    const prefix = `facets/${name.replace('@', '.level')}`
    const level = /^(.+)@(\d+)$/.exec(name)
    if (level !== null) {
      // Levels are counted whole: a few values each (countries, regions).
      const file = named(`${prefix}-`, JSON.stringify(valuesFile(table)))
      yield file
      const list = levels.get(level[1] as string) ?? []
      list[Number(level[2])] = file.path
      levels.set(level[1] as string, list)
      continue
    }
    const { shared, singles } = splitSingles(table)
    const file = named(`${prefix}-`, JSON.stringify(valuesFile(shared)))
    yield file
    if (singles.values.length === 0) {
      found[name] = { kind: 'values', file: file.path }
      continue
    }
    const singlesFile = named(`${prefix}.singles-`, JSON.stringify(singles))
    yield singlesFile
    found[name] = { kind: 'values', file: file.path, singles: singlesFile.path }
  }
  for (const [name, list] of levels) {
    const facet = found[name]
    if (facet !== undefined) found[name] = { ...facet, levels: list }
  }
  const { start, end } = facets.date
  const span = start.map((key, doc) => {
    const last = end[doc]
    return key === null || last === null || last === undefined ? null : last - key
  })
  const date = named('facets/date-', JSON.stringify({ start, span } satisfies DatesFacetFile))
  yield date
  found['date'] = { kind: 'dates', file: date.path }
  const coordinates = named('facets/coordinates-', JSON.stringify(facets.geo satisfies GeoTable))
  yield coordinates
  found['coordinates'] = { kind: 'geo', file: coordinates.path }
  return found
}

/**
 * A table's values of several documents (a table of its own), and those of
 * one document only, each with that document; labels and aliases go with
 * their values.
 */
function splitSingles(table: FacetTable): { shared: FacetTable; singles: SinglesFacetFile } {
  const shared = { values: [] as string[], docs: [] as (readonly number[])[] }
  const singles = { values: [] as string[], docs: [] as number[] }
  table.values.forEach((value, at) => {
    const docs = table.docs[at] ?? []
    if (docs.length === 1) {
      singles.values.push(value)
      singles.docs.push(docs[0] as number)
    } else {
      shared.values.push(value)
      shared.docs.push(docs)
    }
  })
  return {
    shared: { ...shared, ...namesOf(table, shared.values) },
    singles: { ...singles, ...namesOf(table, singles.values) },
  }
}

/** The labels and aliases `table` gives `values` (each key only when some value has one). */
function namesOf(table: FacetTable, values: readonly string[]): Pick<FacetTable, 'labels' | 'aliases'> {
  // Built from entries: a value may be any text, `__proto__` included.
  const labels = values.flatMap((value) => {
    const label = ownEntry(table.labels, value)
    return label === undefined ? [] : [[value, label] as const]
  })
  const aliases = values.flatMap((value) => {
    const names = ownEntry(table.aliases, value)
    return names === undefined ? [] : [[value, names] as const]
  })
  return {
    ...(table.labels === undefined || labels.length === 0 ? {} : { labels: Object.fromEntries(labels) }),
    ...(table.aliases === undefined || aliases.length === 0 ? {} : { aliases: Object.fromEntries(aliases) }),
  }
}

/** A table as its file stores it: each value's documents as deltas (the first is the document itself). */
function valuesFile(table: FacetTable): ValuesFacetFile {
  return {
    values: table.values,
    deltas: table.docs.map((docs) => docs.map((doc, at) => (at === 0 ? doc : doc - (docs[at - 1] as number)))),
    ...(table.labels === undefined ? {} : { labels: table.labels }),
    ...(table.aliases === undefined ? {} : { aliases: table.aliases }),
  }
}

/** A file named by the hash of its content. */
export function named(prefix: string, content: string): ChunkFile {
  return { path: `${prefix}${contentHash(content)}.json`, content }
}
