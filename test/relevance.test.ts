import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../src/build.js'
import type { SearchIndex } from '../src/index.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from './helpers.js'

// Known-item queries: what a user would type to find one article (its name,
// a commander, its place, a misspelling). The target should be the first hit.
const fixtureQueries: readonly (readonly [query: string, target: string])[] = [
  ['kadesh', 'battle-of-kadesh'],
  ['muwatalli', 'battle-of-kadesh'],
  ['ramesses hittites chariots', 'battle-of-kadesh'],
  ['thermopylae', 'battle-of-thermopylae'],
  ['leonidas', 'battle-of-thermopylae'],
  ['cannae', 'battle-of-cannae'],
  ['hannibal varro', 'battle-of-cannae'],
  ['hastings', 'battle-of-hastings'],
  ['harold godwinson', 'battle-of-hastings'],
  ['william the conqueror normans', 'battle-of-hastings'],
  ['grunwald', 'battle-of-grunwald'],
  ['tannenberg 1410', 'battle-of-grunwald'],
  ['jagiello', 'battle-of-grunwald'],
  ['ulrich von jungingen', 'battle-of-grunwald'],
  ['mohacs', 'battle-of-mohacs'],
  ['suleiman louis ii', 'battle-of-mohacs'],
  ['vienna 1683', 'siege-of-vienna-1683'],
  ['kara mustafa', 'siege-of-vienna-1683'],
  ['austerlitz', 'battle-of-austerlitz'],
  ['battle of the three emperors', 'battle-of-austerlitz'],
  ['borodino', 'battle-of-borodino'],
  ['kutuzov', 'battle-of-borodino'],
  ['antietam', 'battle-of-antietam'],
  ['sharpsburg', 'battle-of-antietam'],
  ['somme', 'battle-of-the-somme'],
  ['world war ii', 'world-war-ii'],
  ['qamishli', 'battle-of-qamishli-2021'],
  ['asayish national defence forces', 'battle-of-qamishli-2021'],
  ['syrian civil war', 'syrian-civil-war'],
  ['guadalcanal', 'guadalcanal-campaign'],
  ['henderson field', 'guadalcanal-campaign'],
  ['mount badon', 'battle-of-mount-badon'],
  ['gettysburg pennsylvania', 'gettysburg-pennsylvania'],
  ['ramesses ii pharaoh', 'ramesses-ii'],
  ['siege warfare', 'siege-warfare'],
  ['military history', 'military-history'],
  // Misspellings and search-as-you-type prefixes.
  ['thermopile', 'battle-of-thermopylae'],
  ['austerliz', 'battle-of-austerlitz'],
  ['borodno', 'battle-of-borodino'],
  ['guadalcan', 'guadalcanal-campaign'],
  ['sobiesk', 'siege-of-vienna-1683'],
]

const corpusQueries: readonly (readonly [query: string, target: string])[] = [
  ['agincourt', 'battle-of-agincourt'],
  ['henry v agincourt', 'battle-of-agincourt'],
  ['saint crispin', 'battle-of-agincourt'],
  ['blenheim', 'battle-of-blenheim'],
  ['hochstadt', 'battle-of-blenheim'],
  ['marlborough tallard', 'battle-of-blenheim'],
  ['waterloo', 'battle-of-waterloo'],
  ['wellington blucher napoleon', 'battle-of-waterloo'],
  ['stalingrad', 'battle-of-stalingrad'],
  ['stalingard', 'battle-of-stalingrad'],
  ['paulus sixth army', 'battle-of-stalingrad'],
  ['gettysburg', 'battle-of-gettysburg'],
  ['meade lee gettysburg', 'battle-of-gettysburg'],
  ['jutland', 'battle-of-jutland'],
  ['jellicoe', 'battle-of-jutland'],
  ['marathon', 'battle-of-marathon'],
  ['miltiades', 'battle-of-marathon'],
  ['actium', 'battle-of-actium'],
  ['bosworth', 'battle-of-bosworth-field'],
  ['richard iii henry tudor', 'battle-of-bosworth-field'],
  ['swiecino', 'battle-of-swiecino'],
  ['okinawa', 'battle-of-okinawa'],
  ['peleliu', 'battle-of-peleliu'],
  ['pharsalus', 'battle-of-pharsalus'],
  ['pompey caesar pharsalus', 'battle-of-pharsalus'],
  ['poitiers 1356', 'battle-of-poitiers'],
  ['black prince', 'battle-of-poitiers'],
  ['ramillies', 'battle-of-ramillies'],
  ['adwa', 'battle-of-adwa'],
  ['menelik', 'battle-of-adwa'],
  ['abritus', 'battle-of-abritus'],
  ['decius goths', 'battle-of-abritus'],
  ['berestechko', 'battle-of-berestechko'],
  ['bouvines', 'battle-of-bouvines'],
  ['lostwithiel', 'battle-of-lostwithiel'],
  ['battle of the nile nelson', 'battle-of-the-nile'],
  ['first battle of el alamein', 'first-battle-of-el-alamein'],
  ['second el alamein montgomery', 'second-battle-of-el-alamein'],
  ['waterlo', 'battle-of-waterloo'],
  ['freddie mercury', 'freddie-mercury'],
  ['empire state building', 'empire-state-building'],
  ['toronto', 'toronto'],
]

function hitRate(index: SearchIndex, queries: typeof fixtureQueries) {
  const misses = queries.filter(([query, target]) => index.search(query, { limit: 1 }).hits[0]?.id !== target)
  return {
    rate: 1 - misses.length / queries.length,
    misses: misses.map(
      ([query, target]) =>
        `${query} → ${index.search(query, { limit: 1 }).hits[0]?.id ?? '(none)'}, expected ${target}`,
    ),
  }
}

const fixtures = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))

describe('known-item relevance', () => {
  test.each(['lead', 'sections', 'full'] as const)(
    'fixtures, body profile %s: the target is the first hit for at least 90 percent of queries',
    (body) => {
      const { rate, misses } = hitRate(buildIndex(fixtures, { body }), fixtureQueries)
      console.log(
        `fixtures (${body}): ${(rate * 100).toFixed(1)}% of ${fixtureQueries.length} first${misses.length ? `; misses: ${misses.join('; ')}` : ''}`,
      )
      expect(rate).toBeGreaterThanOrEqual(0.9)
    },
  )

  test.skipIf(!hasCorpus).each(['lead', 'sections', 'full'] as const)(
    'corpus + fixtures, body profile %s: at least 90 percent',
    (body) => {
      const corpus = corpusFiles().map((file) =>
        parseArticle(readFileSync(corpusDir + file, 'utf8'), { id: file.replace(/\.md$/, '') }),
      )
      const { rate, misses } = hitRate(buildIndex([...corpus, ...fixtures], { body }), [
        ...corpusQueries,
        ...fixtureQueries,
      ])
      console.log(
        `corpus + fixtures (${body}): ${(rate * 100).toFixed(1)}% of ${corpusQueries.length + fixtureQueries.length} first${misses.length ? `; misses: ${misses.join('; ')}` : ''}`,
      )
      expect(rate).toBeGreaterThanOrEqual(0.9)
    },
  )
})
