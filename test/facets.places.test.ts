import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { cleanValue, matchKey } from '../src/extract/facets/clean.js'
import { findConflictInfobox } from '../src/extract/facets/kind.js'
import { extractPlaces } from '../src/extract/facets/places.js'
import type { InfoboxField } from '../src/parse/article.js'
import {
  anyField,
  conflictFiles,
  field,
  hasCorpus,
  link,
  readInfoboxes,
  articlesDir,
  valueProblem,
} from './facets.helpers.js'

type Case = [name: string, place: InfoboxField | undefined, values: readonly string[], hierarchy: readonly string[]]

describe('extractPlaces', () => {
  test.each<Case>([
    ['missing field', undefined, [], []],
    ['empty text', field(''), [], []],
    ['undefined text, no links', field('undefined'), [], []],
    [
      'link text differs from a page with a comma',
      field(
        'Gettysburg, Adams County, Pennsylvania',
        link('Gettysburg, Pennsylvania', 'Gettysburg'),
        link('Adams County, Pennsylvania', 'Adams County'),
        link('Pennsylvania'),
      ),
      ['Gettysburg, Pennsylvania', 'Adams County, Pennsylvania', 'Pennsylvania'],
      ['Pennsylvania', 'Adams County, Pennsylvania', 'Gettysburg, Pennsylvania'],
    ],
    [
      'historic country behind modern text',
      field('Adwa, Ethiopia', link('Adwa'), link('Ethiopian Empire', 'Ethiopia')),
      ['Adwa', 'Ethiopian Empire'],
      ['Ethiopian Empire', 'Adwa'],
    ],
    [
      'unlinked country',
      field('Azincourt, Pas-de-Calais, France', link('Azincourt'), link('Pas-de-Calais')),
      ['Azincourt', 'Pas-de-Calais', 'France'],
      ['France', 'Pas-de-Calais', 'Azincourt'],
    ],
    [
      '(modern-day X, Y) replaces the part it follows in the hierarchy',
      field(
        'Abritus, Moesia Inferior (modern-day Razgrad, Bulgaria)',
        link('Moesia Inferior'),
        link('Razgrad'),
        link('Bulgaria'),
      ),
      ['Abritus', 'Moesia Inferior', 'Razgrad', 'Bulgaria'],
      ['Bulgaria', 'Razgrad', 'Abritus'],
    ],
    [
      'a list of more than four places is not a hierarchy',
      field('Europe, the Pacific, the Atlantic, South-East Asia, China, and briefly North America'),
      ['Europe', 'Pacific', 'Atlantic', 'South-East Asia', 'China', 'briefly North America'],
      [],
    ],
    [
      'an unknown place is not a value',
      field('Unknown; probably southern Britain', link('Sub-Roman Britain')),
      ['southern Britain', 'Sub-Roman Britain'],
      [],
    ],
    [
      '(today X)',
      field(
        'Berestechko, Crown of the Kingdom of Poland (today Ukraine)',
        link('Berestechko'),
        link('Crown of the Kingdom of Poland'),
      ),
      ['Berestechko', 'Crown of the Kingdom of Poland', 'Ukraine'],
      ['Ukraine', 'Berestechko'],
    ],
    [
      'English alias note dropped, near X → X',
      field(
        'Blindheim (Engl.: Blenheim), near Höchstädt, Bavaria, Germany',
        link('Blindheim'),
        link('Höchstädt an der Donau', 'Höchstädt'),
        link('Bavaria'),
      ),
      ['Blindheim', 'Höchstädt an der Donau', 'Bavaria', 'Germany'],
      ['Germany', 'Bavaria', 'Höchstädt an der Donau', 'Blindheim'],
    ],
    [
      'Near X, south of Y',
      field(
        'Near Ambion Hill, south of Market Bosworth, Leicestershire, England',
        link('Ambion Hill'),
        link('Market Bosworth'),
        link('Leicestershire'),
        link('England'),
      ),
      ['Ambion Hill', 'Market Bosworth', 'Leicestershire', 'England'],
      ['England', 'Leicestershire', 'Market Bosworth', 'Ambion Hill'],
    ],
    [
      'X in Y inside a phrase',
      field('Ionian sea, near the promontory of Actium in Greece', link('Ionian sea'), link('Actium'), link('Greece')),
      ['Ionian sea', 'Actium', 'Greece'],
      ['Greece', 'Actium', 'Ionian sea'],
    ],
    [
      'near X in Y',
      field('near Lostwithiel in Cornwall', link('Lostwithiel'), link('Cornwall')),
      ['Lostwithiel', 'Cornwall'],
      ['Cornwall', 'Lostwithiel'],
    ],
    [
      'sea near a country',
      field('North Sea, near Denmark', link('North Sea'), link('Denmark')),
      ['North Sea', 'Denmark'],
      ['Denmark', 'North Sea'],
    ],
    [
      'one link whose page spans two parts',
      field('Marathon, Greece', link('Marathon, Greece')),
      ['Marathon, Greece', 'Greece'],
      ['Greece', 'Marathon, Greece'],
    ],
    [
      'comma and newline',
      field(
        'Okinawa,\n Ryukyu Islands, Japan',
        link('Okinawa Island', 'Okinawa'),
        link('Ryukyu Islands'),
        link('Empire of Japan', 'Japan'),
      ),
      ['Okinawa Island', 'Ryukyu Islands', 'Empire of Japan'],
      ['Empire of Japan', 'Ryukyu Islands', 'Okinawa Island'],
    ],
    [
      'plain (Country) note is a level',
      field('Palaeopharsalos (Greece)', link('Farsala', 'Palaeopharsalos')),
      ['Farsala', 'Greece'],
      ['Greece', 'Farsala'],
    ],
    [
      'present-day region',
      field(
        'Ramillies, present-day Walloon Brabant, Belgium',
        link('Ramillies, Belgium', 'Ramillies'),
        link('Walloon Brabant'),
        link('Belgium'),
      ),
      ['Ramillies, Belgium', 'Walloon Brabant', 'Belgium'],
      ['Belgium', 'Walloon Brabant', 'Ramillies, Belgium'],
    ],
    [
      'renamed city',
      field(
        'Stalingrad, Russian SFSR, Soviet Union',
        link('Volgograd', 'Stalingrad'),
        link('Russian Soviet Federative Socialist Republic', 'Russian SFSR'),
        link('Soviet Union'),
      ),
      ['Volgograd', 'Russian Soviet Federative Socialist Republic', 'Soviet Union'],
      ['Soviet Union', 'Russian Soviet Federative Socialist Republic', 'Volgograd'],
    ],
    [
      'Near X, Country',
      field('Near Krokowa, Poland', link('Krokowa'), link('Poland')),
      ['Krokowa', 'Poland'],
      ['Poland', 'Krokowa'],
    ],
    [
      'bay, eyalet, empire',
      field(
        'Aboukir Bay, Egypt, Ottoman Empire',
        link('Abu Qir Bay', 'Aboukir Bay'),
        link('Egypt Eyalet', 'Egypt'),
        link('Ottoman Empire'),
      ),
      ['Abu Qir Bay', 'Egypt Eyalet', 'Ottoman Empire'],
      ['Ottoman Empire', 'Egypt Eyalet', 'Abu Qir Bay'],
    ],
    [
      'then X, present day Y; distance clause',
      field(
        'Waterloo, then Netherlands, present day Belgium; 15 km south of Brussels',
        link('Waterloo, Belgium', 'Waterloo'),
        link('United Kingdom of the Netherlands', 'Netherlands'),
      ),
      ['Waterloo, Belgium', 'United Kingdom of the Netherlands', 'Belgium', 'Brussels'],
      ['Belgium', 'Waterloo, Belgium'],
    ],
    [
      'governorate with a lower-case initial',
      field(
        'Qamishli, al-Hasakah Governorate, Syria',
        link('Qamishli'),
        link('al-Hasakah Governorate', 'al-Hasakah Governorate'),
        link('Syria'),
      ),
      ['Qamishli', 'al-Hasakah Governorate', 'Syria'],
      ['Syria', 'al-Hasakah Governorate', 'Qamishli'],
    ],
    [
      'coordinates are not places',
      field('Sedan, Ardennes, France, 49.70°N, 4.94°E'),
      ['Sedan', 'Ardennes', 'France'],
      ['France', 'Ardennes', 'Sedan'],
    ],
    [
      'DMS coordinates clause',
      field('Paris, France; 48°51′N 2°21′E', link('Paris')),
      ['Paris', 'France'],
      ['France', 'Paris'],
    ],
    [
      'flag emoji are not places',
      field('🇫🇷 Verdun, Meuse, France', link('Verdun')),
      ['Verdun', 'Meuse', 'France'],
      ['France', 'Meuse', 'Verdun'],
    ],
    ['undefined text, link still a value', field('undefined', link('Hastings')), ['Hastings'], []],
    [
      'undefined parts dropped',
      field('undefined, Flanders, undefined', link('undefined', 'undefined')),
      ['Flanders'],
      ['Flanders'],
    ],
    ['distance and direction', field('15 km north of Lyon, France'), ['Lyon', 'France'], ['France', 'Lyon']],
    ['lower-cased flag page', field('🇧🇪 belgium', link('belgium', 'belgium')), ['Belgium'], ['Belgium']],
    [
      'diacritics ignored when matching',
      field('Lodz, Poland', link('Łódź', 'Lodz')),
      ['Łódź', 'Poland'],
      ['Poland', 'Łódź'],
    ],
    [
      'later clause is not a level',
      field('Cannae, Apulia; near Barletta'),
      ['Cannae', 'Apulia', 'Barletta'],
      ['Apulia', 'Cannae'],
    ],
    [
      'places on separate lines',
      field('Guadalcanal\nFlorida Islands', link('Guadalcanal'), link('Florida Islands')),
      ['Guadalcanal', 'Florida Islands'],
      ['Guadalcanal'],
    ],
    [
      'off a cape',
      field('off Cape St. Vincent, Portugal', link('Cape St. Vincent')),
      ['Cape St. Vincent', 'Portugal'],
      ['Portugal', 'Cape St. Vincent'],
    ],
    [
      'outskirts of',
      field('Outskirts of Vienna, Archduchy of Austria', link('Vienna')),
      ['Vienna', 'Archduchy of Austria'],
      ['Archduchy of Austria', 'Vienna'],
    ],
    ['lower-case note dropped', field('Kadesh (disputed), Syria'), ['Kadesh', 'Syria'], ['Syria', 'Kadesh']],
    [
      'external links ignored',
      field('Hastings, England', { type: 'external', page: 'https://example.org/hastings' }),
      ['Hastings', 'England'],
      ['England', 'Hastings'],
    ],
    [
      'link page undefined keeps text',
      field('Paris, France', link('undefined', 'Paris')),
      ['Paris', 'France'],
      ['France', 'Paris'],
    ],
    [
      'then X next to present-day Y',
      field('Königgrätz, then Bohemia, present-day Czech Republic', link('Hradec Králové', 'Königgrätz')),
      ['Hradec Králové', 'Bohemia', 'Czech Republic'],
      ['Czech Republic', 'Hradec Králové'],
    ],
    [
      'unmatched link is a value, not a level',
      field('Lützen, Saxony', link('Lützen'), link('Holy Roman Empire')),
      ['Lützen', 'Saxony', 'Holy Roman Empire'],
      ['Saxony', 'Lützen'],
    ],
    ['repeated place once', field('Paris, Paris, France', link('Paris')), ['Paris', 'France'], ['France', 'Paris']],
  ])('%s', (_name, place, values, hierarchy) => {
    expect(extractPlaces(place)).toMatchObject({ values, hierarchy })
  })

  test('values are clean, the hierarchy is among them, and extraction never throws', () => {
    fc.assert(
      fc.property(anyField, (place) => {
        const { values, hierarchy } = extractPlaces(place)
        for (const value of values) expect(valueProblem(value)).toBeUndefined()
        for (const level of hierarchy) expect(values).toContain(level)
        expect(new Set(values.map(matchKey)).size).toBe(values.length)
      }),
    )
  })
})

describe.skipIf(!hasCorpus)('extractPlaces on the corpus', () => {
  const conflicts = conflictFiles().map((file) => ({
    file,
    infobox: findConflictInfobox(readInfoboxes(`${articlesDir}/${file}`)),
  }))

  test('every conflict article has a place', () => {
    expect(conflicts.length).toBeGreaterThan(0)
    const placed = conflicts.filter(
      ({ infobox }) => infobox !== undefined && extractPlaces(infobox['place']).values.length > 0,
    )
    expect(placed.map(({ file }) => file)).toEqual(conflicts.map(({ file }) => file))
  })

  test.each(conflictFiles())('%s: every place link page is a value', (file) => {
    const place = findConflictInfobox(readInfoboxes(`${articlesDir}/${file}`))?.['place']
    const values = new Set(extractPlaces(place).values.map(matchKey))
    const pages = (place?.links ?? []).map((l) => cleanValue(l.page)).filter((page) => page !== undefined)
    expect(pages.filter((page) => !values.has(matchKey(page)))).toEqual([])
  })
})
