import type { SuggestedFilter } from '../search/query/understandQuery.js'
import { invalid, type SearchOptions } from '../search/searchOptions.js'
import type { Filter } from '../postgres/searchSql.js'
import { dateBucketFields, type EngineDocument } from './engineDocument.js'
import { facetField, filtersBut, noGrid, planEngineSearch, type EngineSearchSettings } from './enginePlan.js'

/** One query of a Meilisearch multi-search. */
export interface MeilisearchQuery {
  indexUid: string
  q: string
  filter?: string[]
  facets?: string[]
  limit: number
  offset?: number
  sort?: string[]
  matchingStrategy?: 'last' | 'all'
  attributesToRetrieve?: string[]
}

/**
 * The multi-search `toMeilisearchRequest` makes, and what each query answers:
 * `hits` (the page, `estimatedTotalHits` = total, and the counts of facets
 * without an active filter), `unfiltered` (totalUnfiltered; only with filters)
 * or `facet:<name>` (a facet whose own filter is active, counted without it).
 */
export interface MeilisearchRequest {
  readonly queries: MeilisearchQuery[]
  readonly answers: readonly string[]
  /** The filters the query names, as `SearchResult.suggestedFilters` (not for the engine). */
  readonly suggestedFilters: readonly SuggestedFilter[]
}

/** A document's primary key: its id with every character but letters, digits and `-` written `_xx` (UTF-8 hex). */
export function meilisearchKey(id: string): string {
  return [...new TextEncoder().encode(id)]
    .map((byte) =>
      /[A-Za-z0-9-]/.test(String.fromCharCode(byte)) && byte < 128
        ? String.fromCharCode(byte)
        : `_${byte.toString(16).padStart(2, '0')}`,
    )
    .join('')
}

/** The NDJSON line of a document (with its `key`, and its coordinates as `_geo` too). */
export function meilisearchDocumentLine(document: EngineDocument): string {
  const { lat, lon } = document
  const geo = lat === undefined || lon === undefined ? {} : { _geo: { lat, lng: lon } }
  return `${JSON.stringify({ key: meilisearchKey(document.id), ...document, ...geo })}\n`
}

/**
 * The index settings (`PATCH /indexes/<uid>/settings`): searchable fields in
 * the order of their weights (Meilisearch ranks by attribute order, not by
 * numbers; the `custom` text weighs as the infobox), every facet field, the
 * date and `_geo` filterable, date, position and `_geo` sortable, typos from five and eight letters as ours and never in numbers,
 * facet values sorted by count, and the aliases of facet values as one-way
 * synonyms (`SDF` also finds Syrian Democratic Forces; see `aliasSynonyms`).
 */
export function meilisearchSettings(
  facetFields: readonly string[],
  synonyms: readonly (readonly [alias: string, values: readonly string[]])[] = [],
) {
  return {
    searchableAttributes: ['title', 'shortDescription', 'description', 'infobox', 'custom', 'body'],
    displayedAttributes: [...retrieved, 'body'],
    filterableAttributes: [
      ...facetFields,
      'date_start',
      'date_end',
      'position',
      ...Object.values(dateBucketFields),
      '_geo',
    ],
    sortableAttributes: ['date_start', 'position', '_geo'],
    typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 }, disableOnNumbers: true },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' as const } },
    pagination: { maxTotalHits: 100_000 },
    synonyms: Object.fromEntries(synonyms.map(([alias, values]) => [alias, [...values]])),
  } satisfies Readonly<Record<string, unknown>>
}

/** What a hit needs: the stored fields, the app's own, the coordinates. */
const retrieved = ['id', 'title', 'shortDescription', 'description', 'image', 'date', 'place', 'fields', 'lat', 'lon']

