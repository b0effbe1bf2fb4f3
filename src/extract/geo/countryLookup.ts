/**
 * Point → modern country, and country code → English name and continent,
 * from `@rapideditor/country-coder` (offline: its borders ship inside the
 * package). Build side only: the borders are about 690 KB of JavaScript,
 * never to be imported by the browser runtime.
 */
import { feature, featuresContaining } from '@rapideditor/country-coder'
import type { GeoPoint } from './coordinates.js'

/** The properties of a country-coder feature that say what it is. */
interface RegionProperties {
  readonly id: string
  readonly iso1A2?: string | undefined
  readonly level: string
  readonly isoStatus?: string | undefined
}

/** The United Nations M49 regions, plus Antarctica (which M49 leaves out). */
export type Region = 'Africa' | 'Americas' | 'Antarctica' | 'Asia' | 'Europe' | 'Oceania'

/** Seven continents: the M49 regions with the Americas split at Panama/Colombia. */
export type Continent = 'Africa' | 'Antarctica' | 'Asia' | 'Europe' | 'North America' | 'Oceania' | 'South America'

/** What a country code names. */
export interface CountryInfo {
  /** ISO 3166-1 alpha-2 (or `XK` for Kosovo, which ISO leaves to users). */
  readonly code: string
  /** country-coder's English name: `United Kingdom`, `Czechia`, `United States of America`. */
  readonly label: string
  readonly region: Region
  readonly continent: Continent
}

/**
 * Areas that country-coder gives to the country that controls them where
 * ISO 3166 names another: its features by id → the ISO 3166-1 code.
 * Crimea (with Sevastopol) is UA-43 and UA-40 in ISO 3166-2:UA; Northern
 * Cyprus has no code of its own and lies in CY.
 */
const ISO_OVERRIDES: Readonly<Record<string, string>> = { Q7835: 'UA', Q23681: 'CY' }

const REGIONS = {
  '002': 'Africa',
  '019': 'Americas',
  '142': 'Asia',
  '150': 'Europe',
  '009': 'Oceania',
} as const satisfies Record<string, Region>

/** M49 South America; the rest of the Americas (Caribbean and Central America too) is North America. */
const SOUTH_AMERICA = '005'

/**
 * M49's region for the countries whose parts lie in several regions, so
 * that country-coder puts the whole in none: Metropolitan France, European
 * Russia, the contiguous United States… are where M49 lists them.
 */
const HOME_GROUPS: Readonly<Record<string, readonly string[]>> = {
  DK: ['150'],
  ES: ['150'],
  FR: ['150'],
  GB: ['150'],
  NL: ['150'],
  NO: ['150'],
  RU: ['150'],
  US: ['019'],
  UM: ['009'],
}

/**
 * The modern country at a point: the ISO 3166-1 code of the most specific
 * country or territory containing it (Puerto Rico `PR`, Gibraltar `GI`,
 * Greenland `GL`; England and Hawaii are not coded apart, so `GB`, `US`),
 * with the region and continent of the point itself (Hawaii is in Oceania,
 * Siberia in Asia). A point at sea, beyond the generalized coastal waters
 * of the borders, has none. Border-accurate to about a kilometre on land
 * (Narva `EE` / Ivangorod `RU`, Baarle-Hertog `BE` / Baarle-Nassau `NL`);
 * where control and ISO 3166 disagree, ISO wins for Crimea and Northern
 * Cyprus, and country-coder's de facto coding stands elsewhere (Golan
 * Heights `IL`, most of Western Sahara `MA`).
 *
 * @example
 * countryAt({ lat: 48.7, lon: 44.51667 })   // { code: 'RU', label: 'Russia', region: 'Europe', continent: 'Europe' }
 * countryAt({ lat: 21.36, lon: -157.95 })   // { code: 'US', …, region: 'Oceania', continent: 'Oceania' } (Hawaii)
 * countryAt({ lat: 56.7, lon: 5.86667 })    // undefined (North Sea, Jutland)
 */
export function countryAt(point: GeoPoint): CountryInfo | undefined {
  const features = featuresContaining([point.lon, point.lat])
  const code = features.map(({ properties }) => isoCode(properties)).find((found) => found !== undefined)
  const country = code === undefined ? undefined : describeCountry(code)
  if (country === undefined) return undefined
  const place = placeIn(features.map(({ properties }) => properties.id))
  return place === undefined ? country : { ...country, ...place }
}

/** The ISO code a feature stands for, if it is a country or territory with one. */
function isoCode(properties: RegionProperties): string | undefined {
  const { id, iso1A2, level, isoStatus } = properties
  const override = ISO_OVERRIDES[id]
  if (override !== undefined) return override
  if (iso1A2 === undefined || (isoStatus !== 'official' && isoStatus !== 'usrAssn')) return undefined
  return level === 'country' || level === 'territory' || iso1A2 === 'AQ' ? iso1A2 : undefined
}

/**
 * The English name, UN M49 region and continent of an ISO 3166-1 alpha-2
 * code, or `undefined` for anything else (lower case, alpha-3, names,
 * withdrawn or reserved codes such as `UK` or `EU`).
 *
 * @example
 * describeCountry('EG')  // { code: 'EG', label: 'Egypt', region: 'Africa', continent: 'Africa' }
 * describeCountry('RU')  // { code: 'RU', label: 'Russia', region: 'Europe', continent: 'Europe' }
 * describeCountry('FK')  // { code: 'FK', label: 'Falkland Islands', region: 'Americas', continent: 'South America' }
 * describeCountry('UK')  // undefined
 */
export function describeCountry(code: string): CountryInfo | undefined {
  if (!/^[A-Z]{2}$/.test(code)) return undefined
  const found = feature(code)
  if (found === null || found.properties.iso1A2 !== code || isoCode(found.properties) !== code) return undefined
  const place = placeIn(HOME_GROUPS[code] ?? [code, ...found.properties.groups])
  return place === undefined ? undefined : { code, label: found.properties.nameEn, ...place }
}

/** The region and continent named by a list of feature ids (a feature and its groups). */
function placeIn(ids: readonly string[]): Pick<CountryInfo, 'region' | 'continent'> | undefined {
  if (ids.includes('AQ')) return { region: 'Antarctica', continent: 'Antarctica' }
  const region = ids
    .map((id) => (Object.hasOwn(REGIONS, id) ? REGIONS[id as keyof typeof REGIONS] : undefined))
    .find((name) => name !== undefined)
  if (region === undefined) return undefined
  if (region !== 'Americas') return { region, continent: region }
  return { region, continent: ids.includes(SOUTH_AMERICA) ? 'South America' : 'North America' }
}
