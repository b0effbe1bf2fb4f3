import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type GeoPoint, parseCoordinates } from '../src/extract/geo/coordinates.js'
import { corpusDir, corpusFiles, fixtureSlugs, fixturesDir, hasCorpus } from './helpers.js'

type Case = [text: string, expected: GeoPoint | undefined]

/** Degrees, minutes and seconds as the parser adds them, so the expected values are bit-for-bit the same. */
const dms = (degrees: number, minutes: number, seconds = 0): number => degrees + minutes / 60 + seconds / 3600

describe('parseCoordinates: every form in the corpus, the fixtures and the generated corpus', () => {
  // The seed article (Qamishli) has no coordinates field; the fixture of the same battle has one (below).
  test.each<Case>([
    // The converter's form: signed decimals, then °N and °W whatever the hemisphere. The sign is the truth.
    ['48.7°N, 44.51667°W', { lat: 48.7, lon: 44.51667 }], // Battle of Stalingrad: Volgograd is at 44.5° E
    ['26.5°N, 128°W', { lat: 26.5, lon: 128 }], // Battle of Okinawa: integer longitude
    ['7°N, 134.25°W', { lat: 7, lon: 134.25 }], // Battle of Peleliu, Palau: integer latitude
    ['50°N, 2.683°W', { lat: 50, lon: 2.683 }], // Battle of the Somme (fixture): the Somme is at 2.7° E
    ['56.7°N, 5.86667°W', { lat: 56.7, lon: 5.86667 }], // Battle of Jutland: the North Sea, off Denmark
    ['39.811°N, -77.225°W', { lat: 39.811, lon: -77.225 }], // Battle of Gettysburg: a minus with W
    // Dollar Point, California: a three-digit longitude
    ['39.18861°N, -120.10889°W', { lat: 39.18861, lon: -120.10889 }],
    ['51.5°N, -0.11667°W', { lat: 51.5, lon: -0.11667 }], // United Kingdom (London): just west of Greenwich
    ['33.71667°N, 73.06667°W', { lat: 33.71667, lon: 73.06667 }], // Islamabad, Pakistan
    ['-9.5°N, 160.2°W', { lat: -9.5, lon: 160.2 }], // Guadalcanal campaign (fixture): 9.5° S, 160.2° E
    ['37.052°N, 41.226°W', { lat: 37.052, lon: 41.226 }], // Battle of Qamishli (2021) (fixture)
    // wtf_wikipedia writes `${lat || ''}`: an empty number is 0.
    ['51.5°N, °W', { lat: 51.5, lon: 0 }], // a point on the Greenwich meridian
    ['°N, 32.5°W', { lat: 0, lon: 32.5 }], // a point on the equator
    // The generated bench corpus: positive decimals with proper letters.
    ['83.548°N, 67.948°E', { lat: 83.548, lon: 67.948 }], // generated, random point
    ['8.624°N, 39.786°E', { lat: 8.624, lon: 39.786 }], // generated, random point
    // Article bodies and old-style infobox fields: degrees, minutes and seconds with proper letters.
    // Battle of Bosworth Field, body: the site south-west of Ambion Hill, Leicestershire
    ['52°34′41″N 1°26′02″W', { lat: dms(52, 34, 41), lon: -dms(1, 26, 2) }],
    // Toronto's old-style fields (latd 43, latm 42, latns N, longd 79, longm 24, longew W), via infoboxCoordinates
    ['43°42′N 79°24′W', { lat: dms(43, 42), lon: -dms(79, 24) }],
    ['39.188639, -120.108848', { lat: 39.188639, lon: -120.108848 }], // Dollar Point body: plain signed decimals
  ])('%s', (text, expected) => {
    expect(parseCoordinates(text)).toEqual(expected)
  })
})

