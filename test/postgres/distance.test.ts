import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { distanceKm, roundCoordinate, type GeoPoint } from '../../src/core/geo.js'
import { distanceSql, pointParameters } from '../../src/postgres/geoSql.js'
import { fcParameters } from '../robustness/helpers.js'
import { describePostgres } from './helpers.js'

// The SQL haversine (what radius filters and `sort: 'distance'` compare) against
// the static index's `distanceKm`, on the live server: the same number but for
// the last bits of the two math libraries' sines and cosines.

/** Largest relative difference allowed; the brief of issue 17 asks for 1e-9. */
const tolerance = 1e-9

describePostgres('distanceSql', (url) => {
  const client = new pg.Client({ connectionString: url })
  beforeAll(() => client.connect())
  afterAll(() => client.end())

  /** Distances from `from` to each of `to` (a table's points: four decimals) in SQL. */
  async function sqlDistances(from: GeoPoint, to: readonly GeoPoint[]): Promise<number[]> {
    const values: unknown[] = []
    const add = (value: unknown) => `$${values.push(value)}`
    const lats = add(to.map(({ lat }) => lat))
    const lons = add(to.map(({ lon }) => lon))
    const distance = distanceSql(pointParameters(from, add), { lat: 'p.lat', lon: 'p.lon' }, add)
    const { rows } = await client.query<{ d: number }>(
      `SELECT ${distance} AS d FROM unnest(${lats}::float8[], ${lons}::float8[]) WITH ORDINALITY AS p(lat, lon, n) ORDER BY p.n`,
      values,
    )
    return rows.map((row) => row.d)
  }

  const degrees = (limit: number) =>
    fc.oneof(fc.integer({ min: -limit, max: limit }), fc.double({ min: -limit, max: limit, noNaN: true }))
  const point = fc.record({ lat: degrees(90), lon: degrees(180) })
  const stored = point.map(({ lat, lon }) => ({ lat: roundCoordinate(lat), lon: roundCoordinate(lon) }))

  test('equal to distanceKm within 1e-9 relative (distances under 1e-100 km: both under it), antipodes and poles included', async () => {
    let worst = 0
    const check = async (from: GeoPoint, to: readonly GeoPoint[]) => {
      const actual = await sqlDistances(from, to)
      to.forEach((point, at) => {
        const expected = distanceKm(from, point)
        const got = actual[at] as number
        const error = Math.abs(got - expected)
        // Under 1e-100 km both are 0 for any use: a point within 1e-140° of the equator or the
        // meridian is on it in SQL (`pointParameters`), where a product would underflow.
        if (expected < 1e-100)
          return expect(error, `${JSON.stringify(from)} → ${JSON.stringify(point)}`).toBeLessThan(1e-100)
        worst = Math.max(worst, error / expected)
        expect(error / expected, `${JSON.stringify(from)} → ${JSON.stringify(point)}`).toBeLessThanOrEqual(tolerance)
      })
    }
    await check({ lat: 0, lon: 0 }, [
      { lat: 0, lon: 0 },
      { lat: 0, lon: 180 },
      { lat: 0, lon: -180 },
      { lat: 90, lon: 0 },
      { lat: -90, lon: 45 },
      { lat: 1e-4, lon: -1e-4 },
    ])
    await check({ lat: -18, lon: 178 }, [
      { lat: -17.68, lon: 178.83 },
      { lat: -13.83, lon: -171.76 },
    ])
    await fc.assert(
      fc.asyncProperty(point, fc.array(stored, { minLength: 1, maxLength: 50 }), check),
      fcParameters(100),
    )
    // What the README says of it.
    expect(worst).toBeLessThan(1e-13)
    console.info(`distanceSql: largest relative difference from distanceKm ${worst}`)
  })
})
