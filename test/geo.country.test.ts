import { borders } from '@rapideditor/country-coder'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { findConflictInfobox } from '../src/extract/facets/kind.js'
import { type CountrySource, deriveCountries, infoboxCoordinates } from '../src/extract/geo/country.js'
import { type CountryInfo, countryAt, describeCountry } from '../src/extract/geo/countryLookup.js'
import { countriesInPlace } from '../src/extract/geo/placeCountries.js'
import type { Infobox } from '../src/parse/article.js'
import { anyField, articlesDir, field, hasCorpus, infobox, link, readInfoboxes } from './facets.helpers.js'
import { corpusFiles, fixtureSlugs, fixturesDir } from './helpers.js'

/** Expected countries: `[]`, or the codes and the one source they came from. */
type Expected = readonly [] | readonly [source: CountrySource, ...codes: string[]]

const codesOf = (infobox: Infobox): Expected => {
  const { countries } = deriveCountries(infobox)
  const [first] = countries
  return first === undefined ? [] : [first.source, ...countries.map((country) => country.code)]
}

describe('countryAt: border-accurate, offline', () => {
  test.each<[place: string, lat: number, lon: number, code: string | undefined]>([
    ['Volgograd (Stalingrad)', 48.7, 44.51667, 'RU'],
    ['Gettysburg, Pennsylvania', 39.811, -77.225, 'US'],
    ['Okinawa Island', 26.5, 128, 'JP'],
    ['El Alamein, Egypt', 30.83, 28.95, 'EG'],
    ['Aboukir Bay, Egypt (coastal waters)', 31.35, 30.1, 'EG'],
    ['Peleliu, Palau', 7, 134.25, 'PW'],
    ['Guadalcanal, Solomon Islands', -9.5, 160.2, 'SB'],
    ['the North Sea off Jutland (Battle of Jutland)', 56.7, 5.86667, undefined],
    ['the middle of the Atlantic', 40, -40, undefined],
    ['the North Pole', 90, 0, undefined],
    ['Narva, Estonia, on the border river', 59.3772, 28.1903, 'EE'],
    ['Ivangorod, Russia, across the river from Narva', 59.37, 28.215, 'RU'],
    ['Baarle-Hertog, a Belgian enclave', 51.4385, 4.929, 'BE'],
    ['Baarle-Nassau, around it, Netherlands', 51.4452, 4.93, 'NL'],
    ['Gibraltar: its own ISO code', 36.14, -5.35, 'GI'],
    ['Stanley, Falkland Islands', -51.7, -57.85, 'FK'],
    ['Pristina, Kosovo (user-assigned XK)', 42.66, 21.16, 'XK'],
    ['Sevastopol, Crimea: ISO 3166-2 UA-40, not the de facto coding', 44.6, 33.52, 'UA'],
    ['Kyrenia, Northern Cyprus: no code of its own', 35.34, 33.32, 'CY'],
    ['the Antarctic plateau', -80, 0, 'AQ'],
  ])('%s', (_place, lat, lon, code) => {
    expect(countryAt({ lat, lon })?.code).toBe(code)
  })

  test.each<[place: string, lat: number, lon: number, expected: Omit<CountryInfo, 'label'>]>([
    ['Pearl Harbor, Hawaii: in Oceania', 21.36, -157.95, { code: 'US', region: 'Oceania', continent: 'Oceania' }],
    ['Yakutsk, Siberia: Asian Russia', 62, 130, { code: 'RU', region: 'Asia', continent: 'Asia' }],
    ['Borodino: European Russia', 55.516, 35.818, { code: 'RU', region: 'Europe', continent: 'Europe' }],
    ['Stanley, Falklands', -51.7, -57.85, { code: 'FK', region: 'Americas', continent: 'South America' }],
  ])('region and continent of the point: %s', (_place, lat, lon, expected) => {
    expect(countryAt({ lat, lon })).toMatchObject(expected)
  })
})

