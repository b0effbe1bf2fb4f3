import type { FacetTable } from '../core/indexData.js'
import { nameKey } from '../search/facets/valueNames.js'
import { nameRows, type NameRow } from '../search/query/nameRows.js'
import { isName } from '../search/query/understandQuery.js'

/** Says a `facets.json` was written by `infobox-search export`. */
export const facetNamesFormat = 'infobox-search-facet-names'

/**
 * What an engine export's `facets.json` holds: per facet, its values'
 * display labels and aliases (as the static index's facet tables: a count
 * shows `label` when there is one), and the name index as rows, which the
 * request translators take (`EngineSearchSettings.names`) to resolve filter
 * names and to read a query for the filters it names, as the static index does.
 */
export interface FacetNames {
  readonly format: typeof facetNamesFormat
  readonly facets: Readonly<
    Record<
      string,
      {
        readonly labels?: Readonly<Record<string, string>>
        readonly aliases?: Readonly<Record<string, readonly (readonly [alias: string, count: number])[]>>
      }
    >
  >
  readonly names: readonly NameRow[]
}

/** The labels, aliases and names of an export's facet tables (hierarchy levels have none). */
export function facetNamesOf(tables: Readonly<Record<string, FacetTable>>): FacetNames {
  const facets: Record<string, FacetNames['facets'][string]> = {}
  for (const [facet, { labels, aliases }] of Object.entries(tables)) {
    if (facet.includes('@')) continue
    facets[facet] = { ...(labels === undefined ? {} : { labels }), ...(aliases === undefined ? {} : { aliases }) }
  }
  return { format: facetNamesFormat, facets, names: nameRows(tables) }
}

/**
 * The aliases as one-way synonyms for an engine: each name that is no
 * value's own (a label or an alias, as `nameKey` writes it) → the names of
 * the values it stands for, over every facet. Names of one or two letters
 * and stop words are left out (an engine cannot tell `US` from `us`), and
 * so are countries: their values are ISO codes (`FR`, `IT`), no article's
 * words, and a code as a synonym (`italy` → `it`) would find every text
 * with that word.
 */
export function aliasSynonyms(names: FacetNames): [alias: string, values: string[]][] {
  const synonyms = new Map<string, Set<string>>()
  for (const [key, facet, values, , valueName] of names.names) {
    if (!valueName || facet === 'country' || !isName(key, key)) continue
    const alias = synonymText(key)
    const others = values.map((value) => synonymText(nameKey(value))).filter((value) => value !== alias && value !== '')
    if (others.length === 0) continue
    const set = synonyms.get(alias) ?? new Set<string>()
    for (const value of others) set.add(value)
    synonyms.set(alias, set)
  }
  return [...synonyms]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([alias, values]) => [alias, [...values].sort()])
}

/** Words only (letters, digits, marks): no engine's synonym syntax (`=>`, `,`) can hide in it. */
const synonymText = (name: string): string => name.replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim()

/** `facets.json`: the labels and aliases indented, one name row per line (a reviewable diff). */
export function facetNamesJson(names: FacetNames): string {
  const facets = JSON.stringify(names.facets, null, 2).replace(/\n/g, '\n  ')
  const rows = names.names.map((row) => `    ${JSON.stringify(row)}`).join(',\n')
  return `{\n  "format": ${JSON.stringify(names.format)},\n  "facets": ${facets},\n  "names": [\n${rows}\n  ]\n}\n`
}
