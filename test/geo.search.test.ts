import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, serializeIndex } from '../src/build.js'
import { distanceKm } from '../src/core/geo.js'
import { extractRecord } from '../src/extract/extractRecord.js'
import { resolveIndexOptions } from '../src/core/options.js'
import { loadIndex, OptionsError } from '../src/index.js'
import { chunkInMemory } from './chunked/helpers.js'
import { fixtureSlugs, readFixture } from './helpers.js'

const fixtures = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const index = loadIndex(serializeIndex(buildIndex(fixtures)))
const ids = (hits: readonly { id: string }[]) => hits.map((hit) => hit.id)

describe('every conflict of the fixtures gets its modern country', () => {
  // slug → country, where the evidence came from, continent (checked against an atlas by hand).
  test.each([
    ['battle-of-antietam', 'US', 'coordinates', 'North America'],
    ['battle-of-austerlitz', 'CZ', 'coordinates', 'Europe'],
    ['battle-of-borodino', 'RU', 'coordinates', 'Europe'],
    ['battle-of-cannae', 'IT', 'coordinates', 'Europe'],
    ['battle-of-grunwald', 'PL', 'coordinates', 'Europe'],
    ['battle-of-hastings', 'GB', 'coordinates', 'Europe'],
    ['battle-of-kadesh', 'SY', 'coordinates', 'Asia'],
    ['battle-of-mohacs', 'HU', 'coordinates', 'Europe'],
    ['battle-of-mount-badon', 'GB', 'place-text', 'Europe'],
    ['battle-of-qamishli-2021', 'SY', 'coordinates', 'Asia'],
    ['battle-of-the-somme', 'FR', 'coordinates', 'Europe'],
    ['battle-of-thermopylae', 'GR', 'coordinates', 'Europe'],
    ['guadalcanal-campaign', 'SB', 'coordinates', 'Oceania'],
    ['siege-of-vienna-1683', 'AT', 'coordinates', 'Europe'],
    ['syrian-civil-war', 'SY', 'place-text', 'Asia'],
  ])('%s: %s from %s', (slug, code, source, continent) => {
    const article = fixtures.find((candidate) => candidate.id === slug)
    if (article === undefined) throw new Error(`no fixture ${slug}`)
    const { country } = extractRecord(article, resolveIndexOptions()).facets
    expect(country).toEqual([expect.objectContaining({ value: code, source, continent })])
    expect(ids(index.search('', { filters: { country: [code] }, limit: 50 }).hits)).toContain(slug)
  })

  test('a war across continents gets no country', () => {
    const war = fixtures.find((article) => article.id === 'world-war-ii')
    expect(war && extractRecord(war, resolveIndexOptions()).facets.country).toEqual([])
  })

  test('a filter names a country by its code, its name or another of its names', () => {
    for (const name of ['GB', 'United Kingdom', 'Britain', 'england', 'UK'])
      expect(ids(index.search('', { filters: { country: [name] } }).hits).sort()).toEqual([
        'battle-of-hastings',
        'battle-of-mount-badon',
      ])
    expect(index.search('', { facets: ['country'] }).facets.country).toContainEqual({
      value: 'US',
      label: 'United States of America',
      count: 2,
    })
  })

  test('a country named in the query is offered as the country, not as a place', () => {
    const { suggestedFilters, hits } = index.search('battles in syria')
    expect(suggestedFilters.filter((filter) => filter.text === 'syria')).toEqual([
      expect.objectContaining({ facet: 'country', value: 'SY', label: 'Syria' }),
    ])
    expect(ids(hits).slice(0, 3).sort()).toEqual(['battle-of-kadesh', 'battle-of-qamishli-2021', 'syrian-civil-war'])
  })
})

