import type { SuggestedFilter } from '../search/query/understandQuery.js'
import { invalid, type SearchOptions } from '../search/searchOptions.js'
import type { Filter } from '../postgres/searchSql.js'
import { dateBucketFields, type EngineDocument } from './engineDocument.js'
import { facetField, filtersBut, noGrid, planEngineSearch, type EngineSearchSettings } from './enginePlan.js'

/** One search of a Typesense multi-search. */
export interface TypesenseSearch {
  collection: string
  q: string
  query_by: string
  query_by_weights: string
  prefix: boolean
  num_typos: number
  min_len_1typo: number
  min_len_2typo: number
  drop_tokens_threshold: number
  filter_by?: string
  facet_by?: string
  max_facet_values?: number
  sort_by?: string
  offset: number
  limit: number
  exclude_fields: string
}

/** The multi-search `toTypesenseRequest` makes, and what each search answers (as `MeilisearchRequest.answers`). */
export interface TypesenseRequest {
  readonly searches: TypesenseSearch[]
  readonly answers: readonly string[]
  /** The filters the query names, as `SearchResult.suggestedFilters` (not for the engine). */
  readonly suggestedFilters: readonly SuggestedFilter[]
}

const textFields = ['title', 'shortDescription', 'description', 'infobox', 'custom', 'body'] as const

/** The synonym set of a collection's aliases (`PUT /synonym_sets/<name>-aliases`, Typesense 30 or newer). */
export const typesenseSynonymSet = (name: string): string => `${name}-aliases`

/**
 * The collection schema (`POST /collections`): the text fields, every
 * `facet_*` field a faceted string list, the date as optional int64 day keys
 * (sortable, BC negative), the histogram buckets as faceted integer lists,
 * the coordinates as `location` (a `geopoint`, for radii and distances) and
 * as `lat`/`lon` floats (for boxes); the app's own `fields` are not in the
 * schema: Typesense stores them unindexed and returns them. With `aliases`, the synonym set of `typesenseSynonyms` (made first).
 */
export function typesenseSchema(name: string, aliases = false) {
  return {
    name,
    ...(aliases ? { synonym_sets: [typesenseSynonymSet(name)] } : {}),
    fields: [
      ...textFields.map((field) => ({
        name: field,
        type: 'string' as const,
        optional: !(field === 'title' || field === 'infobox' || field === 'body'),
      })),
      { name: 'position', type: 'int32' as const, sort: true },
      { name: 'image', type: 'string' as const, optional: true, index: false },
      { name: 'date', type: 'string' as const, optional: true, index: false },
      { name: 'place', type: 'string' as const, optional: true, index: false },
      { name: 'facet_.*', type: 'string[]' as const, facet: true, optional: true },
      { name: 'date_start', type: 'int64' as const, optional: true, sort: true },
      { name: 'date_end', type: 'int64' as const, optional: true },
      { name: 'location', type: 'geopoint' as const, optional: true },
      { name: 'lat', type: 'float' as const, optional: true },
      { name: 'lon', type: 'float' as const, optional: true },
      ...Object.values(dateBucketFields).map((field) => ({
        name: field,
        type: 'int32[]' as const,
        facet: true,
        optional: true,
      })),
    ],
    default_sorting_field: 'position',
  }
}

/**
 * The aliases of facet values as a synonym set (see `aliasSynonyms`): one
 * one-way item per alias, its `root`, which a query for it expands to the
 * names of the values it stands for (`SDF` also finds Syrian Democratic Forces).
 */
export function typesenseSynonyms(synonyms: readonly (readonly [alias: string, values: readonly string[]])[]) {
  return {
    items: synonyms.map(([alias, values], at) => ({
      id: `alias-${String(at + 1).padStart(5, '0')}`,
      root: alias,
      synonyms: [...values],
    })),
  }
}

/** The JSONL line of a document (`POST /collections/<name>/documents/import`), its coordinates as `location` too. */
export function typesenseDocumentLine(document: EngineDocument): string {
  const { lat, lon } = document
  return `${JSON.stringify(lat === undefined || lon === undefined ? document : { ...document, location: [lat, lon] })}\n`
}

/**
 * Translate `search` options into a Typesense multi-search: one search for the
 * hits and the facets without an active filter, one per facet whose own filter
 * is active (counted under the other filters: disjunctive counts), and one
 * for `totalUnfiltered` when filters are active. Field weights are the boosts
 * (scaled to integers); typos from five and eight letters; prefix on the last
 * word; `combineWith: 'OR'` drops words until something matches (matches of
 * every word first, as ours). What the query names (`understand`) sorts
 * first: `_eval` of "in at least n of its spans", n from the most down (up
 * to four spans; more count as four); with `applySuggested` it filters (a
 * span naming values of several facets is one `||` group). The coordinates
 * filter is a range of `lat` and `lon` for a box (a polygon's edges would be
 * great circles, a box's are parallels) or `location:(lat, lon, r km)`;
 * `sort: 'distance'` is `location(lat, lon):asc`. Typesense has no
 * aggregation of points into cells: the coordinates facet is refused.
 * Unlike the static index, numbers may match with typos and a one- or
 * two-letter last word is a prefix.
 *
 * @example
 * const { searches, answers } = toTypesenseRequest('cannae', { facets: ['place'] }, { index: 'battles' })
 * const { results } = await client.multiSearch.perform({ searches })
 * @throws {OptionsError} `ERR_INVALID_QUERY`, as `SearchIndex.search`, and for the coordinates facet.
 */
