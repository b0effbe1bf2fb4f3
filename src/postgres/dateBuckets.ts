import type { DateBucket } from '../search/facets/dateFacet.js'

type BucketSize = 'year' | 'decade' | 'century'

/**
 * Width in years and first year (AD) of each bucket size; the same numbering
 * as the static index's histogram: buckets are consecutive through the BC/AD
 * boundary (there is no year 0), 0 the first AD bucket, -1 the last BC one.
 */
const buckets = { year: [1, 1], decade: [10, 0], century: [100, 1] } as const satisfies Record<
  BucketSize,
  readonly [number, number]
>

/** SQL for the bucket number of an integer year expression (integer division of non-negative numbers is floor). */
export function bucketSql(year: string, size: BucketSize): string {
  const [width, first] = buckets[size]
  return `(CASE WHEN ${year} > 0 THEN (${year} - ${first}) / ${width} ELSE -((-(${year}) - ${first}) / ${width}) - 1 END)`
}

/** Label and years of a bucket: `1860s`, `5th century BC` (from -500 to -401). */
export function describeBucket(bucket: number, size: BucketSize, count: number): DateBucket {
  const [width, first] = buckets[size]
  const bc = bucket < 0
  const n = bc ? -bucket - 1 : bucket
  // Years counted away from the BC/AD boundary, then signed.
  const near = Math.max(1, n * width + first)
  const far = n * width + first + width - 1
  const name = size === 'year' ? `${near}` : size === 'decade' ? `${n * 10}s` : `${ordinal(n + 1)} century`
  return { value: bc ? `${name} BC` : name, from: bc ? -far : near, to: bc ? -near : far, count }
}

function ordinal(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}
