import type { SearchOptions } from '../index.js'
import type { Filter } from '../postgres/searchSql.js'
import { dateBucketFields, type EngineDocument } from './engineDocument.js'
import { facetField, filtersBut, planEngineSearch, type EngineSearchSettings } from './enginePlan.js'

/** A JSON query clause (OpenSearch query DSL). */
type Clause = Readonly<Record<string, unknown>>

/** The search request `toOpenSearchRequest` makes: the `index` and `body` of `client.search`. */
export interface OpenSearchRequest {
  readonly index: string
  readonly body: {
    readonly query: Clause
    readonly post_filter: Clause
    readonly aggs: Readonly<Record<string, Clause>>
    readonly sort: readonly (string | Readonly<Record<string, unknown>>)[]
    readonly from: number
    readonly size: number
    readonly track_total_hits: true
    readonly _source: { readonly excludes: readonly string[] }
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
export function openSearchIndexBody(): Readonly<Record<string, unknown>> {
  const text = { type: 'text', analyzer: 'folded' }
  return {
    settings: {
      analysis: { analyzer: { folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'stop'] } } },
    },
    mappings: {
      dynamic: 'strict',
      dynamic_templates: [{ facets: { match: 'facet_*', mapping: { type: 'keyword' } } }],
      properties: {
        id: { type: 'keyword' },
        position: { type: 'integer' },
        ...Object.fromEntries(textFields.map((field) => [field, text])),
        image: { type: 'keyword', index: false },
        date: { type: 'keyword', index: false },
        place: { type: 'keyword', index: false },
        date_start: { type: 'long' },
        date_end: { type: 'long' },
        ...Object.fromEntries(Object.values(dateBucketFields).map((field) => [field, { type: 'integer' }])),
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
export function toOpenSearchRequest(query: string, options: SearchOptions = {}, settings: EngineSearchSettings & { readonly index?: string } = {}): OpenSearchRequest {
  const plan = planEngineSearch(query, options, settings)
  const aggs: Record<string, Clause> = { unfiltered: { filter: { match_all: {} } } }
  for (const facet of plan.facets) {
    if (facet.kind === 'none') continue
    const filter = bool(filtersBut(plan.filters, facet.name))
    if (facet.kind === 'date') {
      aggs[facet.name] = { filter, aggs: { buckets: { terms: { field: dateBucketFields[facet.interval], size: 65_535, order: { _key: 'asc' } } } } }
      continue
    }
    const field = facetField(facet)
    const terms = { terms: { field, size: Math.max(facet.limit, 1), order: [{ _count: 'desc' }, { _key: 'asc' }] } }
    const selected = facet.selected.length === 0 ? {} : { selected: { terms: { field, include: facet.selected, size: facet.selected.length, min_doc_count: 0 } } }
    aggs[facet.name] = { filter, aggs: { values: terms, ...selected } }
  }
  const last = { order: plan.sort === 'date' ? 'asc' : 'desc', missing: '_last' }
  const sort = plan.sort === 'relevance' ? [...(plan.text === '' ? [] : ['_score']), { position: 'asc' }] : [{ date_start: last }, { position: 'asc' }]
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

function textQuery(plan: ReturnType<typeof planEngineSearch>): Clause {
  const fuzziness = plan.fuzzy === false || plan.fuzzy === 0 ? undefined : typeof plan.fuzzy === 'number' && plan.fuzzy >= 1 ? String(Math.min(2, Math.floor(plan.fuzzy))) : 'AUTO:5,8'
  return {
    multi_match: {
      query: plan.text,
      type: plan.prefix === false ? 'most_fields' : 'bool_prefix',
      fields: textFields.map((field) => `${field}^${plan.boost[field]}`),
      operator: plan.combineWith.toLowerCase(),
      ...(fuzziness === undefined ? {} : { fuzziness }),
    },
  }
}

function bool(filters: readonly Filter[]): Clause {
  return { bool: { filter: filters.map(clause) } }
}

function clause(filter: Filter): Clause {
  if ('values' in filter) return { terms: { [`facet_${filter.facet}`]: filter.values } }
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