export function toTypesenseRequest(
  query: string,
  options: SearchOptions = {},
  settings: EngineSearchSettings & { readonly index?: string } = {},
): TypesenseRequest {
  const plan = planEngineSearch(query, options, settings)
  if (plan.facets.some((facet) => facet.kind === 'geo')) invalid('facets', noGrid('Typesense'), 'coordinates')
  const fuzzy =
    plan.fuzzy === false || plan.fuzzy === 0
      ? 0
      : typeof plan.fuzzy === 'number' && plan.fuzzy >= 1
        ? Math.min(2, Math.floor(plan.fuzzy))
        : 2
  const base = {
    collection: settings.index ?? 'infobox_search',
    q: plan.text === '' ? '*' : plan.text,
    query_by: textFields.join(','),
    query_by_weights: textFields.map((field) => Math.round(plan.boost[field] * 2)).join(','),
    prefix: plan.prefix !== false,
    num_typos: fuzzy,
    min_len_1typo: 5,
    min_len_2typo: 8,
    drop_tokens_threshold: plan.combineWith === 'AND' ? 0 : 1_000_000,
    exclude_fields: 'body,infobox,custom,location',
  }
  const active = new Set(plan.filters.map((filter) => filter.facet))
  const counted = plan.facets.filter(
    (facet): facet is Exclude<typeof facet, { kind: 'none' | 'geo' }> => facet.kind !== 'none' && facet.kind !== 'geo',
  )
  const fieldOf = (facet: (typeof counted)[number]) =>
    facet.kind === 'date' ? dateBucketFields[facet.interval] : facetField(facet)
  const maxValues = Math.max(
    1,
    ...counted.map((facet) => (facet.kind === 'values' ? facet.limit + facet.selected.length : 1000)),
  )
  const required = plan.required.map((group) => `(${group.map(filterOf).join(' || ')})`)
  const filterBy = (filters: readonly Filter[]) =>
    filters.length + required.length === 0 ? {} : { filter_by: [...filters.map(filterOf), ...required].join(' && ') }
  const own = counted.filter((facet) => !active.has(facet.name)).map(fieldOf)
  const order = plan.sort === 'date' ? 'asc' : 'desc'
  const named = plan.sort === 'relevance' && plan.text !== '' ? signalSort(plan.signals) : ''
  const near = plan.sort === 'distance' ? plan.near : undefined
  const sort =
    plan.sort === 'relevance'
      ? plan.text === ''
        ? 'position:asc'
        : `${named}_text_match:desc,position:asc`
      : near !== undefined
        ? `location(${near.lat}, ${near.lon}):asc,${plan.text === '' ? '' : '_text_match:desc,'}position:asc`
        : `date_start(missing_values: last):${order},position:asc`
  const searches: TypesenseSearch[] = [
    {
      ...base,
      ...filterBy(plan.filters),
      ...(own.length === 0 ? {} : { facet_by: own.join(','), max_facet_values: maxValues }),
      sort_by: sort,
      offset: plan.offset,
      limit: plan.limit,
    },
  ]
  const answers = ['hits']
  if (plan.filters.length > 0 || required.length > 0) {
    searches.push({ ...base, offset: 0, limit: 0 })
    answers.push('unfiltered')
  }
  for (const facet of counted.filter((facet) => active.has(facet.name))) {
    searches.push({
      ...base,
      ...filterBy(filtersBut(plan.filters, facet.name)),
      facet_by: fieldOf(facet),
      max_facet_values: maxValues,
      offset: 0,
      limit: 0,
    })
    answers.push(`facet:${facet.name}`)
  }
  return { searches, answers, suggestedFilters: plan.suggestedFilters }
}

/** Backticks quote a value; a backtick inside one cannot be written, so it is dropped. */
const quoted = (value: string) => `\`${value.replace(/`/g, '')}\``

function filterOf(filter: Filter): string {
  if ('values' in filter)
    return filter.values.length === 0
      ? 'position:<0'
      : `facet_${filter.facet}:=[${filter.values.map(quoted).join(',')}]`
  if ('box' in filter) {
    const { west, south, east, north } = filter.box
    const lon = west <= east ? `lon:[${west}..${east}]` : `(lon:>=${west} || lon:<=${east})`
    return `lat:[${south}..${north}] && ${lon}`
  }
  if ('near' in filter) return `location:(${filter.near.lat}, ${filter.near.lon}, ${filter.radius} km)`
  const parts = ['date_start:>=-2147483648']
  if (filter.to !== null) parts.push(`date_start:<=${filter.to}`)
  if (filter.from !== null) parts.push(`date_end:>=${filter.from}`)
  return parts.join(' && ')
}

/** Spans counted by `signalSort`: "at least n of k" grows with the number of k-subsets. */
const maxSpans = 4

/**
 * The `_eval` sort of matches in more named spans first: for n from the
 * number of spans down to 1, "in at least n of them" weighs n (right whether
 * Typesense takes the first, the largest or the sum of the weights that hold).
 */
function signalSort(signals: readonly (readonly Filter[])[]): string {
  const spans = signals.slice(0, maxSpans).map((span) => `(${span.map(filterOf).join(' || ')})`)
  if (spans.length === 0) return ''
  const atLeast = (n: number) =>
    subsets(spans, n)
      .map((subset) => `(${subset.join(' && ')})`)
      .join(' || ')
  const weighted = spans.map((_, at) => spans.length - at).map((n) => `(${atLeast(n)}):${n}`)
  return `_eval([${weighted.join(', ')}]):desc,`
}

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]]
  return items.flatMap((item, at) => subsets(items.slice(at + 1), size - 1).map((rest) => [item, ...rest]))
}
