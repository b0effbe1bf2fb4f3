/** A point in decimal degrees: latitude −90…90 (north positive), longitude −180…180 (east positive). */
export interface GeoPoint {
  readonly lat: number
  readonly lon: number
}

/**
 * Decimal places kept of a stored coordinate: 4 is about 11 m, finer than
 * any infobox states a battle's place.
 */
export const coordinatePlaces = 4

/** A coordinate rounded to `coordinatePlaces`. */
export function roundCoordinate(degrees: number): number {
  const scale = 10 ** coordinatePlaces
  return Math.round(degrees * scale) / scale
}

/** Mean radius of the Earth in kilometres (IUGG). */
export const earthRadius = 6371.0088

/**
 * Great-circle distance in kilometres between two points (haversine, on a
 * sphere: within 0.5% of the ellipsoid, plenty for "near here").
 *
 * @example
 * distanceKm({ lat: 48.7, lon: 44.5167 }, { lat: 55.7558, lon: 37.6173 }) // ≈ 912 (Volgograd → Moscow)
 */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const radians = Math.PI / 180
  const dLat = (b.lat - a.lat) * radians
  const dLon = (b.lon - a.lon) * radians
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * radians) * Math.cos(b.lat * radians) * Math.sin(dLon / 2) ** 2
  return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(h)))
}
