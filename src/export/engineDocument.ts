import { dateKey } from '../core/dateKey.js'
import { roundCoordinate } from '../core/geo.js'
import type { StoredFields } from '../core/indexData.js'
import type { IndexOptions } from '../core/options.js'
import { facetValues } from '../extract/facetValues.js'
import type { IndexRecord } from '../extract/record.js'
import { builtInFacets } from '../postgres/searchPlan.js'

/** Sort key of an ongoing conflict's end: after every date (dateKey stays within ±100,001,231). */
export const ongoingEnd = 2_147_483_647

/** Bucket sizes of the date histogram, as document fields. */
export const dateBucketFields = { year: 'date_year', decade: 'date_decade', century: 'date_century' } as const

/**
 * One article as the three engines index it: the stored and text fields of
 * the static index (the app's own stored `fields` and searched `custom`
 * text too), every facet as a `facet_<name>` keyword list (one
 * `facet_place_level_<n>` per level of the place hierarchy), the date as day
 * keys (`dateKey`: sortable, BC negative) for overlap filters and sorting,
 * the histogram buckets the interval touches (the static index's
 * numbering) so a plain facet count is the histogram, and the coordinates
 * as the static index keeps them (four decimals) in `lat` and `lon`; each
 * engine's document adds its own geo field from them.
 */
export interface EngineDocument {
  readonly id: string
  /** Load order (ids sorted): the tie-break of every sort, as in the static index. */
  readonly position: number
  readonly title: string
  readonly shortDescription?: string
  readonly description?: string
  readonly image?: string
  readonly date?: string
  readonly place?: string
  readonly infobox: string
  readonly body: string
  /** The text of the front-matter fields named by the `fields` option; only when there is some. */
  readonly custom?: string
  /** The app's own front-matter fields kept with the `store` option, as `SearchHit.fields`. */
  readonly fields?: StoredFields
  /** Where it happened, in degrees (four decimals); both or neither. */
  readonly lat?: number
  readonly lon?: number
  readonly [facet: `facet_${string}`]: readonly string[]
  readonly date_start?: number
  /** `ongoingEnd` for an ongoing conflict. */
  readonly date_end?: number
  readonly date_year?: readonly number[]
  readonly date_decade?: readonly number[]
  readonly date_century?: readonly number[]
}

/** The facet names of an export: built-in ones, then the extra ones. */
export const engineFacets = (options: Pick<IndexOptions, 'facets'>): readonly string[] => [
  ...builtInFacets,
  ...options.facets,
]

/** Width and first year of each bucket size, as the static index's histogram numbers them. */
const buckets = { year: [1, 1], decade: [10, 0], century: [100, 1] } as const

function bucketOf(year: number, size: keyof typeof buckets): number {
  const [width, first] = buckets[size]
  return year > 0 ? Math.floor((year - first) / width) : -Math.floor((-year - first) / width) - 1
}

function bucketRange(from: number, to: number, size: keyof typeof buckets): number[] {
  const list: number[] = []
  for (let bucket = bucketOf(from, size); bucket <= bucketOf(to, size); bucket++) list.push(bucket)
  return list
}

/**
 * A record as an engine document. `presentYear` ends an ongoing conflict's
 * histogram buckets (the static index uses the year of the search).
 */
export function engineDocument(
  record: IndexRecord,
  position: number,
  options: Pick<IndexOptions, 'facets'>,
  presentYear: number,
): EngineDocument {
  const { facets } = record
  const document: Record<string, unknown> = {
    id: record.id,
    position,
    title: record.title,
    ...(record.shortDescription === undefined ? {} : { shortDescription: record.shortDescription }),
    ...(record.description === undefined ? {} : { description: record.description }),
    ...(record.image === undefined ? {} : { image: record.image }),
    ...(record.date === undefined ? {} : { date: record.date }),
    ...(record.place === undefined ? {} : { place: record.place }),
    infobox: record.infobox,
    body: record.body,
    ...(record.custom === '' ? {} : { custom: record.custom }),
    ...(record.fields === undefined ? {} : { fields: record.fields }),
    ...(facets.coordinates === undefined
      ? {}
      : { lat: roundCoordinate(facets.coordinates.lat), lon: roundCoordinate(facets.coordinates.lon) }),
  }
  for (const facet of engineFacets(options)) document[`facet_${facet}`] = facetValues(record, facet)
  facets.placeHierarchy.forEach((place, level) => (document[`facet_place_level_${level}`] = [place]))
  if (facets.date !== undefined) {
    const start = dateKey(facets.date.start, 'start')
    const end = facets.date.end === undefined ? undefined : dateKey(facets.date.end, 'end')
    const firstYear = Math.floor(start / 10_000)
    const lastYear = end === undefined ? Math.max(presentYear, firstYear) : Math.floor(end / 10_000)
    document['date_start'] = start
    document['date_end'] = end ?? ongoingEnd
    for (const [size, field] of Object.entries(dateBucketFields))
      document[field] = bucketRange(firstYear, lastYear, size as keyof typeof buckets)
  }
  return document as unknown as EngineDocument
}
