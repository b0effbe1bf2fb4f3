import type { GeoPoint } from '../core/geo.js'
import { bucketSql } from './dateBuckets.js'
import { boxSql, circleSql, distanceSql, pointParameters } from './geoSql.js'
import type { TermPlan } from './termPlan.js'
import { quote, type TableNames } from './tableNames.js'

/** A box of the coordinates filter, in degrees; `west > east` crosses the antimeridian. */
export interface Box {
  readonly west: number
  readonly south: number
  readonly east: number
  readonly north: number
}

/**
 * An active filter: values of one facet (OR-ed), a date overlap with day-key
 * bounds (null = open), or an area of the coordinates: a box, or within
 * `radius` kilometres of a point.
 */
export type Filter =
  | { readonly facet: string; readonly values: readonly string[] }
  | { readonly facet: 'date'; readonly from: number | null; readonly to: number | null }
  | { readonly facet: 'coordinates'; readonly box: Box }
  | { readonly facet: 'coordinates'; readonly near: GeoPoint; readonly radius: number }

/** A facet to count: values (optionally one level of the place hierarchy), or a date histogram. */
export type FacetQuery =
  | {
      readonly name: string
      readonly kind: 'values'
      readonly limit: number
      readonly selected: readonly string[]
      readonly level?: number
    }
  | { readonly name: string; readonly kind: 'date'; readonly interval: 'year' | 'decade' | 'century' }
  /** The coordinates as a grid of `cell`-degree cells: count and mean point per cell. */
  | { readonly name: string; readonly kind: 'geo'; readonly cell: number }
  /** A facet the static index has no table for (a hierarchy level no article reaches): no counts. */
  | { readonly name: string; readonly kind: 'none' }

/** Everything one search query needs. */
export interface SearchQuery {
  readonly names: TableNames
  /** `undefined` browses every article; a plan with an empty `match` matches none. */
  readonly plan: TermPlan | undefined
  readonly filters: readonly Filter[]
  /**
   * Conditions every article of the result passes, whatever facet is counted
   * (`applySuggested`: a span of the query naming values of several facets):
   * one filter of each list at least. `totalUnfiltered` ignores them.
   */
  readonly required: readonly (readonly Filter[])[]
  /**
   * What the query names (`understand`), one list per span of it: a match
   * that any filter of a span selects is in it, and matches in more spans
   * rank first (when sorting by relevance).
   */
  readonly signals: readonly (readonly Filter[])[]
  readonly facets: readonly FacetQuery[]
  readonly sort: 'relevance' | 'date' | '-date' | 'distance'
  /** The point `sort: 'distance'` measures from. */
  readonly near: GeoPoint | undefined
  readonly limit: number
  readonly offset: number
  /** ts_rank weights {D, C, B, A}. */
  readonly weights: readonly number[]
  readonly presentYear: number
}

/** Matches above which ranking reads each match's short vector (`rank_search`) instead of the whole one. */
export const fullRankLimit = 1000

/** Numbered parameters: `add(value)` gives its `$n`. */
function parameters() {
  const values: unknown[] = []
  return { values, add: (value: unknown): string => `$${values.push(value)}` }
}

/**
 * One statement for the whole result but the hits' stored fields: the
 * matching articles (with a flag per filter) materialised once, then the
 * totals, one page of ranked positions, and each facet counted over the
 * matches that pass every filter but its own (disjunctive counts).
 */