/**
 * Translate `search` options into a Meilisearch multi-search: one query for
 * the hits, and one per facet whose own filter is active (counted under the
 * other filters: disjunctive counts), plus one for `totalUnfiltered`. The date
 * histogram is the facet distribution of the bucket field of its size
 * (`date_century`…). Differences: `combineWith: 'OR'` becomes
 * `matchingStrategy: 'last'` (matches of every word rank first, as ours);
 * typos and prefixes follow the index settings (no typo in numbers; a one-
 * or two-letter last word is a prefix). What the query names is applied
 * with `applySuggested` (a span naming values of several facets is one
 * `OR` filter), but cannot raise the matches it names: Meilisearch ranks
 * by its rules and sortable fields only. The coordinates filter is
 * `_geoBoundingBox` (two of them across the antimeridian, which Meilisearch
 * does not cross) or `_geoRadius` (metres); `sort: 'distance'` is
 * `_geoPoint(lat, lng):asc`. Meilisearch has no aggregation of points into
 * cells: the coordinates facet is refused.
 *
 * @example
 * const { queries, answers } = toMeilisearchRequest('cannae', { facets: ['place'] }, { index: 'battles' })
 * const { results } = await client.multiSearch({ queries })
 * @throws {OptionsError} `ERR_INVALID_QUERY`, as `SearchIndex.search`, and for the coordinates facet.
 */
export function toMeilisearchRequest(
  query: string,
  options: SearchOptions = {},
  settings: EngineSearchSettings & { readonly index?: string } = {},
): MeilisearchRequest {
  const plan = planEngineSearch(query, options, settings)
  if (plan.facets.some((facet) => facet.kind === 'geo')) invalid('facets', noGrid('Meilisearch'), 'coordinates')
  const indexUid = settings.index ?? 'infobox_search'
  const required = plan.required.map(anyOf)
  const base = { indexUid, q: plan.text, matchingStrategy: plan.combineWith === 'AND' ? 'all' : 'last' } as const
  const active = new Set(plan.filters.map((filter) => filter.facet))
  const fieldOf = (facet: (typeof plan.facets)[number]) =>
    facet.kind === 'date' ? dateBucketFields[facet.interval] : facetField(facet)
  const counted = plan.facets.filter((facet) => facet.kind !== 'none')
  const near = plan.sort === 'distance' ? plan.near : undefined
  const sort =
    plan.sort === 'relevance'
      ? plan.text === ''
        ? ['position:asc']
        : undefined
      : near !== undefined
        ? [`_geoPoint(${near.lat}, ${near.lon}):asc`, 'position:asc']
        : [`date_start:${plan.sort === 'date' ? 'asc' : 'desc'}`, 'position:asc']
  const queries: MeilisearchQuery[] = [
    {
      ...base,
      filter: [...plan.filters.map(filterOf), ...required],
      facets: counted.filter((facet) => !active.has(facet.name)).map(fieldOf),
      limit: plan.limit,
      offset: plan.offset,
      ...(sort === undefined ? {} : { sort }),
      attributesToRetrieve: retrieved,
    },
  ]
  const answers = ['hits']
  if (plan.filters.length > 0 || required.length > 0) {
    queries.push({ ...base, limit: 0 })
    answers.push('unfiltered')
  }
  for (const facet of counted.filter((facet) => active.has(facet.name))) {
    queries.push({
      ...base,
      filter: [...filtersBut(plan.filters, facet.name).map(filterOf), ...required],
      facets: [fieldOf(facet)],
      limit: 0,
    })
    answers.push(`facet:${facet.name}`)
  }
  return { queries, answers, suggestedFilters: plan.suggestedFilters }
}

const quoted = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`

/** One of the filters (a span of the query: its readings). */
const anyOf = (filters: readonly Filter[]): string => filters.map((filter) => `(${filterOf(filter)})`).join(' OR ')

function filterOf(filter: Filter): string {
  if ('values' in filter)
    return filter.values.length === 0
      ? 'position < 0'
      : `facet_${filter.facet} IN [${filter.values.map(quoted).join(', ')}]`
  if ('box' in filter) {
    const { west, south, east, north } = filter.box
    const box = (from: number, to: number) => `_geoBoundingBox([${north}, ${to}], [${south}, ${from}])`
    return west <= east ? box(west, east) : `${box(west, 180)} OR ${box(-180, east)}`
  }
  if ('near' in filter) return `_geoRadius(${filter.near.lat}, ${filter.near.lon}, ${filter.radius * 1000})`
  const parts = ['date_start EXISTS']
  if (filter.to !== null) parts.push(`date_start <= ${filter.to}`)
  if (filter.from !== null) parts.push(`date_end >= ${filter.from}`)
  return parts.join(' AND ')
}