describe('parseCoordinates: other forms', () => {
  test.each<Case>([
    ['48°42′N 44°31′E', { lat: 48.7, lon: dms(44, 31) }],
    ['48°42′N, 44°31′E', { lat: 48.7, lon: dms(44, 31) }],
    ['52°34\'41"N 1°26\'02"W', { lat: dms(52, 34, 41), lon: -dms(1, 26, 2) }],
    ["52°34’41''N 1°26’02''W", { lat: dms(52, 34, 41), lon: -dms(1, 26, 2) }],
    ['48º42′N 44˚31′E', { lat: 48.7, lon: dms(44, 31) }],
    ['48° 42′ N  44° 31′ E', { lat: 48.7, lon: dms(44, 31) }],
    ['48°42.5′N 44°31′E', { lat: dms(48, 42.5), lon: dms(44, 31) }],
    ['33.9°S, 151.2°E', { lat: -33.9, lon: 151.2 }],
    ['33.9°S 151.2°E', { lat: -33.9, lon: 151.2 }],
    ['33.9S 151.2E', { lat: -33.9, lon: 151.2 }],
    ['-33.9°S, 151.2°E', { lat: -33.9, lon: 151.2 }], // a minus with S or W is redundant
    ['48.7°N; 44.5°E', { lat: 48.7, lon: 44.5 }],
    ['48.7°N,44.5°E', { lat: 48.7, lon: 44.5 }],
    ['−33.9, 151.2', { lat: -33.9, lon: 151.2 }], // U+2212 minus
    ['+48.7, +44.5', { lat: 48.7, lon: 44.5 }],
    ['48.7, 44.5°E', { lat: 48.7, lon: 44.5 }],
    ['\n  48.7°N, 44.51667°W \t', { lat: 48.7, lon: 44.51667 }],
    ['90°N, 180°W', { lat: 90, lon: 180 }],
    ['-90°N, -180°W', { lat: -90, lon: -180 }],
    [
      '{{coord|52|34|41|N|1|26|02|W|region:GB-LEC_type:landmark|display=inline,title}}',
      { lat: dms(52, 34, 41), lon: -dms(1, 26, 2) },
    ],
    ['{{Coord|39.811|-77.225}}', { lat: 39.811, lon: -77.225 }],
    ['{{coord|48.7|N|44.5|E}}', { lat: 48.7, lon: 44.5 }],
    ['{{coord|48|42|N|44|31|E|display=title}}', { lat: 48.7, lon: dms(44, 31) }],
  ])('%s', (text, expected) => {
    expect(parseCoordinates(text)).toEqual(expected)
  })

  test('minus zero is zero', () => {
    const point = parseCoordinates('-0°N, -0.0°W')
    expect(point).toEqual({ lat: 0, lon: 0 })
    expect(Object.is(point?.lat, -0) || Object.is(point?.lon, -0)).toBe(false)
  })
})

describe('parseCoordinates: garbage and hostile text', () => {
  test.each<[string, string]>([
    ['empty', ''],
    ['white space', ' \n\t '],
    ['the converter with neither number', '°N, °W'],
    ['undefined', 'undefined'],
    ['NaN', 'NaN°N, NaN°W'],
    ['NaN pair', 'NaN, NaN'],
    ['Infinity', 'Infinity, 0'],
    ['1e999', '1e999°N, 0°W'],
    ['exponents', '1e1, 2e1'],
    ['letters only', 'N, W'],
    ['words', 'north of the river'],
    ['one number', '48.7°N'],
    ['three numbers', '48.7, 44.5, 12'],
    ['latitude past 90', '91°N, 0°E'],
    ['longitude past 180', '0°N, 181°E'],
    ['the converter past 90', '128°N, 26.5°W'],
    ['just past the pole', '-90.00001°N, 0°W'],
    ['minutes of 60', '48°60′N 44°E'],
    ['seconds of 60', '48°42′60″N 44°E'],
    ['a fraction before minutes', '48.5°30′N 44°E'],
    ['a fraction before seconds', '48°30.5′10″N 44°E'],
    ['a minus with N (not the converter: E)', '-9.5°N, 160.2°E'],
    ['a minus with E', '9.5°S, -160.2°E'],
    ['U+2212 in the converter form (it writes ASCII)', '−9.5°N, 160.2°W'],
    ['longitude first', '44°31′E 48°42′N'],
    ['two latitudes', '48°N 44°N'],
    ['lower-case letters', '48.7°n, 44.5°e'],
    ['decimal commas', '48,7°N, 44,5°E'],
    ['two separators', '48.7°N ,; 44.5°E'],
    ['a slash', '48.7°N / 44.5°E'],
    ['text after', '48.7°N, 44.51667°W (approx.)'],
    ['text before', 'at 48.7°N, 44.51667°W'],
    ['a four-digit degree', '1048.7, 44.5'],
    ['template without numbers', '{{coord|foo}}'],
    ['template with two latitudes', '{{coord|48|N|44|N}}'],
    ['template with an odd count', '{{coord|48|42|N|44|E}}'],
    ['template minutes of 60', '{{coord|48|60|N|44|0|E}}'],
    ['nested template', '{{coord|{{coord|1|2}}|3}}'],
    ['half a million digits', '1'.repeat(500_000)],
    ['half a million degree signs', '°'.repeat(500_000)],
    ['a valid pair repeated to 500 KB', '48.7°N, 44.51667°W '.repeat(26_000)],
    ['spaces between the numbers', `48.7${' '.repeat(250)},${' '.repeat(249)}x`],
  ])('%s', (_name, text) => {
    expect(parseCoordinates(text)).toBeUndefined()
  })

  test('a valid pair inside half a million spaces', () => {
    const padding = ' '.repeat(250_000)
    expect(parseCoordinates(`${padding}48.7°N, 44.51667°W${padding}`)).toEqual({ lat: 48.7, lon: 44.51667 })
  })
})

