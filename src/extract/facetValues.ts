import type { IndexRecord } from './record.js'

/**
 * The values of one facet of a record, by facet name (built-ins and extras),
 * each once, first occurrence first: the static index counts an article
 * once per value. Countries are their ISO codes, continents their names.
 * What a server engine (PostgreSQL, the exports) stores per article.
 */
export function facetValues(record: IndexRecord, facet: string): string[] {
  const { facets } = record
  if (facet === 'place') return distinct(facets.place)
  if (facet === 'combatant') return distinct(facets.combatant.map((combatant) => combatant.value))
  if (facet === 'kind') return distinct(facets.kind)
  if (facet === 'country') return distinct(facets.country.map((country) => country.value))
  if (facet === 'continent') return distinct(facets.country.map((country) => country.continent))
  return distinct(facets.extra[facet] ?? [])
}

const distinct = (values: readonly string[]): string[] => [...new Set(values)]
