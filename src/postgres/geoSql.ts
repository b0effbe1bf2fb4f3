import { earthRadius, type GeoPoint } from '../core/geo.js'
import type { Box } from './searchSql.js'

/** Adds a query parameter and gives its `$n`. */
type Add = (value: unknown) => string

/** A point in SQL: two float8 expressions (columns, or parameters). */
interface PointSql {
  readonly lat: string
  readonly lon: string
}

/**
 * Degrees nearer 0 than this are 0 in SQL. PostgreSQL refuses a product of
 * two non-zero numbers that underflows to 0 (JavaScript gives 0), which the
 * squares of the haversine reach for a point within 1e-160 degrees of 0;
 * below this bound such a coordinate changes no distance by more than
 * 1e-137 km, so nothing but a radius that small can tell.
 */
const tinyDegrees = 1e-140

/** A point as two float8 parameters (see `tinyDegrees`). */
export const pointParameters = (point: GeoPoint, add: Add): PointSql => {
  const degrees = (value: number) => `${add(Math.abs(value) < tinyDegrees ? 0 : value)}::float8`
  return { lat: degrees(point.lat), lon: degrees(point.lon) }
}

/**
 * Great-circle distance in kilometres from `a` to `b`: `distanceKm` of
 * src/core/geo.ts written in SQL term by term (the same constants, the same
 * order of operations, `x * x` for `x ** 2`, which V8 computes alike), so
 * both give the same doubles but for a last-bit difference of the two math
 * libraries' sines and cosines. No PostGIS or earthdistance: plain float8
 * functions. One of the points is a table's (4 decimals), the other given
 * through `pointParameters`: no product underflows.
 */
export function distanceSql(a: PointSql, b: PointSql, add: Add): string {
  const radians = `${add(Math.PI / 180)}::float8`
  const half = (to: string, from: string) => `sin(((${to} - ${from}) * ${radians}) / 2)`
  const latSine = half(b.lat, a.lat)
  const lonSine = half(b.lon, a.lon)
  const h = `${latSine} * ${latSine} + cos(${a.lat} * ${radians}) * cos(${b.lat} * ${radians}) * (${lonSine} * ${lonSine})`
  return `(2 * ${add(earthRadius)}::float8 * asin(least(1::float8, sqrt(${h}))))`
}

/**
 * Inside a box (its edges included; `west > east` crosses the antimeridian),
 * as `isInside` of the static index says. Null for an article without
 * coordinates (no filter keeps it).
 */
export function boxSql(row: string, box: Box, add: Add): string {
  const lat = `${row}.lat`
  const lon = `${row}.lon`
  const west = `${add(box.west)}::float8`
  const east = `${add(box.east)}::float8`
  const longitude =
    box.west <= box.east ? `${lon} >= ${west} AND ${lon} <= ${east}` : `(${lon} >= ${west} OR ${lon} <= ${east})`
  return `${lat} >= ${add(box.south)}::float8 AND ${lat} <= ${add(box.north)}::float8 AND ${longitude}`
}

/**
 * Within `radius` kilometres of `center` (`isInside`: `distanceKm(point,
 * center) <= radius`). A band of latitudes first, which no point within the
 * radius can leave (a great circle is at least as long as its change of
 * latitude; a margin for rounding): the (lat, lon) index can serve it.
 */
export function circleSql(row: string, center: GeoPoint, radius: number, add: Add): string {
  const band = (radius / ((earthRadius * Math.PI) / 180)) * (1 + 1e-9) + 1e-9
  const point = { lat: `${row}.lat`, lon: `${row}.lon` }
  return `${row}.lat BETWEEN ${add(center.lat - band)}::float8 AND ${add(center.lat + band)}::float8 AND ${distanceSql(point, pointParameters(center, add), add)} <= ${add(radius)}::float8`
}