describe('describeCountry', () => {
  test.each<[code: string, expected: CountryInfo | undefined]>([
    ['EG', { code: 'EG', label: 'Egypt', region: 'Africa', continent: 'Africa' }],
    ['RU', { code: 'RU', label: 'Russia', region: 'Europe', continent: 'Europe' }],
    ['US', { code: 'US', label: 'United States of America', region: 'Americas', continent: 'North America' }],
    ['BR', { code: 'BR', label: 'Brazil', region: 'Americas', continent: 'South America' }],
    ['GL', { code: 'GL', label: 'Greenland', region: 'Americas', continent: 'North America' }],
    ['GB', { code: 'GB', label: 'United Kingdom', region: 'Europe', continent: 'Europe' }],
    ['FR', { code: 'FR', label: 'France', region: 'Europe', continent: 'Europe' }],
    ['TR', { code: 'TR', label: 'Turkey', region: 'Asia', continent: 'Asia' }],
    ['CY', { code: 'CY', label: 'Republic of Cyprus', region: 'Asia', continent: 'Asia' }], // M49: Western Asia
    ['AU', { code: 'AU', label: 'Australia', region: 'Oceania', continent: 'Oceania' }],
    ['AQ', { code: 'AQ', label: 'Antarctica', region: 'Antarctica', continent: 'Antarctica' }],
    ['XK', { code: 'XK', label: 'Kosovo', region: 'Europe', continent: 'Europe' }],
    ['UK', undefined], // an alias of GB, not an ISO code
    ['gb', undefined],
    ['GBR', undefined],
    ['EU', undefined],
    ['EA', undefined], // Ceuta and Melilla: exceptionally reserved
    ['FX', undefined], // Metropolitan France: withdrawn
    ['', undefined],
    ['United Kingdom', undefined],
  ])('%s', (code, expected) => {
    expect(describeCountry(code)).toEqual(expected)
  })

  test('every ISO code in the borders that a lookup can return is described', () => {
    const codes = borders.features.flatMap(({ properties: { iso1A2, level, isoStatus } }) =>
      iso1A2 !== undefined && isoStatus === 'official' && (level === 'country' || level === 'territory')
        ? [iso1A2]
        : [],
    )
    expect(codes.length).toBeGreaterThan(240)
    for (const code of codes) expect(describeCountry(code), code).toBeDefined()
  })
})