export function searchSql(query: SearchQuery): { text: string; values: unknown[] } {
  const { names, plan, filters, facets } = query
  const p = parameters()
  const tsquery = plan === undefined || plan.match === '' ? undefined : p.add(plan.match)
  const match =
    plan === undefined
      ? 'TRUE'
      : tsquery === undefined
        ? 'FALSE'
        : `a.position IN (SELECT ${names.match}(${tsquery}::tsquery))`
  const conditions = filters.map((filter) => condition(filter, p.add))
  // IS TRUE: an undated article's date condition is null, and is not named.
  const anyOf = (list: readonly Filter[]) =>
    `((${list.map((filter) => condition(filter, p.add)).join(' OR ') || 'FALSE'}) IS TRUE)`
  const required = query.required.map(anyOf).join(' AND ') || 'TRUE'
  const flag = (i: number) => `m.f${i}`
  const allBut = (facet?: string) =>
    filters.map((filter, i) => (filter.facet === facet ? 'TRUE' : flag(i))).join(' AND ') || 'TRUE'

  // Rows that no part of the result needs are left out: those failing two filters, or one that is not counted.
  const counted = new Set(facets.map((facet) => facet.name))
  const active = filters.map((filter) => filter.facet).filter((facet) => counted.has(facet))
  const allOf = (except?: string) => conditions.filter((_, i) => filters[i]?.facet !== except).join(' AND ') || 'TRUE'
  const prefilter =
    filters.length === 0
      ? 'TRUE'
      : active.length === 0
        ? allOf()
        : active.map((facet) => `(${allOf(facet)})`).join(' OR ')

  const columns = new Set(['a.position', 'a.date_start'])
  for (const facet of facets) {
    if (facet.kind === 'date') ['a.year_start', 'a.year_end'].forEach((column) => columns.add(column))
    else if (facet.kind === 'geo') ['a.lat', 'a.lon'].forEach((column) => columns.add(column))
    else if (facet.kind === 'values')
      columns.add(facet.level === undefined ? `a.${quote(`facet_${facet.name}`)}` : 'a.place_hierarchy')
  }
  const near = query.sort === 'distance' ? query.near : undefined
  if (near !== undefined) ['a.lat', 'a.lon'].forEach((column) => columns.add(column))
  const flags = conditions.map((sql, i) => `(${sql}) AS f${i}`)
  // Sorted by distance, ties (articles without coordinates among them) keep the relevance order.
  const ranked = tsquery !== undefined && (query.sort === 'relevance' || query.sort === 'distance')
  const weights = ranked ? p.add(query.weights) : ''
  // A broad query ranks by the short vector (no body past its lead): reading every match's whole vector is what costs.
  const vector = `CASE WHEN (SELECT count(*) FROM m) > ${fullRankLimit} THEN a.rank_search ELSE a.search END`
  const score = ranked
    ? (plan?.components ?? [])
        .map((c) => `${c.weight} * ts_rank(${weights}::float4[], ${vector}, ${p.add(c.query)}::tsquery)`)
        .join(' + ')
    : '0'
  // As the static index ranks: matches in more of the query's named spans first, then those matching
  // more of its terms (all of them, with AND), then by score.
  const strength =
    ranked && query.signals.length > 0 ? query.signals.map((span) => `${anyOf(span)}::int`).join(' + ') : '0'
  const terms = plan?.terms ?? []
  const matched =
    ranked && terms.length > 1 && plan?.combineWith === 'OR'
      ? terms.map((term) => `(${vector} @@ ${p.add(term)}::tsquery)::int`).join(' + ')
      : '0'
  // Ties (and undated articles, last either way) keep the load order, as the static index keeps its own.
  const relevance = ranked ? 'r.strength DESC, r.matched DESC, r.score DESC, r.position' : 'r.position'
  const order = {
    relevance,
    date: 'r.date_start ASC NULLS LAST, r.position',
    '-date': 'r.date_start DESC NULLS LAST, r.position',
    distance: `r.distance ASC NULLS LAST, ${relevance}`,
  }[query.sort]
  // From the point to each article (`distanceKm(near, point)`); null without coordinates.
  const distance =
    near === undefined
      ? 'NULL::float8'
      : distanceSql(pointParameters(near, p.add), { lat: 'm.lat', lon: 'm.lon' }, p.add)
  const unfiltered =
    filters.length === 0 && query.required.length === 0
      ? '(SELECT count(*) FROM m)'
      : tsquery === undefined
        ? `(SELECT count(*) FROM ${names.main} a WHERE ${match})`
        : `(SELECT count(*) FROM ${names.match}(${tsquery}::tsquery))`

  const text = `WITH m AS MATERIALIZED (
  SELECT ${[...columns, ...flags].join(', ')} FROM ${names.main} a WHERE ${match} AND ${required} AND (${prefilter})
)
SELECT ${unfiltered} AS unfiltered,
  (SELECT count(*) FROM m WHERE ${allBut()}) AS total,
  (SELECT coalesce(json_agg(json_build_array(h.position, h.score) ORDER BY h.n), '[]'::json) FROM (
    SELECT r.position, r.score, row_number() OVER (ORDER BY ${order}) AS n FROM (
      SELECT m.position, m.date_start, ${score} AS score, ${strength} AS strength, ${matched} AS matched, ${distance} AS distance
      FROM m${ranked ? ` JOIN ${names.main} a ON a.position = m.position` : ''} WHERE ${allBut()}) r
    ORDER BY ${order} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}) h) AS hits${facets.map((facet, i) => `,\n  ${facetSql(facet, names, allBut(facet.name), p.add, query.presentYear)} AS facet${i}`).join('')}`
  return { text, values: p.values }
}

