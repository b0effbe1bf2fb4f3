import type { DateTable } from '../../core/indexData.js'
import type { DateBucketSize } from '../searchOptions.js'
import type { DocumentSet, Facet, FacetCount } from './facet.js'

/** One bar of the date histogram: a facet count with the years it spans. */
export interface DateBucket extends FacetCount {
  /** Label: `1863`, `1860s`, `19th century`, `490s BC`, `5th century BC`. */
  readonly value: string
  /** First and last year of the bucket (negative for BC). */
  readonly from: number
  readonly to: number
}

/** The date facet, plus what sorting by date needs. */
export interface DateFacet extends Facet {
  /** Start key of each document's interval (`null`: undated). */
  readonly starts: readonly (number | null)[]
}

/** Bucket size unless the request says otherwise. */
const defaultInterval: DateBucketSize = 'century'

/** Year of a day key (floor, so BC keys map to their own year). */
const yearOf = (key: number): number => Math.floor(key / 10000)

/**
 * The date facet: a filter keeps the documents whose interval overlaps it
 * (ongoing conflicts overlap everything after their start); counts are a
 * histogram in which an article counts in every bucket its interval touches,
 * an ongoing one up to the present year.
 */
export function createDateFacet(table: DateTable): DateFacet {
  return {
    kind: 'dates',
    starts: table.start,
    select(filter) {
      const set = new Uint8Array(table.start.length)
      if (filter.kind !== 'dates') return set
      for (let doc = 0; doc < set.length; doc++) {
        const start = table.start[doc]
        if (start === null || start === undefined) continue
        const end = table.end[doc] ?? Infinity
        if (start <= filter.to && end >= filter.from) set[doc] = 1
      }
      return set
    },
    count(set, request) {
      return countDates(table, set, request.interval ?? defaultInterval, new Date().getUTCFullYear())
    },
  }
}

/**
 * The histogram: each document adds one to every bucket from its first to
 * its last, through a difference array, so the work is linear in the
 * documents and the buckets spanned (not their product: ten thousand articles
 * dated "10,000 BC – present" would make 120 million steps by year).
 */
function countDates(table: DateTable, set: DocumentSet, size: DateBucketSize, presentYear: number): DateBucket[] {
  const spans: number[] = []
  let low = Infinity
  let high = -Infinity
  for (let doc = 0; doc < set.length; doc++) {
    const start = table.start[doc]
    if (set[doc] !== 1 || start === null || start === undefined) continue
    const end = table.end[doc]
    const first = bucketOf(yearOf(start), size)
    const last = bucketOf(end === null || end === undefined ? Math.max(presentYear, yearOf(start)) : yearOf(end), size)
    if (last < first) continue
    spans.push(first, last)
    low = Math.min(low, first)
    high = Math.max(high, last)
  }
  const changes = new Int32Array(spans.length === 0 ? 0 : high - low + 2)
  for (let at = 0; at < spans.length; at += 2) {
    const first = (spans[at] as number) - low
    const after = (spans[at + 1] as number) - low + 1
    changes[first] = (changes[first] as number) + 1
    changes[after] = (changes[after] as number) - 1
  }
  const buckets: DateBucket[] = []
  let count = 0
  for (let at = 0; at < changes.length - 1; at++) {
    count += changes[at] as number
    if (count > 0) buckets.push({ ...describeBucket(low + at, size), count })
  }
  return buckets
}

/** Width in years and first year (AD) of each bucket size. */
const buckets = { year: [1, 1], decade: [10, 0], century: [100, 1] } as const satisfies Record<
  DateBucketSize,
  readonly [number, number]
>

/**
 * Buckets are numbered consecutively through the BC/AD boundary (there is no
 * year 0): 0 is the first AD bucket (AD 1, the 0s, the 1st century), -1 the
 * last BC one (1 BC, the 0s BC, the 1st century BC).
 */
function bucketOf(year: number, size: DateBucketSize): number {
  const [width, first] = buckets[size]
  return year > 0 ? Math.floor((year - first) / width) : -Math.floor((-year - first) / width) - 1
}

function describeBucket(bucket: number, size: DateBucketSize): Omit<DateBucket, 'count'> {
  const [width, first] = buckets[size]
  const bc = bucket < 0
  const n = bc ? -bucket - 1 : bucket
  // Years counted away from the BC/AD boundary, then signed.
  const near = Math.max(1, n * width + first)
  const far = n * width + first + width - 1
  const name = size === 'year' ? `${near}` : size === 'decade' ? `${n * 10}s` : `${ordinal(n + 1)} century`
  return { value: bc ? `${name} BC` : name, from: bc ? -far : near, to: bc ? -near : far }
}

function ordinal(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}
