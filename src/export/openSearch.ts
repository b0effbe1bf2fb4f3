import type { SuggestedFilter } from '../search/query/understandQuery.js'
import type { SearchOptions } from '../search/searchOptions.js'
import type { Filter } from '../postgres/searchSql.js'
import { dateBucketFields, type EngineDocument } from './engineDocument.js'
import { facetField, filtersBut, planEngineSearch, type EngineSearchSettings } from './enginePlan.js'

/** A filter clause of the query DSL. */
export type OpenSearchFilter =
  | { terms: Record<string, string[]> }
  | { range: Record<string, { lte?: number; gte?: number }> }
  | { exists: { field: string } }
  | { bool: { filter: OpenSearchFilter[] } }
  | { bool: { should: OpenSearchFilter[]; minimum_should_match: number } }
  | {
      geo_bounding_box: {
        location: { top_left: { lat: number; lon: number }; bottom_right: { lat: number; lon: number } }
      }
    }
  | { geo_distance: { distance: string; distance_type: 'arc'; location: { lat: number; lon: number } } }

/** A `terms` aggregation: a facet's values, or its selected values, or histogram buckets. */
export interface OpenSearchTerms {
  terms: {
    field: string
    size: number
    order?: Record<string, 'asc' | 'desc'> | Record<string, 'asc' | 'desc'>[]
    include?: string[]
    min_doc_count?: number
  }
}

/**
 * The coordinates grid: `cell`-degree histograms of latitude, then of
 * longitude within each (keys are the cells' south-west corners, as ours),
 * with the mean point of each cell.
 */
export interface OpenSearchGrid {
  histogram: { field: 'lat'; interval: number; min_doc_count: 1 }
  aggs: {
    lon: {
      histogram: { field: 'lon'; interval: number; min_doc_count: 1 }
      aggs: { lat: { avg: { field: 'lat' } }; lon: { avg: { field: 'lon' } } }
    }
  }
}

/** A facet: the matches under every filter but its own, then its values (or its grid cells). */
export interface OpenSearchFacetAggregation {
  filter: OpenSearchFilter | { match_all: Record<string, never> }
  aggs?: Record<string, OpenSearchTerms | OpenSearchGrid>
}

/** Sorting by distance: nearest first, articles without coordinates last. */
export interface OpenSearchDistanceSort {
  _geo_distance: { location: { lat: number; lon: number }; order: 'asc'; unit: 'km'; distance_type: 'arc' }
}

/** The text query: `multi_match` over the weighted fields, or `match_all` to browse. */
export type OpenSearchTextQuery =
  | { match_all: Record<string, never> }
  | {
      multi_match: {
        query: string
        type: 'bool_prefix' | 'most_fields'
        fields: string[]
        operator: 'and' | 'or'
        fuzziness?: string
      }
    }

/** The query: the text query, and with what the query names (`understand`) a boost per span it names. */
export type OpenSearchQuery =
  | OpenSearchTextQuery
  | { bool: { must: OpenSearchTextQuery[]; should: { constant_score: { filter: OpenSearchFilter; boost: number } }[] } }

/** The search request `toOpenSearchRequest` makes: the `index` and `body` of `client.search`, and what the query names. */
export interface OpenSearchRequest {
  index: string
  /** The filters the query names, as `SearchResult.suggestedFilters` (not for the engine). */
  suggestedFilters: readonly SuggestedFilter[]
  body: {
    query: OpenSearchQuery
    post_filter: OpenSearchFilter
    aggs: Record<string, OpenSearchFacetAggregation>
    sort: (string | Record<string, { order: 'asc' | 'desc'; missing?: '_last' }> | OpenSearchDistanceSort)[]
    from: number
    size: number
    track_total_hits: true
    _source: { excludes: string[] }
  }
}

const textFields = ['title', 'shortDescription', 'description', 'infobox', 'custom', 'body'] as const

/**
 * The index's settings and mapping (`PUT /<index>`): text fields folded like
 * ours (lower case, ASCII folding: `hochstadt` finds Höchstädt), every
 * `facet_*` field a keyword, the date as `date_start`/`date_end` longs (day
 * keys: sortable, BC negative; an overlap is two range clauses), the
 * histogram buckets as integers, the coordinates as `location` (a
 * `geo_point`, for areas and distances) and as `lat`/`lon` doubles (for the
 * grid), and the app's own `fields` stored, not indexed. With `synonyms` (see `aliasSynonyms`), the
 * query is read through them (`SDF` also finds Syrian Democratic Forces): a
 * `synonym_graph` filter of the search analyzer, after the stop words, so a
 * rule with a stop word in it (`france in the middle ages`) is skipped (`lenient`).
 */