describe('countriesInPlace: the text rules', () => {
  test.each<[text: string, expected: Expected]>([
    // notes naming the place today win over everything else in the text
    ['Abritus, Moesia Inferior (modern-day Razgrad, Bulgaria)', ['place-text', 'BG']],
    ['Ramillies, present-day Walloon Brabant, Belgium', ['place-text', 'BE']],
    ['Berestechko, Crown of the Kingdom of Poland (today Ukraine)', ['place-text', 'UA']],
    ['Near Austerlitz (Slavkov u Brna), Moravia, Austrian Empire (now Czech Republic)', ['place-text', 'CZ']],
    ['Waterloo, then Netherlands, present day Belgium; 15 km south of Brussels', ['place-text', 'BE']],
    ['Orontes River, near Kadesh, present-day Syria', ['place-text', 'SY']],
    ['Mohács, Kingdom of Hungary (present-day Baranya County, Hungary)', ['place-text', 'HU']],
    ['Paris, France (then Kingdom of France)', ['place-text', 'FR']],
    // modern names anywhere; parentheses only when nothing is outside them
    ['El Alamein, Egypt', ['place-text', 'EG']],
    ['Aboukir Bay, Egypt, Ottoman Empire', ['place-text', 'EG']],
    ['Palaeopharsalos (Greece)', ['place-text', 'GR']],
    ['Syria (with spillover into Lebanon, Iraq, Turkey, Jordan and Israel)', ['place-text', 'SY']],
    ['Ardennes, Belgium and Luxembourg', ['place-text', 'BE', 'LU']],
    ['Okinawa,\n Ryukyu Islands, Japan', ['place-text', 'JP']],
    ['Near Ambion Hill, south of Market Bosworth, Leicestershire, England', ['place-text', 'GB']],
    ['Sharpsburg, Washington County, Maryland', ['place-text', 'US']],
    ['Detroit, Michigan, U.S.', ['place-text', 'US']],
    ['Santa Fe, New Mexico', ['place-text', 'US']], // not Mexico
    ['Sydney, New South Wales', ['place-text', 'AU']], // not Wales
    ['South Sudan', ['place-text', 'SS']],
    ['Papua New Guinea', ['place-text', 'PG']],
    ["Abidjan, Côte d'Ivoire", ['place-text', 'CI']],
    ['Ankara, Türkiye', ['place-text', 'TR']],
    ['Kingdom of Denmark', ['place-text', 'DK']], // a modern name
    // no evidence
    ['North Sea, near Denmark', []],
    ['off the coast of Japan', []],
    ['Tsushima Strait, Sea of Japan', []],
    ['Gulf of Mexico', []],
    ['Jordan River', []],
    ['New Guinea', []], // split between Indonesia and Papua New Guinea
    ['Atlanta, Georgia', []], // the state or the country
    ['Washington, Tyne and Wear', []],
    ['Lwów, then Poland', []], // what it was, not what it is (Lviv, Ukraine)
    ['Unknown', []],
    ['', []],
    ['undefined', []],
    // a continent or an ocean: wider than any country
    ['Europe, the Pacific, the Atlantic, South-East Asia, China, the Middle East, North Africa, Australia', []],
    ['Atlantic Ocean', []],
    // historical states, only when nothing modern is named: the first one
    ['Bouvines, County of Flanders, Kingdom of France', ['historical-state', 'FR']],
    ['Stalingrad, Russian SFSR, Soviet Union', ['historical-state', 'RU']],
    ['Vienna, Archduchy of Austria, Holy Roman Empire', ['historical-state', 'AT']],
    ['Adrianople, Ottoman Empire', ['historical-state', 'TR']],
    ['Constantinople, Byzantine Empire', ['historical-state', 'TR']],
    ['Königgrätz, Bohemia, Austria-Hungary', ['historical-state', 'AT']],
    ['Kircholm, Polish–Lithuanian Commonwealth', ['historical-state', 'PL']],
    ['Waterloo, United Kingdom of the Netherlands', ['historical-state', 'NL']], // not the United Kingdom
    ['Rome, Roman Republic', ['historical-state', 'IT']],
    ['Berlin, Kingdom of Prussia', ['historical-state', 'DE']],
    ['Magnesia, Asia Minor', ['historical-state', 'TR']], // not the continent
  ])('%j', (text, expected) => {
    const found = countriesInPlace(field(text))
    const [first] = found
    expect(first === undefined ? [] : [first.source, ...found.map((country) => country.code)]).toEqual(expected)
  })

  test('link pages name historical states too, without their disambiguation', () => {
    const mohacs = field('Mohács', link('Mohács'), link('Kingdom of Hungary (1000–1526)'))
    const hungary = { code: 'HU', matched: 'kingdom of hungary', source: 'historical-state' }
    expect(countriesInPlace(mohacs)).toEqual([hungary])
    const nile = field('Aboukir Bay', link('Abu Qir Bay', 'Aboukir Bay'), link('Egypt Eyalet'))
    expect(countriesInPlace(nile)).toEqual([{ code: 'EG', matched: 'egypt eyalet', source: 'historical-state' }])
  })

  test('the words that named each country are kept', () => {
    expect(countriesInPlace(field('Abritus, Moesia Inferior (modern-day Razgrad, Bulgaria)'))).toEqual([
      { code: 'BG', matched: 'bulgaria', source: 'place-text' },
    ])
  })

  test('a missing field and a huge one', () => {
    expect(countriesInPlace(undefined)).toEqual([])
    const france = { code: 'FR', matched: 'france', source: 'place-text' }
    expect(countriesInPlace(field('France, '.repeat(100_000)))).toEqual([france])
    expect(countriesInPlace(field('('.repeat(100_000) + 'Egypt'))).toEqual([])
  })
})

