import { ownEntry } from '../../core/guards.js'
import type { FacetTable } from '../../core/indexData.js'
import { nameKey, valueNames } from '../facets/valueNames.js'

/** The values of one facet a name stands for, those with more articles first. */
export interface NamedValues {
  readonly facet: string
  readonly values: readonly string[]
  /** The display label of the first value. */
  readonly label: string
}

/** Name (`nameKey`) → the facet values it stands for, facet by facet. */
export type NameIndex = ReadonlyMap<string, readonly NamedValues[]>

/** A name index as JSON: `[name, [facet, values, label][]][]`, names sorted. */
export type NameIndexJSON = [string, [string, string[], string][]][]

/** Words that name a kind of infobox, recognised in a query when the index has that kind. */
const kindWords: Readonly<Record<string, readonly string[]>> = {
  'military conflict': [
    'battle',
    'battles',
    'war',
    'wars',
    'siege',
    'sieges',
    'campaign',
    'campaigns',
    'conflict',
    'conflicts',
  ],
  person: ['person', 'people', 'biography', 'biographies'],
  settlement: ['city', 'cities', 'town', 'towns', 'village', 'villages', 'settlement', 'settlements'],
  country: ['country', 'countries'],
  building: ['building', 'buildings'],
  film: ['film', 'films', 'movie', 'movies'],
}

/**
 * The names a query may use for facet values: every value of `facets`, by
 * itself, its label and its aliases; and for `kind`, words such as
 * "battles" or "towns". The same index for one file and for chunks: the
 * chunked build writes it, in files by the first character of the name.
 */
export function buildNameIndex(
  tables: Readonly<Record<string, FacetTable | undefined>>,
  facets: readonly string[],
): NameIndex {
  const index = new Map<string, NamedValues[]>()
  const add = (key: string, facet: string, values: readonly string[]) => {
    const [first] = values
    if (key === '' || first === undefined) return
    const named: NamedValues = { facet, values, label: ownEntry(tables[facet]?.labels, first) ?? first }
    const entries = index.get(key)
    if (entries === undefined) index.set(key, [named])
    else if (!entries.some((entry) => entry.facet === facet)) entries.push(named)
  }
  for (const facet of facets) {
    const table = tables[facet]
    if (table === undefined) continue
    for (const [key, values] of valueNames(table)) add(key, facet, values)
    if (facet !== 'kind') continue
    for (const [kind, words] of Object.entries(kindWords)) {
      if (table.values.includes(kind)) for (const word of words) add(nameKey(word), facet, [kind])
    }
  }
  return index
}

/** A name index as JSON (`NameIndexJSON`). */
export function serializeNameIndex(index: NameIndex): NameIndexJSON {
  return [...index]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, entries]) => [key, entries.map(({ facet, values, label }) => [facet, [...values], label])])
}