/** A decimal with at most five places, as the converter rounds them. */
const fivePlaces = (limit: number): fc.Arbitrary<number> =>
  fc.integer({ min: -limit * 100_000, max: limit * 100_000 }).map((n) => n / 100_000)

describe('parseCoordinates: properties', () => {
  test("the converter's text of any point gives the point back (its sign, not its letters)", () => {
    fc.assert(
      fc.property(fivePlaces(90), fivePlaces(180), (lat, lon) => {
        const text = `${lat || ''}°N, ${lon || ''}°W`
        const expected = lat === 0 && lon === 0 ? undefined : { lat: lat || 0, lon: lon || 0 }
        expect(parseCoordinates(text)).toEqual(expected)
      }),
    )
  })

  test('degrees, minutes and seconds with proper letters give the signed point', () => {
    const sixty = fc.integer({ min: 0, max: 59 })
    const axis = (max: number) => fc.tuple(fc.integer({ min: 0, max: max - 1 }), sixty, sixty, fc.boolean())
    fc.assert(
      fc.property(axis(90), axis(180), ([latD, latM, latS, south], [lonD, lonM, lonS, west]) => {
        const text = `${latD}°${latM}′${latS}″${south ? 'S' : 'N'} ${lonD}°${lonM}′${lonS}″${west ? 'W' : 'E'}`
        const lat = dms(latD, latM, latS)
        const lon = dms(lonD, lonM, lonS)
        const expected = { lat: south && lat !== 0 ? -lat : lat, lon: west && lon !== 0 ? -lon : lon }
        expect(parseCoordinates(text)).toEqual(expected)
      }),
    )
  })

  const pieces = [
    '0',
    '1',
    '9',
    '48',
    '.',
    '7',
    '-',
    '−',
    '+',
    '°',
    '′',
    '″',
    "'",
    '"',
    'N',
    'S',
    'E',
    'W',
    ',',
    ';',
    ' ',
    '\n',
    '{{coord|',
    '|',
    '}}',
    'e',
    'NaN',
    '180',
    '90',
    '60',
  ]
  const coordinateText = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 24 })
    .map((parts) => parts.join(''))

  test('never throws, and every point is finite and on the globe', () => {
    fc.assert(
      fc.property(coordinateText, (text) => {
        const point = parseCoordinates(text)
        if (point === undefined) return
        expect(Number.isFinite(point.lat) && Number.isFinite(point.lon)).toBe(true)
        expect(Math.abs(point.lat)).toBeLessThanOrEqual(90)
        expect(Math.abs(point.lon)).toBeLessThanOrEqual(180)
      }),
    )
  })

  test('white space around the text changes nothing', () => {
    fc.assert(
      fc.property(coordinateText, fc.constantFrom(' ', '\n', '\t ', '\u00a0'), (text, space) => {
        expect(parseCoordinates(`${space}${text}${space}`)).toEqual(parseCoordinates(text))
      }),
    )
  })
})

/** The `coordinates` field texts of a Markdown file with YAML front matter. */
function coordinateTexts(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^ +coordinates:\n +text: (.+)$/gm)].map((match) => match[1] ?? '')
}

describe('parseCoordinates: real files', () => {
  test('every coordinates field of the fixtures is read', () => {
    const texts = fixtureSlugs().flatMap((slug) => coordinateTexts(`${fixturesDir}${slug}/index.md`))
    expect(texts.length).toBeGreaterThanOrEqual(14)
    for (const text of texts) expect(parseCoordinates(text), text).toBeDefined()
  })

  test.skipIf(!hasCorpus)('every coordinates field of the ../shared corpus is read', () => {
    const texts = corpusFiles().flatMap((file) => coordinateTexts(`${corpusDir}${file}`))
    expect(texts.length).toBeGreaterThanOrEqual(21)
    for (const text of texts) expect(parseCoordinates(text), text).toBeDefined()
  })
})
