/**
 * Infobox coordinates → latitude and longitude in signed decimal degrees.
 *
 * Every `coordinates` field of the corpus, the fixtures and the generated
 * bench corpus is the converter's rendering of `{{coord}}` (wtf_wikipedia
 * writes `${lat}°N, ${lon}°W` whatever the hemisphere, with the signed
 * decimal rounded to five places); the generated corpus adds decimals with
 * proper letters (`83.548°N, 67.948°E`); article bodies and old-style
 * infoboxes (`latd`, `latm`, `latns`…) use degrees–minutes–seconds.
 */

import type { GeoPoint } from '../../core/geo.js'

export type { GeoPoint } from '../../core/geo.js'

/** Longer text is not a coordinate pair; rejecting it keeps the parser's cost bounded. */
const MAX_LENGTH = 500

/** A decimal as the converter prints it: JavaScript's `String(number)` of a value rounded to five places. */
const CONVERTER = /^(-?\d+(?:\.\d+)?)?°N, (-?\d+(?:\.\d+)?)?°W$/

/** `{{coord|…}}`, the template itself. */
const TEMPLATE = /^\{\{\s*coord\s*\|([^{}]*)\}\}$/i

/** One component: sign, degrees, optional minutes and seconds, optional hemisphere letter. */
const NUMBER = String.raw`(\d{1,3}(?:\.\d{1,15})?)`
const SECONDS = String.raw`(?:\s*${NUMBER}\s*(?:″|"|”|′′|''))`
const MINUTES = String.raw`(?:\s*${NUMBER}\s*[′'’]${SECONDS}?)`
const COMPONENT = String.raw`([-−+]?)${NUMBER}(?:\s*[°º˚]${MINUTES}?)?\s*([NSEW])?`
/** Two components separated by a comma, a semicolon or white space. */
const PAIR = new RegExp(String.raw`^${COMPONENT}(?:\s*[,;]\s*|\s+)${COMPONENT}$`)

/** One axis of a pair before it is checked: what the text says, unchecked. */
interface Component {
  readonly sign: string
  readonly degrees: string
  readonly minutes: string | undefined
  readonly seconds: string | undefined
  readonly hemisphere: string | undefined
}

/**
 * Parse the text of an infobox `coordinates` field. Never throws; returns
 * `undefined` for anything it cannot read with certainty. Rules, each from
 * the data:
 *
 * - **The converter's form** `<lat>°N, <lon>°W`, exactly as wtf_wikipedia
 *   writes it: the letters are always `N` and `W` whatever the hemisphere,
 *   so the sign is the truth and the letters are ignored. It writes
 *   `${lat || ''}`, so an empty number is 0 (`51.5°N, °W` is on the
 *   Greenwich meridian); both empty is no point. A hand-written
 *   `40.7°N, 74°W` in exactly this layout is read the same way (74° E):
 *   the corpus holds no such text.
 * - **Any other form** reads its letters: `S` and `W` are negative, `N` and
 *   `E` positive; a minus with `S`/`W` is redundant, a minus with `N`/`E` a
 *   contradiction (`undefined`). Latitude comes first; a pair whose first
 *   letter is `E`/`W` is refused rather than guessed.
 * - Degrees, or degrees and minutes, or degrees, minutes and seconds
 *   (`°`, `º` or `˚`; `′`, `'` or `’`; `″`, `"`, `”` or `''`). Only the last
 *   part may have a fraction; minutes and seconds are below 60.
 * - Two plain signed decimals (`39.811, -77.225`), and `{{coord|lat|lon}}`
 *   or `{{coord|d|m|s|N|d|m|s|E}}` (named and `type:` parameters ignored).
 * - `−` (U+2212) is a minus; exponents, `NaN`, `Infinity`, decimal commas
 *   and text around the pair are refused; |lat| ≤ 90 and |lon| ≤ 180.
 *
 * Linear in the length of the text (longer than 500 characters after
 * trimming is refused at once).
 *
 * @example
 * parseCoordinates('48.7°N, 44.51667°W')   // { lat: 48.7, lon: 44.51667 }     Stalingrad, the converter's form
 * parseCoordinates('-9.5°N, 160.2°W')      // { lat: -9.5, lon: 160.2 }        Guadalcanal
 * parseCoordinates('39.811°N, -77.225°W')  // { lat: 39.811, lon: -77.225 }    Gettysburg
 * parseCoordinates('48°42′N 44°31′E')      // { lat: 48.7, lon: 44.516666… }
 * parseCoordinates('52°34′41″N 1°26′02″W') // { lat: 52.578…, lon: -1.433… }   Bosworth Field
 * parseCoordinates('33.9°S, 151.2°E')      // { lat: -33.9, lon: 151.2 }
 * parseCoordinates('91°N, 0°E')            // undefined
 */