export function openSearchIndexBody(synonyms: readonly (readonly [alias: string, values: readonly string[]])[] = []) {
  const aliases = synonyms.length > 0
  const text = {
    type: 'text',
    analyzer: 'folded',
    ...(aliases ? { search_analyzer: 'folded_aliases' } : {}),
  } as const
  const folding = ['lowercase', 'asciifolding', 'stop']
  return {
    settings: {
      analysis: {
        analyzer: {
          folded: { type: 'custom' as const, tokenizer: 'standard', filter: folding },
          ...(aliases
            ? { folded_aliases: { type: 'custom' as const, tokenizer: 'standard', filter: [...folding, 'aliases'] } }
            : {}),
        },
        ...(aliases
          ? {
              filter: {
                aliases: {
                  type: 'synonym_graph' as const,
                  lenient: true,
                  synonyms: synonyms.map(([alias, values]) => `${alias} => ${[alias, ...values].join(', ')}`),
                },
              },
            }
          : {}),
      },
    },
    mappings: {
      dynamic: 'strict' as const,
      dynamic_templates: [{ facets: { match: 'facet_*', mapping: { type: 'keyword' as const } } }],
      properties: {
        id: { type: 'keyword' as const },
        position: { type: 'integer' as const },
        title: text,
        shortDescription: text,
        description: text,
        infobox: text,
        custom: text,
        body: text,
        fields: { type: 'object' as const, enabled: false },
        location: { type: 'geo_point' as const },
        lat: { type: 'double' as const },
        lon: { type: 'double' as const },
        image: { type: 'keyword' as const, index: false },
        date: { type: 'keyword' as const, index: false },
        place: { type: 'keyword' as const, index: false },
        date_start: { type: 'long' as const },
        date_end: { type: 'long' as const },
        date_year: { type: 'integer' as const },
        date_decade: { type: 'integer' as const },
        date_century: { type: 'integer' as const },
      },
    },
  }
}

/** The two `_bulk` lines of a document (action, then source with its `location`), newline-terminated. */
export function openSearchBulkLines(document: EngineDocument, index: string): string {
  const { lat, lon } = document
  const source = lat === undefined || lon === undefined ? document : { ...document, location: { lat, lon } }
  return `${JSON.stringify({ index: { _index: index, _id: document.id } })}\n${JSON.stringify(source)}\n`
}

/**
 * Translate `search` options into an OpenSearch (or Elasticsearch) search.
 * The query matches (`match_all` when browsing); every filter goes into
 * `post_filter`, so aggregations see the matches before filtering; each
 * facet is a `filter` aggregation of every filter but its own around a
 * `terms` aggregation (disjunctive counts), with the selected values counted
 * even outside the top `limit`; `unfiltered` counts `totalUnfiltered`.
 * The date histogram is a `terms` aggregation over the bucket numbers of the
 * interval's size (`date_century`…): label them as the static index does.
 * Prefix matching follows `bool_prefix` (the last term); typos follow
 * `AUTO:5,8` (one edit from five letters, two from eight), the static default.
 * What the query names (`understand`) adds a constant score per span of it
 * (`signalBoost`), so matches in more of them rank first while no text score
 * reaches it; with `applySuggested` it filters (a span naming values of
 * several facets is one `should` clause, in `post_filter` and every facet's
 * filter). The coordinates filter is a `geo_bounding_box` (across the
 * antimeridian when west > east) or a `geo_distance` (arc) on `location`;
 * the coordinates facet is a grid of `histogram`s on `lat` and `lon` with
 * `avg` means (`OpenSearchGrid`); `sort: 'distance'` is a `_geo_distance`
 * sort from `near`. Unlike the static index,
 * BM25 here does not rank the matches of every query term first, numbers
 * may match with typos and a one- or two-letter last term is a prefix.
 *
 * @example
 * const { index, body } = toOpenSearchRequest('cannae', { filters: { place: ['Apulia'] }, facets: ['combatant'] }, { index: 'battles' })
 * const response = await client.search({ index, body })
 * @throws {OptionsError} `ERR_INVALID_QUERY`, as `SearchIndex.search`.
 */
