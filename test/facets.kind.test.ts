import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type InfoboxKind, findConflictInfobox, inferInfoboxKind } from '../src/extract/facets/kind.js'
import type { Infobox } from '../src/parse/article.js'
import { anyField, field, hasCorpus, infobox, readCorpus } from './facets.helpers.js'

/** An infobox with these field names, each holding placeholder text. */
function withFields(...names: readonly string[]): Infobox {
  return infobox(Object.fromEntries(names.map((name) => [name, field('x')])))
}

describe('inferInfoboxKind', () => {
  test.each<[readonly string[], InfoboxKind]>([
    [
      [
        'conflict',
        'partof',
        'image',
        'date',
        'place',
        'result',
        'combatant1',
        'combatant2',
        'commander1',
        'commander2',
      ],
      'military conflict',
    ],
    [['date', 'place', 'combatant1', 'combatant2'], 'military conflict'],
    [['combatant1a', 'combatant2b'], 'military conflict'],
    [['casualties1', 'casualties2'], 'military conflict'],
    [['conflict', 'date', 'place'], 'military conflict'],
    [['name', 'image', 'birth_date', 'birth_place', 'death_date', 'death_place', 'occupation', 'spouse'], 'person'],
    [['name', 'fullname', 'birth_date', 'birth_place', 'position', 'years1', 'clubs1', 'caps1', 'goals1'], 'person'],
    [['name', 'position', 'bats', 'throws', 'birth_date', 'debutdate', 'finalteam'], 'person'],
    [['name', 'office', 'term_start', 'term_end', 'predecessor', 'successor', 'party'], 'person'],
    [
      ['name', 'settlement_type', 'subdivision_type', 'subdivision_name', 'population_total', 'area_total_km2'],
      'settlement',
    ],
    [
      ['official_name', 'country', 'population', 'civil_parish', 'post_town', 'postcode_district', 'dial_code'],
      'settlement',
    ],
    [
      ['conventional_long_name', 'common_name', 'capital', 'largest_city', 'official_languages', 'demonym', 'currency'],
      'country',
    ],
    [
      [
        'name',
        'logo',
        'type',
        'traded_as',
        'industry',
        'founded',
        'hq_location_city',
        'key_people',
        'revenue',
        'num_employees',
      ],
      'organization',
    ],
    [
      ['clubname', 'fullname', 'nickname', 'founded', 'ground', 'capacity', 'chairman', 'manager', 'league'],
      'organization',
    ],
    [['name', 'background', 'origin', 'genre', 'years_active', 'label', 'current_members'], 'organization'],
    [['name', 'location', 'coordinates', 'floor_count', 'building_type', 'architect', 'completion_date'], 'building'],
    [['name', 'former names', 'address', 'location', 'opened', 'architect', 'capacity'], 'building'],
    [
      [
        'name',
        'image',
        'director',
        'producer',
        'screenplay',
        'starring',
        'cinematography',
        'distributor',
        'runtime',
        'budget',
        'gross',
      ],
      'film',
    ],
    [['name', 'cover', 'artist', 'album', 'released', 'label'], 'other'],
    [['name', 'manufacturer', 'production', 'length', 'width', 'height'], 'other'],
    [['title', 'hangul', 'hanja', 'rr', 'mr'], 'other'],
    [['name', 'image', 'caption'], 'other'],
    [['location'], 'other'],
    [[], 'other'],
  ])('%j → %s', (names, expected) => {
    expect(inferInfoboxKind(withFields(...names))).toBe(expected)
  })

  test('field names are matched ignoring case and spaces', () => {
    expect(inferInfoboxKind(withFields('Combatant1', 'COMMANDER 2'))).toBe('military conflict')
    expect(inferInfoboxKind(withFields('Birth Date', 'Spouse'))).toBe('person')
  })

  test('never throws, whatever the field names', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), anyField, { maxKeys: 8 }), (fields) => {
        expect(typeof inferInfoboxKind(infobox(fields))).toBe('string')
      }),
    )
  })
})

describe('findConflictInfobox', () => {
  const person = withFields('name', 'birth_date', 'death_date', 'spouse')
  const battle = withFields('conflict', 'date', 'place', 'combatant1', 'combatant2')
  const geobox = withFields('name', 'country', 'state', 'region', 'elevation_imperial')

  test.each<[string, readonly Infobox[], Infobox | undefined]>([
    ['none', [], undefined],
    ['only a person', [person], undefined],
    ['first of several', [battle, geobox], battle],
    ['after another kind', [person, battle], battle],
  ])('%s', (_name, infoboxes, expected) => {
    expect(findConflictInfobox(infoboxes)).toBe(expected)
  })
})

/** Manifest infobox types → the kind we should infer; unlisted types are `other`. */
const expectedKinds: Readonly<Record<string, InfoboxKind>> = {
  'military conflict': 'military conflict',
  person: 'person',
  'football biography': 'person',
  'nfl biography': 'person',
  'nfl player': 'person',
  'baseball biography': 'person',
  writer: 'person',
  officeholder: 'person',
  judge: 'person',
  scientist: 'person',
  philosopher: 'person',
  settlement: 'settlement',
  'uk place': 'settlement',
  'french canton': 'settlement',
  country: 'country',
  company: 'organization',
  'football club': 'organization',
  team: 'organization',
  legislature: 'organization',
  newspaper: 'organization',
  building: 'building',
  venue: 'building',
  museum: 'building',
  film: 'film',
}

describe.skipIf(!hasCorpus)('inferInfoboxKind on the corpus', () => {
  const firsts = readCorpus().flatMap(({ file, infoboxes, kinds }) => {
    const first = infoboxes[0]
    const kind = kinds[0]
    return first === undefined || kind === undefined ? [] : [{ file, kind, inferred: inferInfoboxKind(first) }]
  })

  test('military conflict exactly when the manifest says so', () => {
    expect(firsts.length).toBeGreaterThan(0)
    const wrong = firsts.filter(
      ({ kind, inferred }) => (kind === 'military conflict') !== (inferred === 'military conflict'),
    )
    expect(wrong).toEqual([])
  })

  test('other kinds are mostly right', () => {
    const others = firsts.filter(({ kind }) => kind !== 'military conflict')
    const right = others.filter(({ kind, inferred }) => inferred === (expectedKinds[kind] ?? 'other'))
    expect(right.length / others.length).toBeGreaterThanOrEqual(0.9)
  })
})
