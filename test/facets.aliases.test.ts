import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../src/build.js'
import { article, corpusDir, corpusFiles, fixtureSlugs, hasCorpus, hasSeed, readFixture, seedFile } from './helpers.js'

// A link whose text is another name for its page (`NDF` → `National Defence Forces (Syria)`)
// makes that text an alias of the page wherever the page is a facet value; a filter may then
// name the value by it, and a value shows the label its facet fields most often write.

describe('aliases from the data', () => {
  test.skipIf(!hasSeed)(
    'the seed: NDF and National Defense Forces name National Defence Forces (Syria), Asayish names Asayish (Rojava regions)',
    () => {
      const index = buildIndex([parseArticle(readFileSync(seedFile, 'utf8'), { id: 'seed' })], {
        facets: ['units', 'status'],
      })
      const units = index.data.facets.tables['units']
      expect(units?.aliases?.['National Defence Forces (Syria)']).toEqual([
        ['NDF', 1], // from the status field's link
        ['National Defense Forces', 1], // as the units field writes it
      ])
      expect(units?.aliases?.['Asayish (Rojava regions)']).toEqual([['Asayish', 1]])
      expect(units?.labels?.['Asayish (Rojava regions)']).toBe('Asayish')
      expect(index.search('', { filters: { units: ['NDF'] } }).total).toBe(1)
      expect(index.search('', { filters: { units: ['asayish'] }, facets: ['units'] }).facets.units).toContainEqual({
        value: 'Asayish (Rojava regions)',
        count: 1,
        label: 'Asayish',
      })
    },
  )

  test('the fixtures: SDF names the Syrian Democratic Forces, NDF the National Defence Forces', () => {
    const index = buildIndex(
      fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })),
      { facets: ['result'] },
    )
    expect(index.data.facets.tables['combatant']?.aliases?.['Syrian Democratic Forces']).toEqual([['SDF', 1]])
    const bySdf = index.search('', { filters: { combatant: ['SDF'] }, facets: ['combatant'] })
    expect(bySdf.hits.map((hit) => hit.id)).toEqual(['syrian-civil-war'])
    expect(bySdf.facets.combatant).toContainEqual({ value: 'Syrian Democratic Forces', count: 1, label: 'SDF' })
    expect(index.search('', { filters: { result: ['NDF'] } }).hits.map((hit) => hit.id)).toEqual([
      'battle-of-qamishli-2021',
    ])
  })

  test('a name several values answer to names them all; a value names only itself; a name no value has matches nothing', () => {
    const sides = (slug: string, combatant: string, page: string) =>
      parseArticle(
        article({
          title: slug,
          extra: [
            '    combatant1:',
            `      text: ${combatant}`,
            '      links:',
            `        - { type: internal, text: ${combatant}, page: ${page} }`,
            '    combatant2:',
            '      text: England',
          ].join('\n'),
        }),
        { id: slug },
      )
    const index = buildIndex([
      sides('bouvines', 'France', 'Kingdom of France'),
      sides('crecy', 'France', 'Kingdom of France'),
      sides('lepanto', 'France', 'France in the Middle Ages'),
      sides('verdun', 'France', 'France'),
    ])
    const ids = (name: string) =>
      index
        .search('', { filters: { combatant: [name] }, sort: 'date' })
        .hits.map((hit) => hit.id)
        .sort()
    expect(ids('France')).toEqual(['verdun']) // a value: itself only
    expect(ids('france')).toEqual(['bouvines', 'crecy', 'lepanto', 'verdun']) // not a value as written: every value it names
    expect(ids('Kingdom of France')).toEqual(['bouvines', 'crecy'])
    expect(ids('Prussia')).toEqual([])
  })

  test.skipIf(!hasCorpus)('the corpus: France names France in the Middle Ages (Bouvines), and shows as France', () => {
    const index = buildIndex(
      corpusFiles().map((file) => parseArticle(readFileSync(corpusDir + file, 'utf8'), { file })),
    )
    const result = index.search('', { filters: { combatant: ['france'] }, facets: { combatant: { limit: 100 } } })
    expect(result.hits.map((hit) => hit.title)).toContain('Battle of Bouvines')
    expect(result.facets.combatant).toContainEqual({ value: 'France in the Middle Ages', count: 1, label: 'France' })
  })
})