describe('the coordinates facet', () => {
  const volgograd = { lat: 48.7, lon: 44.5 }
  const pointOf = (id: string) => index.search('', { limit: 50 }).hits.find((hit) => hit.id === id)?.coordinates

  test('hits carry their coordinates; a search near a point gives each its distance', () => {
    expect(pointOf('battle-of-hastings')).toEqual({ lat: 50.912, lon: 0.487 })
    const { hits } = index.search('borodino', { near: volgograd })
    expect(hits[0]?.id).toBe('battle-of-borodino')
    expect(hits[0]?.distance).toBeCloseTo(distanceKm(volgograd, { lat: 55.516, lon: 35.818 }), 0)
    expect(index.search('mount badon', { near: volgograd }).hits[0]).not.toHaveProperty('distance')
  })

  test.each([
    [
      'a box over western Europe',
      { box: { west: -5, south: 45, east: 10, north: 55 } },
      ['battle-of-hastings', 'battle-of-the-somme'],
    ],
    [
      'a box across the antimeridian (west > east)',
      { box: { west: 150, south: -20, east: -170, north: 0 } },
      ['guadalcanal-campaign'],
    ],
    ['a box with no article', { box: { west: -40, south: -60, east: -30, north: -50 } }, []],
    [
      '320 km around Vienna (Mohács is 306 km away)',
      { near: { lat: 48.2, lon: 16.37 }, radius: 320 },
      ['battle-of-austerlitz', 'battle-of-mohacs', 'siege-of-vienna-1683'],
    ],
    ['0 km around Thermopylae exactly', { near: { lat: 38.796, lon: 22.537 }, radius: 0 }, ['battle-of-thermopylae']],
  ])('%s', (_name, coordinates, expected) => {
    expect(ids(index.search('', { filters: { coordinates }, limit: 50 }).hits).sort()).toEqual(expected)
  })

  test('sorting by distance: nearest first, articles without coordinates last', () => {
    const { hits } = index.search('', { near: volgograd, sort: 'distance', limit: 50 })
    expect(ids(hits).slice(0, 3)).toEqual(['battle-of-borodino', 'battle-of-qamishli-2021', 'battle-of-kadesh'])
    const distances = hits.flatMap((hit) => (hit.distance === undefined ? [] : [hit.distance]))
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(hits.at(-1)?.coordinates).toBeUndefined()
    // A radius filter's centre is the point to sort from.
    const around = index.search('', { filters: { coordinates: { near: volgograd, radius: 1750 } }, sort: 'distance' })
    expect(ids(around.hits)).toEqual(['battle-of-borodino', 'battle-of-qamishli-2021', 'battle-of-kadesh'])
  })

  test('counts are a grid of cells with their mean point, busiest first', () => {
    const cells = index.search('', { facets: { coordinates: { cell: 10 } } }).facets.coordinates
    expect(cells[0]).toEqual({ value: '40,10', count: 4, lat: expect.any(Number), lon: expect.any(Number) })
    expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(14)
    // Antietam and Gettysburg share a cell: one dot, at their mean point.
    const counted = index.search('', { filters: { country: ['US'] }, facets: ['coordinates'] }).facets.coordinates
    expect(counted).toEqual([{ value: '39,-78', count: 2, lat: 39.652, lon: -77.488 }])
  })

  test('a chunked copy answers the same', async () => {
    const chunked = await chunkInMemory(index).load()
    const options = {
      near: volgograd,
      sort: 'distance',
      filters: { coordinates: { box: { west: -10, south: 30, east: 60, north: 60 } } },
      facets: { coordinates: { cell: 5 }, country: true },
    } as const
    expect(await chunked.search('battle', options)).toEqual(index.search('battle', options))
  })

  test.each([
    [
      { filters: { coordinates: { box: { west: 0, south: 10, east: 5, north: 5 } } } },
      /"filters.coordinates.box" must be/,
    ],
    [
      { filters: { coordinates: { box: { west: 0, south: 0, east: 190, north: 5 } } } },
      /"filters.coordinates.box" must be/,
    ],
    [
      { filters: { coordinates: { near: { lat: 91, lon: 0 }, radius: 5 } } },
      /"filters.coordinates.near" must be a point/,
    ],
    [{ filters: { coordinates: { near: { lat: 0, lon: 0 } } } }, /"filters.coordinates.radius" must be kilometres ≥ 0/],
    [
      { filters: { coordinates: { near: { lat: 0, lon: 0 }, radius: -1 } } },
      /"filters.coordinates.radius" must be kilometres ≥ 0/,
    ],
    [{ filters: { coordinates: ['Egypt'] } }, /"filters.coordinates" must be \{ box/],
    [{ filters: { coordinates: {} } }, /"filters.coordinates" must be \{ box/],
    [{ sort: 'distance' }, /"sort" must be 'distance' with a point to measure from/],
    [{ near: { lat: 'north', lon: 0 } }, /"near" must be a point/],
    [{ facets: { coordinates: { cell: 0 } } }, /"facets.coordinates.cell" must be a number of degrees > 0/],
  ])('%j is a typed error naming the option', (options, message) => {
    expect(() => index.search('', options as never)).toThrow(OptionsError)
    expect(() => index.search('', options as never)).toThrow(message)
  })
})
