import { dateKey, parseDateBound } from '../extract/facets/dates.js'
import { invalid, type DateBucketSize, type DateFilter } from './searchOptions.js'
import type { DocumentSet } from './facetCounts.js'
import type { DateTable } from './indexData.js'

/** One bar of the date histogram. */
export interface DateBucket {
  /** Label: `1863`, `1860s`, `19th century`, `490s BC`, `5th century BC`. */
  readonly value: string
  /** First and last year of the bucket (negative for BC). */
  readonly from: number
  readonly to: number
  readonly count: number
}

/** Year of a day key (floor, so BC keys map to their own year). */
const yearOf = (key: number): number => Math.floor(key / 10000)

/**
 * The documents whose interval overlaps the filter. Ongoing conflicts
 * overlap everything after their start.
 * @throws {OptionsError} when a bound is not a year or an ISO date.
 */
export function documentsInRange(table: DateTable, filter: DateFilter): DocumentSet {
  const from = bound(filter.from, 'start', 'filters.date.from')
  const to = bound(filter.to, 'end', 'filters.date.to')
  const set = new Uint8Array(table.start.length)
  for (let doc = 0; doc < set.length; doc++) {
    const start = table.start[doc]
    if (start === null || start === undefined) continue
    const end = table.end[doc] ?? Infinity
    if (start <= to && end >= from) set[doc] = 1
  }
  return set
}

function bound(value: number | string | undefined, side: 'start' | 'end', option: string): number {
  if (value === undefined) return side === 'start' ? -Infinity : Infinity
  const date = parseDateBound(value)
  if (date === undefined) invalid(option, "a year number or 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (negative years for BC)", value)
  return dateKey(date, side)
}

/**
 * Histogram of the documents in `set`: an article counts in every bucket its
 * interval touches; an ongoing one up to `presentYear`.
 */
export function countDates(table: DateTable, set: DocumentSet, size: DateBucketSize, presentYear: number): DateBucket[] {
  const counts = new Map<number, number>()
  for (let doc = 0; doc < set.length; doc++) {
    const start = table.start[doc]
    if (set[doc] !== 1 || start === null || start === undefined) continue
    const end = table.end[doc]
    const last = bucketOf(end === null || end === undefined ? Math.max(presentYear, yearOf(start)) : yearOf(end), size)
    for (let bucket = bucketOf(yearOf(start), size); bucket <= last; bucket++) counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
  }
  return [...counts].sort(([a], [b]) => a - b).map(([bucket, count]) => ({ ...describeBucket(bucket, size), count }))
}

/**
 * Buckets are numbered consecutively through the BC/AD boundary (there is no
 * year 0): bucket 0 is AD 1…, bucket -1 the last one before it.
 */
function bucketOf(year: number, size: DateBucketSize): number {
  if (size === 'year') return year > 0 ? year - 1 : year
  if (size === 'century') return year > 0 ? Math.ceil(year / 100) - 1 : -Math.ceil(-year / 100)
  // Decades: AD 1–9 form the "0s", 9–1 BC the "0s BC".
  return year > 0 ? Math.floor(year / 10) : -Math.floor(-year / 10) - 1
}

function describeBucket(bucket: number, size: DateBucketSize): Omit<DateBucket, 'count'> {
  if (size === 'century') {
    const n = bucket >= 0 ? bucket + 1 : -bucket
    const label = `${ordinal(n)} century${bucket >= 0 ? '' : ' BC'}`
    return bucket >= 0 ? { value: label, from: bucket * 100 + 1, to: (bucket + 1) * 100 } : { value: label, from: -n * 100, to: -(n - 1) * 100 - 1 }
  }
  if (size === 'year') {
    const year = bucket >= 0 ? bucket + 1 : bucket
    return { value: year > 0 ? String(year) : `${-year} BC`, from: year, to: year }
  }
  if (bucket >= 0) return { value: `${bucket * 10}s`, from: Math.max(1, bucket * 10), to: bucket * 10 + 9 }
  const start = (-bucket - 1) * 10
  return { value: `${start}s BC`, from: -(start + 9), to: -Math.max(1, start) }
}

function ordinal(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}