describe('deriveCountries', () => {
  test('coordinates decide alone: a point at sea has no country whatever the text says', () => {
    const jutland = infobox({ place: field('North Sea, near Denmark'), coordinates: field('56.7°N, 5.86667°W') })
    expect(deriveCountries(jutland)).toEqual({ coordinates: { lat: 56.7, lon: 5.86667 }, countries: [] })
    const stalingrad = infobox({ place: field('Stalingrad, Soviet Union'), coordinates: field('48.7°N, 44.51667°W') })
    expect(deriveCountries(stalingrad)).toEqual({
      coordinates: { lat: 48.7, lon: 44.51667 },
      countries: [{ code: 'RU', label: 'Russia', region: 'Europe', continent: 'Europe', source: 'coordinates' }],
    })
  })

  test('unreadable coordinates fall back to the place text', () => {
    const alamein = infobox({ place: field('El Alamein, Egypt'), coordinates: field('undefined') })
    expect(deriveCountries(alamein)).toEqual({
      countries: [
        { code: 'EG', label: 'Egypt', region: 'Africa', continent: 'Africa', source: 'place-text', matched: 'egypt' },
      ],
    })
  })

  test('old-style latd/latm/latNS/longd/longm/longEW fields', () => {
    const toronto = infobox({
      latd: field('43'),
      latm: field('42'),
      latNS: field('N'),
      longd: field('79'),
      longm: field('24'),
      longEW: field('W'),
    })
    expect(infoboxCoordinates(toronto)).toEqual({ lat: 43 + 42 / 60, lon: -(79 + 24 / 60) })
    expect(codesOf(toronto)).toEqual(['coordinates', 'CA'])
    expect(infoboxCoordinates(infobox({ latd: field('43'), longd: field('undefined') }))).toBeUndefined()
  })

  test('an infobox with nothing to go on, or with fields named like Object methods', () => {
    expect(deriveCountries(infobox({}))).toEqual({ countries: [] })
    const methods = infobox({ constructor: field('France'), toString: field('1°N, 2°E') })
    expect(deriveCountries(methods)).toEqual({ countries: [] })
  })

  test('never throws; countries are unique, from one source, and described', () => {
    fc.assert(
      fc.property(anyField, anyField, (place, coordinates) => {
        const result = deriveCountries(infobox({ place, coordinates }))
        const codes = result.countries.map((country) => country.code)
        expect(new Set(codes).size).toBe(codes.length)
        expect(new Set(result.countries.map((country) => country.source)).size).toBeLessThanOrEqual(1)
        for (const code of codes) expect(describeCountry(code)).toBeDefined()
      }),
    )
  })
})

/** The conflict articles of the fixtures and their modern countries, each checked against the place. */
const FIXTURE_COUNTRIES: Readonly<Record<string, Expected>> = {
  'battle-of-antietam': ['coordinates', 'US'], // Sharpsburg, Maryland
  'battle-of-austerlitz': ['coordinates', 'CZ'], // Slavkov u Brna, Moravia
  'battle-of-borodino': ['coordinates', 'RU'], // Borodino, Moscow Oblast
  'battle-of-cannae': ['coordinates', 'IT'], // Apulia
  'battle-of-grunwald': ['coordinates', 'PL'], // Warmia-Masuria
  'battle-of-hastings': ['coordinates', 'GB'], // Battle, East Sussex, England
  'battle-of-kadesh': ['coordinates', 'SY'], // Tell Nebi Mend on the Orontes, near Homs
  'battle-of-mohacs': ['coordinates', 'HU'], // Mohács, Baranya County
  'battle-of-mount-badon': ['place-text', 'GB'], // "probably southern Britain": every proposed site is in GB
  'battle-of-qamishli-2021': ['coordinates', 'SY'], // Qamishli, al-Hasakah Governorate
  'battle-of-the-somme': ['coordinates', 'FR'], // Picardy
  'battle-of-thermopylae': ['coordinates', 'GR'], // Thermopylae, Phthiotis
  'guadalcanal-campaign': ['coordinates', 'SB'], // Guadalcanal, Solomon Islands
  'siege-of-vienna-1683': ['coordinates', 'AT'], // Vienna
  'syrian-civil-war': ['place-text', 'SY'], // Syria, with spillover into its neighbours
  'world-war-ii': [], // Europe, the Pacific, the Atlantic…: worldwide
}

