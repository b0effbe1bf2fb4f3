/**
 * The `country` facet of a conflict infobox: where it happened, in today's
 * countries.
 */
import type { Infobox, InfoboxField } from '../../parse/article.js'
import { type GeoPoint, parseCoordinates } from './coordinates.js'
import { type Continent, type Region, countryAt, describeCountry } from './countryLookup.js'
import { countriesInPlace } from './placeCountries.js'

/** Where a country came from, best first. */
export type CountrySource = 'coordinates' | 'place-text' | 'historical-state'

/** One modern country of an infobox. */
export interface DerivedCountry {
  /** ISO 3166-1 alpha-2 (`XK` for Kosovo). */
  readonly code: string
  /** English name: `Egypt`, `United Kingdom`, `United States of America`. */
  readonly label: string
  readonly region: Region
  readonly continent: Continent
  readonly source: CountrySource
  /** For text sources, the words that named it, normalized: `bulgaria`, `kingdom of france`. */
  readonly matched?: string
}

/** The geography of an infobox. */
export interface CountryFacet {
  /** The infobox's point, when its coordinates could be read. */
  readonly coordinates?: GeoPoint
  /** Modern countries, all from one source; empty when none is known or the point is at sea. */
  readonly countries: readonly DerivedCountry[]
}

/**
 * The modern country (or countries) where a conflict happened. Evidence,
 * best first; the first that applies decides:
 *
 * 1. **Coordinates** (`coordinates`, else old-style `latd`/`latm`/`lats`/
 *    `latNS` + `longd`/`longm`/`longs`/`longEW` fields), looked up in
 *    country-coder's borders. When they can be read they decide alone: a
 *    point at sea has no country, whatever the place text says.
 * 2. **Place text** without usable coordinates: countries named in a
 *    `modern-day`/`present-day`/`today`/`now` note, else anywhere in it
 *    (see `countriesInPlace`).
 * 3. **Historical states**, when nothing better exists: the main modern
 *    successor of the first state named (`Ottoman Empire` → TR), marked
 *    `historical-state`.
 *
 * Never throws.
 *
 * @example
 * deriveCountries(infobox) // Stalingrad: coordinates 48.7°N, 44.51667°W (the converter's form)
 * // { coordinates: { lat: 48.7, lon: 44.51667 },
 * //   countries: [{ code: 'RU', label: 'Russia', region: 'Europe', continent: 'Europe', source: 'coordinates' }] }
 * deriveCountries(infobox) // Second El Alamein: no coordinates, place "El Alamein, Egypt"
 * // { countries: [{ code: 'EG', label: 'Egypt', region: 'Africa', continent: 'Africa',
 * //                 source: 'place-text', matched: 'egypt' }] }
 * deriveCountries(infobox) // Jutland: 56.7°N, 5.86667°W, in the North Sea
 * // { coordinates: { lat: 56.7, lon: 5.86667 }, countries: [] }
 */
export function deriveCountries(infobox: Infobox): CountryFacet {
  const coordinates = infoboxCoordinates(infobox)
  if (coordinates !== undefined) {
    const info = countryAt(coordinates)
    return { coordinates, countries: info === undefined ? [] : [{ ...info, source: 'coordinates' }] }
  }
  const countries = countriesInPlace(field(infobox, 'place')).flatMap(({ code, matched, source }) => {
    const info = describeCountry(code)
    return info === undefined ? [] : [{ ...info, source, matched }]
  })
  return { countries }
}

/**
 * The point of an infobox: its `coordinates` field, else the old-style
 * degree, minute, second and hemisphere fields (Toronto: `latd` 43,
 * `latm` 42, `latns` N, `longd` 79, `longm` 24, `longew` W).
 *
 * @example
 * infoboxCoordinates(infobox) // { coordinates: { text: '-9.5°N, 160.2°W' } } → { lat: -9.5, lon: 160.2 }
 * infoboxCoordinates(infobox) // latd 43, latm 42, latns N, longd 79, longm 24, longew W → { lat: 43.7, lon: -79.4 }
 */
export function infoboxCoordinates(infobox: Infobox): GeoPoint | undefined {
  const text = field(infobox, 'coordinates')?.text
  if (text !== undefined && text.trim() !== '') return parseCoordinates(text)
  const latitude = dms(infobox, 'lat', 'latns')
  const longitude = dms(infobox, 'long', 'longew')
  return latitude === undefined || longitude === undefined ? undefined : parseCoordinates(`${latitude} ${longitude}`)
}

/** `43°42′N` from `latd`, `latm`, `lats` and `latns`; undefined without degrees. */
function dms(infobox: Infobox, prefix: string, hemisphereField: string): string | undefined {
  const part = (name: string): string => field(infobox, name)?.text.trim() ?? ''
  const [degrees, minutes, seconds] = [part(`${prefix}d`), part(`${prefix}m`), part(`${prefix}s`)]
  if (degrees === '') return undefined
  const hemisphere = part(hemisphereField).toUpperCase()
  if (minutes === '') return `${degrees}°${hemisphere}`
  if (seconds === '') return `${degrees}°${minutes}′${hemisphere}`
  return `${degrees}°${minutes}′${seconds}″${hemisphere}`
}

/** A field by name, ignoring case (`latNS`, `latns`); own fields only. */
function field(infobox: Infobox, name: string): InfoboxField | undefined {
  if (Object.hasOwn(infobox, name)) return infobox[name]
  const key = Object.keys(infobox).find((candidate) => candidate.toLowerCase() === name)
  return key === undefined ? undefined : infobox[key]
}