export function toOpenSearchRequest(
  query: string,
  options: SearchOptions = {},
  settings: EngineSearchSettings & { readonly index?: string } = {},
): OpenSearchRequest {
  const plan = planEngineSearch(query, options, settings)
  const aggs: Record<string, OpenSearchFacetAggregation> = { unfiltered: { filter: { match_all: {} } } }
  const required = plan.required.map(anyOf)
  for (const facet of plan.facets) {
    if (facet.kind === 'none') continue
    const filter = bool(filtersBut(plan.filters, facet.name), required)
    if (facet.kind === 'geo') {
      aggs[facet.name] = { filter, aggs: { cells: grid(facet.cell) } }
      continue
    }
    if (facet.kind === 'date') {
      aggs[facet.name] = {
        filter,
        aggs: { buckets: { terms: { field: dateBucketFields[facet.interval], size: 65_535, order: { _key: 'asc' } } } },
      }
      continue
    }
    const field = facetField(facet)
    const terms: OpenSearchTerms = {
      terms: { field, size: Math.max(facet.limit, 1), order: [{ _count: 'desc' }, { _key: 'asc' }] },
    }
    const selected =
      facet.selected.length === 0
        ? {}
        : {
            selected: { terms: { field, include: [...facet.selected], size: facet.selected.length, min_doc_count: 0 } },
          }
    aggs[facet.name] = { filter, aggs: { values: terms, ...selected } }
  }
  const last = { order: plan.sort === 'date' ? 'asc' : 'desc', missing: '_last' } as const
  const relevance = [...(plan.text === '' ? [] : ['_score']), { position: { order: 'asc' as const } }]
  const near = plan.sort === 'distance' ? plan.near : undefined
  const sort: OpenSearchRequest['body']['sort'] =
    plan.sort === 'relevance'
      ? relevance
      : near !== undefined
        ? [
            {
              _geo_distance: {
                location: { lat: near.lat, lon: near.lon },
                order: 'asc',
                unit: 'km',
                distance_type: 'arc',
              },
            },
            ...relevance,
          ]
        : [{ date_start: last }, { position: { order: 'asc' } }]
  const text: OpenSearchTextQuery = plan.text === '' ? { match_all: {} } : textQuery(plan)
  // Sorted by distance, equally near matches keep the relevance order, signals included.
  const signals = plan.sort === 'relevance' || plan.sort === 'distance' ? plan.signals : []
  return {
    index: settings.index ?? 'infobox_search',
    suggestedFilters: plan.suggestedFilters,
    body: {
      query:
        signals.length === 0
          ? text
          : {
              bool: {
                must: [text],
                should: signals.map((span) => ({ constant_score: { filter: anyOf(span), boost: signalBoost } })),
              },
            },
      post_filter: bool(plan.filters, required),
      aggs,
      sort,
      from: plan.offset,
      size: plan.limit,
      track_total_hits: true,
      _source: { excludes: ['body', 'infobox', 'custom', 'location'] },
    },
  }
}

/** The score of a match in one span the query names: above any text score, so such matches rank first. */
export const signalBoost = 10_000

function textQuery(plan: ReturnType<typeof planEngineSearch>): OpenSearchTextQuery {
  const fuzziness =
    plan.fuzzy === false || plan.fuzzy === 0
      ? undefined
      : typeof plan.fuzzy === 'number' && plan.fuzzy >= 1
        ? String(Math.min(2, Math.floor(plan.fuzzy)))
        : 'AUTO:5,8'
  return {
    multi_match: {
      query: plan.text,
      type: plan.prefix === false ? 'most_fields' : 'bool_prefix',
      fields: textFields.map((field) => `${field}^${plan.boost[field]}`),
      operator: plan.combineWith === 'AND' ? 'and' : 'or',
      ...(fuzziness === undefined ? {} : { fuzziness }),
    },
  }
}

/** Every filter, and one of each `required` list. */
function bool(filters: readonly Filter[], required: readonly OpenSearchFilter[] = []): OpenSearchFilter {
  return { bool: { filter: [...filters.map(clause), ...required] } }
}

/** One of the filters (a span of the query: its readings). */
function anyOf(filters: readonly Filter[]): OpenSearchFilter {
  return { bool: { should: filters.map(clause), minimum_should_match: 1 } }
}

function grid(cell: number): OpenSearchGrid {
  return {
    histogram: { field: 'lat', interval: cell, min_doc_count: 1 },
    aggs: {
      lon: {
        histogram: { field: 'lon', interval: cell, min_doc_count: 1 },
        aggs: { lat: { avg: { field: 'lat' } }, lon: { avg: { field: 'lon' } } },
      },
    },
  }
}

function clause(filter: Filter): OpenSearchFilter {
  if ('values' in filter) return { terms: { [`facet_${filter.facet}`]: [...filter.values] } }
  if ('box' in filter) {
    // West above east crosses the antimeridian, which geo_bounding_box reads so too.
    const { west, south, east, north } = filter.box
    return {
      geo_bounding_box: { location: { top_left: { lat: north, lon: west }, bottom_right: { lat: south, lon: east } } },
    }
  }
  if ('near' in filter) {
    const { lat, lon } = filter.near
    return { geo_distance: { distance: `${filter.radius}km`, distance_type: 'arc', location: { lat, lon } } }
  }
  // Overlap: starts by `to` and ends from `from` on (an ongoing conflict's end is after every date).
  return {
    bool: {
      filter: [
        { exists: { field: 'date_start' } },
        ...(filter.to === null ? [] : [{ range: { date_start: { lte: filter.to } } }]),
        ...(filter.from === null ? [] : [{ range: { date_end: { gte: filter.from } } }]),
      ],
    },
  }
}