export function parseCoordinates(text: string): GeoPoint | undefined {
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH) return undefined
  const converter = CONVERTER.exec(trimmed)
  if (converter !== null) return fromConverter(converter[1], converter[2])
  const template = TEMPLATE.exec(trimmed)
  if (template !== null) return fromTemplate(template[1] ?? '')
  const pair = PAIR.exec(trimmed)
  if (pair === null) return undefined
  const [, ...groups] = pair
  return point(component(groups.slice(0, 5)), component(groups.slice(5, 10)))
}

function fromConverter(lat: string | undefined, lon: string | undefined): GeoPoint | undefined {
  if (lat === undefined && lon === undefined) return undefined
  return checked(Number(lat ?? 0), Number(lon ?? 0))
}

/** The unnamed parameters of `{{coord|…}}`: 2 decimals, or 4, 6 or 8 parts ending in hemisphere letters. */
function fromTemplate(parameters: string): GeoPoint | undefined {
  const parts = parameters
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !/[=:]/.test(part))
  if (parts.length === 2) return point(plain(parts[0]), plain(parts[1]))
  if (parts.length !== 4 && parts.length !== 6 && parts.length !== 8) return undefined
  const half = parts.length / 2
  return point(fromParts(parts.slice(0, half)), fromParts(parts.slice(half)))
}

function plain(part: string | undefined): Component | undefined {
  const match = /^([-−+]?)(\d{1,3}(?:\.\d{1,15})?)$/.exec(part ?? '')
  if (match === null) return undefined
  const [, sign = '', degrees = ''] = match
  return { sign, degrees, minutes: undefined, seconds: undefined, hemisphere: undefined }
}

/** `[d, H]`, `[d, m, H]` or `[d, m, s, H]` from the template. */
function fromParts(parts: readonly string[]): Component | undefined {
  const numbers = parts.slice(0, -1)
  const hemisphere = parts.at(-1)
  if (hemisphere === undefined || !/^[NSEW]$/.test(hemisphere)) return undefined
  if (!numbers.every((part) => /^\d{1,3}(?:\.\d{1,15})?$/.test(part))) return undefined
  return { sign: '', degrees: numbers[0] ?? '', minutes: numbers[1], seconds: numbers[2], hemisphere }
}

function component(groups: readonly (string | undefined)[]): Component {
  const [sign, degrees, minutes, seconds, hemisphere] = groups
  return { sign: sign ?? '', degrees: degrees ?? '', minutes, seconds, hemisphere }
}

function point(lat: Component | undefined, lon: Component | undefined): GeoPoint | undefined {
  if (lat === undefined || lon === undefined) return undefined
  if (lat.hemisphere === 'E' || lat.hemisphere === 'W') return undefined
  if (lon.hemisphere === 'N' || lon.hemisphere === 'S') return undefined
  const latitude = degrees(lat)
  const longitude = degrees(lon)
  return latitude === undefined || longitude === undefined ? undefined : checked(latitude, longitude)
}

/** Signed decimal degrees of one component, or undefined when its parts or its sign and letter disagree. */
function degrees({ sign, degrees, minutes, seconds, hemisphere }: Component): number | undefined {
  if (minutes !== undefined && degrees.includes('.')) return undefined
  if (seconds !== undefined && minutes?.includes('.') === true) return undefined
  const m = Number(minutes ?? 0)
  const s = Number(seconds ?? 0)
  if (m >= 60 || s >= 60) return undefined
  const magnitude = Number(degrees) + m / 60 + s / 3600
  const negativeLetter = hemisphere === 'S' || hemisphere === 'W'
  const negativeSign = sign === '-' || sign === '−'
  if (negativeSign && hemisphere !== undefined && !negativeLetter) return undefined
  return negativeLetter || negativeSign ? -magnitude : magnitude
}

function checked(lat: number, lon: number): GeoPoint | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined
  return { lat: lat === 0 ? 0 : lat, lon: lon === 0 ? 0 : lon }
}