describe('deriveCountries: every conflict article of the fixtures', () => {
  const conflicts = fixtureSlugs().flatMap((slug) => {
    const conflict = findConflictInfobox(readInfoboxes(`${fixturesDir}${slug}/index.md`))
    return conflict === undefined ? [] : [{ slug, conflict }]
  })

  test('the table lists exactly the conflict fixtures', () => {
    expect(conflicts.map(({ slug }) => slug)).toEqual(Object.keys(FIXTURE_COUNTRIES).sort())
  })

  test.each(conflicts)('$slug', ({ slug, conflict }) => {
    expect(codesOf(conflict)).toEqual(FIXTURE_COUNTRIES[slug])
  })
})

/** The battles of ../shared/corpus and their modern countries, each checked against the place. */
const CORPUS_COUNTRIES: Readonly<Record<string, Expected>> = {
  'battle-of-abritus.md': ['place-text', 'BG'], // near Razgrad
  'battle-of-actium.md': ['coordinates', 'GR'], // the promontory of Actium, Preveza
  'battle-of-adwa.md': ['place-text', 'ET'], // Adwa, Tigray
  'battle-of-agincourt.md': ['coordinates', 'FR'], // Azincourt, Pas-de-Calais
  'battle-of-berestechko.md': ['coordinates', 'UA'], // Berestechko, Volyn Oblast
  'battle-of-blenheim.md': ['coordinates', 'DE'], // Blindheim, Bavaria
  'battle-of-bosworth-field.md': ['place-text', 'GB'], // Leicestershire, England
  'battle-of-bouvines.md': ['historical-state', 'FR'], // Bouvines, Nord (the text names only the Kingdom of France)
  'battle-of-gettysburg.md': ['coordinates', 'US'], // Adams County, Pennsylvania
  'battle-of-jutland.md': [], // the North Sea
  'battle-of-lostwithiel.md': ['coordinates', 'GB'], // Cornwall, England
  'battle-of-marathon.md': ['coordinates', 'GR'], // Marathon, Attica
  'battle-of-okinawa.md': ['coordinates', 'JP'], // Okinawa Island
  'battle-of-peleliu.md': ['coordinates', 'PW'], // Peleliu, Palau
  'battle-of-pharsalus.md': ['place-text', 'GR'], // Farsala, Thessaly
  'battle-of-poitiers.md': ['coordinates', 'FR'], // near Poitiers, Vienne
  'battle-of-ramillies.md': ['place-text', 'BE'], // Ramillies, Walloon Brabant
  'battle-of-stalingrad.md': ['coordinates', 'RU'], // Volgograd
  'battle-of-swiecino.md': ['place-text', 'PL'], // near Krokowa, Pomerania
  'battle-of-the-nile.md': ['place-text', 'EG'], // Aboukir Bay, near Alexandria
  'battle-of-waterloo.md': ['coordinates', 'BE'], // Waterloo, Walloon Brabant
  'first-battle-of-el-alamein.md': ['place-text', 'EG'], // El Alamein, Matrouh
  'second-battle-of-el-alamein.md': ['place-text', 'EG'],
}

function corpusConflict(file: string): Infobox | undefined {
  return findConflictInfobox(readInfoboxes(`${articlesDir}/${file}`))
}

describe.skipIf(!hasCorpus)('deriveCountries: every conflict article of ../shared/corpus', () => {
  const conflicts = hasCorpus
    ? Object.keys(CORPUS_COUNTRIES).map((file) => ({ file, conflict: corpusConflict(file) }))
    : []

  test('the table lists exactly the conflict articles of the corpus', () => {
    const files = corpusFiles().filter((file) => corpusConflict(file) !== undefined)
    expect(files).toEqual(Object.keys(CORPUS_COUNTRIES).sort())
  })

  test.each(conflicts)('$file', ({ file, conflict }) => {
    expect(conflict).toBeDefined()
    if (conflict !== undefined) expect(codesOf(conflict)).toEqual(CORPUS_COUNTRIES[file])
  })
})
