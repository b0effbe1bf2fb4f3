/**
 * The names `countriesInPlace` looks for in place text, keyed by their
 * normalized words (`placeWords`): modern countries (country-coder's
 * English names and aliases, plus the extra names below), historical states
 * (`HISTORICAL_STATES`), continents and oceans (a place that names one is
 * wider than any country), and a few names that contain a country's name
 * but are not that country.
 */
import { borders } from '@rapideditor/country-coder'
import { HISTORICAL_STATES } from './historicalStates.js'

/** What a name in place text is evidence of. */
export type PlaceName =
  | { readonly kind: 'modern'; readonly code: string }
  | { readonly kind: 'historical'; readonly code: string }
  | { readonly kind: 'scope' }
  | { readonly kind: 'none' }

/** Common names country-coder lacks: short forms, former names still in use, and the UK's countries. */
const EXTRA_MODERN = {
  'United States': 'US',
  USA: 'US',
  'U.S.': 'US',
  'U.S.A.': 'US',
  China: 'CN',
  'Czech Republic': 'CZ',
  Denmark: 'DK',
  Netherlands: 'NL',
  Ireland: 'IE',
  Cyprus: 'CY',
  'Ivory Coast': 'CI',
  Bahamas: 'BS',
  Gambia: 'GM',
  Türkiye: 'TR',
  Vatican: 'VA',
  Micronesia: 'FM',
  'Saint Lucia': 'LC',
  Bosnia: 'BA',
  Guernsey: 'GG',
  'Great Britain': 'GB',
  Britain: 'GB',
  England: 'GB',
  Scotland: 'GB',
  Wales: 'GB',
  'Northern Ireland': 'GB',
  'New South Wales': 'AU',
  'New England': 'US',
} as const satisfies Record<string, string>

/**
 * US states, which name no country in Wikipedia's `Town, State` places:
 * all but Georgia (a country too) and Washington (towns in England,
 * counties in thirty states).
 */
const US_STATES = (
  'Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana ' +
  'Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana ' +
  'Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma Oregon ' +
  'Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia ' +
  'West_Virginia Wisconsin Wyoming District_of_Columbia'
)
  .split(' ')
  .map((name) => name.replaceAll('_', ' '))

/** Country names that are also something else often enough to mislead: never read as countries. */
const AMBIGUOUS = ['Georgia', 'Saint-Martin', 'Saint-Barthélemy', 'Montserrat']

/** Names that contain a country's name but are not in it, or span several countries. */
const NOT_COUNTRIES = ['New Guinea', 'Gulf of Guinea', 'Dutch East Indies', 'West Indies', 'East Indies']

/** Continents, oceans and world regions. */
const SCOPES = [
  'Europe',
  'Asia',
  'Africa',
  'North America',
  'South America',
  'Central America',
  'Americas',
  'Oceania',
  'Antarctica',
  'Pacific',
  'Pacific Ocean',
  'Atlantic',
  'Atlantic Ocean',
  'Indian Ocean',
  'Arctic',
  'Arctic Ocean',
  'Southern Ocean',
  'Middle East',
  'Near East',
  'Far East',
  'worldwide',
]

/**
 * The words of a text as `countriesInPlace` compares them: lower case,
 * diacritics and dots dropped, hyphens and dashes between words.
 *
 * @example
 * placeWords('Guinea-Bissau')       // ['guinea', 'bissau']
 * placeWords("Côte d'Ivoire")       // ['cote', "d'ivoire"]
 * placeWords('Polish–Lithuanian')   // ['polish', 'lithuanian']
 */
export function placeWords(text: string): readonly string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’ʼ]/g, "'")
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}']+/u)
    .filter((word) => word !== '' && word !== "'")
}

function key(name: string): string {
  return placeWords(name).join(' ')
}

function buildNames(): ReadonlyMap<string, PlaceName> {
  const names = new Map<string, PlaceName>()
  const ambiguous = new Set(AMBIGUOUS.map(key))
  const modern = (name: string, code: string): void => {
    if (!ambiguous.has(key(name))) names.set(key(name), { kind: 'modern', code })
  }
  for (const { properties } of borders.features) {
    const { iso1A2, level, isoStatus, nameEn, aliases } = properties
    if (iso1A2 === undefined || (level !== 'country' && level !== 'territory')) continue
    if (isoStatus !== 'official' && isoStatus !== 'usrAssn') continue
    for (const name of [nameEn, ...(aliases ?? [])]) if (/\p{Ll}/u.test(name) && name.length > 3) modern(name, iso1A2)
  }
  for (const [name, code] of Object.entries(EXTRA_MODERN)) modern(name, code)
  for (const name of US_STATES) modern(name, 'US')
  for (const name of NOT_COUNTRIES) names.set(key(name), { kind: 'none' })
  for (const name of SCOPES) names.set(key(name), { kind: 'scope' })
  for (const [name, code] of Object.entries(HISTORICAL_STATES)) names.set(key(name), { kind: 'historical', code })
  return names
}

/** Normalized name → what it names. Built once from constant tables; never changed. */
export const PLACE_NAMES: ReadonlyMap<string, PlaceName> = buildNames()

/** The most words in one name. */
export const MAX_NAME_WORDS = Math.max(...[...PLACE_NAMES.keys()].map((name) => name.split(' ').length))

/**
 * Other English names of each modern country, by ISO code, for a query or a
 * filter to name it by (`Britain`, `England` → `GB`; `USA`, `United States`
 * → `US`): country-coder's name and aliases and the extra names above, the
 * US states and ambiguous names left out. Built once from constant tables.
 *
 * @example
 * COUNTRY_ALIASES.get('GB') // ['United Kingdom', 'UK', 'Great Britain', 'Britain', 'England', 'Scotland', …]
 */
export const COUNTRY_ALIASES: ReadonlyMap<string, readonly string[]> = buildCountryAliases()

function buildCountryAliases(): Map<string, string[]> {
  const aliases = new Map<string, string[]>()
  const add = (code: string, name: string) => {
    const names = aliases.get(code) ?? []
    if (!names.includes(name) && !AMBIGUOUS.includes(name)) names.push(name)
    aliases.set(code, names)
  }
  for (const { properties } of borders.features) {
    const { iso1A2, level, nameEn, aliases: others } = properties
    if (iso1A2 === undefined || (level !== 'country' && level !== 'territory')) continue
    for (const name of [nameEn, ...(others ?? [])]) if (/\p{L}{2}/u.test(name)) add(iso1A2, name)
  }
  for (const [name, code] of Object.entries(EXTRA_MODERN)) add(code, name)
  return aliases
}