function condition(filter: Filter, add: (value: unknown) => string): string {
  if ('values' in filter) return `a.${quote(`facet_${filter.facet}`)} && ${add(filter.values)}::text[]`
  if ('box' in filter) return boxSql('a', filter.box, add)
  if ('near' in filter) return circleSql('a', filter.near, filter.radius, add)
  const { from, to } = filter
  if (from === null || to === null || from <= to)
    return `a.date_range && int8range(${add(from)}::bigint, ${add(to)}::bigint, '[]')`
  // A reversed filter (from after to) is no range, but the static index still keeps what starts by "to" and ends from "from" on.
  return `a.date_start <= ${add(to)}::bigint AND (a.date_end IS NULL OR a.date_end >= ${add(from)}::bigint)`
}

/** A facet's counts as JSON: `[[value, count, label], …]` (then the selected values' own counts), or `[[bucket, count], …]`. */
function facetSql(
  facet: FacetQuery,
  names: TableNames,
  where: string,
  add: (value: unknown) => string,
  presentYear: number,
): string {
  if (facet.kind === 'none') return `'[]'::json`
  if (facet.kind === 'geo') {
    // The cells' numbers and their articles' summed coordinates, summed in load order as the static
    // index sums them (the same doubles); `facetResult` names the cells and takes the means.
    // A cell below 1e-300 degrees (which makes the static index's cells infinite) would overflow PostgreSQL's division.
    const cell = `${add(Math.max(facet.cell, 1e-300))}::float8`
    return `(SELECT coalesce(json_agg(json_build_array(s.y, s.x, s.c, s.lat, s.lon)), '[]'::json) FROM (
    SELECT floor(m.lat / ${cell}) AS y, floor(m.lon / ${cell}) AS x, count(*) AS c,
      sum(m.lat ORDER BY m.position) AS lat, sum(m.lon ORDER BY m.position) AS lon
    FROM m WHERE m.lat IS NOT NULL AND ${where} GROUP BY 1, 2) s)`
  }
  if (facet.kind === 'date') {
    const first = bucketSql('m.year_start', facet.interval)
    const last = bucketSql(`coalesce(m.year_end, greatest(${add(presentYear)}::int, m.year_start))`, facet.interval)
    return `(SELECT coalesce(json_agg(json_build_array(s.b, s.c) ORDER BY s.b), '[]'::json) FROM (
    SELECT b, count(*) AS c FROM m, generate_series(${first}, ${last}) b WHERE m.year_start IS NOT NULL AND ${where} GROUP BY b) s)`
  }
  const table = facet.level === undefined ? facet.name : `${facet.name}@${facet.level}`
  const value = facet.level === undefined ? undefined : `m.place_hierarchy[${add(facet.level + 1)}::int]`
  const source =
    value === undefined
      ? `m, unnest(m.${quote(`facet_${facet.name}`)}) v`
      : `(SELECT ${value} AS v FROM m WHERE ${where}) x`
  const filter = value === undefined ? where : 'v IS NOT NULL'
  const has = (selected: string) =>
    value === undefined ? `m.${quote(`facet_${facet.name}`)} @> ARRAY[${selected}]` : `${value} = ${selected}`
  const labels = (alias: string) => `LEFT JOIN ${names.labels} l ON l.facet = ${add(table)} AND l.value = ${alias}.v`
  const top = `(SELECT coalesce(json_agg(json_build_array(s.v, s.c, l.label) ORDER BY s.c DESC, s.v COLLATE "C"), '[]'::json) FROM (
    SELECT v, count(*) AS c FROM ${source} WHERE ${filter} GROUP BY v ORDER BY count(*) DESC, v COLLATE "C" LIMIT ${add(facet.limit)}) s ${labels('s')})`
  if (facet.selected.length === 0) return `json_build_array(${top}, '[]'::json)`
  const selected = `(SELECT json_agg(json_build_array(s.v, (SELECT count(*) FROM m WHERE ${where} AND ${has('s.v')}), l.label))
    FROM unnest(${add(facet.selected)}::text[]) s(v) ${labels('s')})`
  return `json_build_array(${top}, ${selected})`
}
