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

/** A facet: the matches under every filter but its own, then its values. */
export interface OpenSearchFacetAggregation {
  filter: OpenSearchFilter | { match_all: Record<string, never> }
  aggs?: Record<string, OpenSearchTerms>
}

/** The text query: `multi_match` over the weighted fields, or `match_all` to browse. */
export type OpenSearchQuery =
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

/** The search request `toOpenSearchRequest` makes: the `index` and `body` of `client.search`. */
export interface OpenSearchRequest {
  index: string
  body: {
    query: OpenSearchQuery
    post_filter: OpenSearchFilter
    aggs: Record<string, OpenSearchFacetAggregation>
    sort: (string | Record<string, { order: 'asc' | 'desc'; missing?: '_last' }>)[]
    from: number
    size: number
    track_total_hits: true
    _source: { excludes: string[] }
  }
}

const textFields = ['title', 'shortDescription', 'description', 'infobox', 'body'] as const

/**
 * The index's settings and mapping (`PUT /<index>`): text fields folded like
 * ours (lower case, ASCII folding: `hochstadt` finds Höchstädt), every
 * `facet_*` field a keyword, the date as `date_start`/`date_end` longs (day
 * keys: sortable, BC negative; an overlap is two range clauses) and the
 * histogram buckets as integers.
 */
export function openSearchIndexBody() {
  const text = { type: 'text', analyzer: 'folded' } as const
  return {
    settings: {
      analysis: {
        analyzer: {
          folded: { type: 'custom' as const, tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'stop'] },
        },
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
        body: text,
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

/** The two `_bulk` lines of a document (action, then source), newline-terminated. */
export function openSearchBulkLines(document: EngineDocument, index: string): string {
  return `${JSON.stringify({ index: { _index: index, _id: document.id } })}\n${JSON.stringify(document)}\n`
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
  for (const facet of plan.facets) {
    if (facet.kind === 'none') continue
    const filter = bool(filtersBut(plan.filters, facet.name))
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
  const sort: OpenSearchRequest['body']['sort'] =
    plan.sort === 'relevance'
      ? [...(plan.text === '' ? [] : ['_score']), { position: { order: 'asc' } }]
      : [{ date_start: last }, { position: { order: 'asc' } }]
  return {
    index: settings.index ?? 'infobox_search',
    body: {
      query: plan.text === '' ? { match_all: {} } : textQuery(plan),
      post_filter: bool(plan.filters),
      aggs,
      sort,
      from: plan.offset,
      size: plan.limit,
      track_total_hits: true,
      _source: { excludes: ['body', 'infobox'] },
    },
  }
}

function textQuery(plan: ReturnType<typeof planEngineSearch>): OpenSearchQuery {
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

function bool(filters: readonly Filter[]): OpenSearchFilter {
  return { bool: { filter: filters.map(clause) } }
}

function clause(filter: Filter): OpenSearchFilter {
  if ('values' in filter) return { terms: { [`facet_${filter.facet}`]: [...filter.values] } }
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
