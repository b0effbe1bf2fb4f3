import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { cleanValue, matchKey } from '../src/extract/facets/clean.js'
import { extractCombatants } from '../src/extract/facets/combatants.js'
import { findConflictInfobox } from '../src/extract/facets/kind.js'
import type { Infobox, InfoboxField } from '../src/parse/article.js'
import {
  anyField,
  articlesDir,
  conflictFiles,
  field,
  hasCorpus,
  infobox,
  link,
  readInfoboxes,
  textLink,
  valueProblem,
} from './facets.helpers.js'

/** `side:value` or `side:value [display]` when the display differs. */
function summary(combatants: ReturnType<typeof extractCombatants>): readonly string[] {
  return combatants.map(({ side, value, display }) => `${side}:${value}${display === value ? '' : ` [${display}]`}`)
}

const undefinedLink = link('undefined', 'undefined')

type Case = [name: string, fields: Readonly<Record<string, InfoboxField>>, expected: readonly string[]]

describe('extractCombatants', () => {
  test.each<Case>([
    ['no combatant fields', { commander1: field('Cniva', link('Cniva')) }, []],
    [
      'two simple sides',
      { combatant1: field('Roman Empire', link('Roman Empire')), combatant2: field('Goths', link('Goths')) },
      ['1:Roman Empire', '2:Goths'],
    ],
    [
      'unlinked line next to a linked one',
      {
        combatant1: field("Octavian's Roman and allied supporters and forces"),
        combatant2: field("Mark Antony's Roman and allied supporters\nPtolemaic Egypt", link('Ptolemaic Egypt')),
      },
      [
        "1:Octavian's Roman and allied supporters and forces",
        "2:Mark Antony's Roman and allied supporters",
        '2:Ptolemaic Egypt',
      ],
    ],
    [
      'both sides undefined',
      { combatant1: field('undefined', undefinedLink), combatant2: field('undefined', undefinedLink) },
      [],
    ],
    [
      'coat-of-arms file names',
      {
        combatant1: field('Royal Arms of England (1399-1603).svg Kingdom of England', link('Kingdom of England')),
        combatant2: field('France moderne.svg Kingdom of France', link('Kingdom of France')),
      },
      ['1:Kingdom of England', '2:Kingdom of France'],
    ],
    [
      'two coats of arms on one line',
      {
        combatant1: field(
          'Herb Viyska Zaporozkogo (Alex K).svg Zaporozhian Cossacks Gerae-tamga.png Crimean Khanate',
          link('Cossack Hetmanate', 'Zaporozhian Cossacks'),
          link('Crimean Khanate'),
        ),
        combatant2: field(
          'Herb Rzeczypospolitej Obojga Narodow.svg Polish–Lithuanian Commonwealth',
          link('Polish–Lithuanian Commonwealth'),
        ),
      },
      ['1:Cossack Hetmanate [Zaporozhian Cossacks]', '1:Crimean Khanate', '2:Polish–Lithuanian Commonwealth'],
    ],
    [
      'bullets, undefined flags and a flag icon',
      {
        combatant1: field(
          'undefined undefined \n undefined\n*  Austria\n*  Prussia\n*  Hesse-Kassel\n Dutch Republic\n🇩🇰 Danish Auxiliary Corps',
          undefinedLink,
          undefinedLink,
          link('Habsburg Monarchy', 'Austria'),
          link('Kingdom of Prussia', 'Prussia'),
          link('Landgraviate of Hesse-Kassel', 'Hesse-Kassel'),
          link('undefined', 'Dutch Republic'),
          link('denmark', '🇩🇰'),
          link('Danish Auxiliary Corps in Anglo-Dutch service 1701-1714', "''Danish Auxiliary Corps''"),
        ),
        combatant2: field('undefined Electorate of Bavaria', undefinedLink, link('Electorate of Bavaria')),
      },
      [
        '1:Habsburg Monarchy [Austria]',
        '1:Kingdom of Prussia [Prussia]',
        '1:Landgraviate of Hesse-Kassel [Hesse-Kassel]',
        '1:Dutch Republic',
        '1:Denmark',
        '1:Danish Auxiliary Corps in Anglo-Dutch service 1701-1714 [Danish Auxiliary Corps]',
        '2:Electorate of Bavaria',
      ],
    ],
    [
      'Supported by: stays on its side; third side',
      {
        combatant1: field('White Rose Badge of York.svg House of York', link('House of York')),
        combatant2: field(
          'Red_Rose_Badge_of_Lancaster.svg House of Tudor (Lancastrian)\nSupported by:\n[[Image:Blason France moderne.svg|15px]] Kingdom of France',
          link('House of Tudor'),
          link('House of Lancaster', 'Lancastrian'),
          link('Kingdom of France'),
        ),
        combatant3: field('Stanley arms.svg Stanley family', link('Baron Stanley', 'Stanley')),
      },
      [
        '1:House of York',
        '2:House of Tudor',
        '2:House of Lancaster [Lancastrian]',
        '2:Kingdom of France',
        '3:Baron Stanley [Stanley]',
      ],
    ],
    [
      'four allies on four lines',
      {
        combatant1: field(
          'Arms of the Kings of France (France Ancien).svg France',
          link('France in the Middle Ages', 'France'),
        ),
        combatant2: field(
          'Holy Roman Empire Arms-single head.svg Holy Roman Empire\nBlason Nord-Pas-De-Calais.svg Flanders\nRoyal Arms of England (1198-1340).svg England\nBlason Courtenay.svg Boulogne',
          link('House of Welf', 'Holy Roman Empire'),
          link('County of Flanders', 'Flanders'),
          link('Kingdom of England', 'England'),
          link('County of Boulogne', 'Boulogne'),
        ),
      },
      [
        '1:France in the Middle Ages [France]',
        '2:House of Welf [Holy Roman Empire]',
        '2:County of Flanders [Flanders]',
        '2:Kingdom of England [England]',
        '2:County of Boulogne [Boulogne]',
      ],
    ],
    [
      'lower-cased flag page, undefined enemy',
      {
        combatant1: field('🇺🇸 united states', link('united states', 'united states')),
        combatant2: field('undefined', undefinedLink),
      },
      ['1:United States [united states]'],
    ],
    [
      'factions linked to their pages',
      {
        combatant1: field('Royalists', link('Cavalier', 'Royalists')),
        combatant2: field('Parliamentarians', link('Roundhead', 'Parliamentarians')),
      },
      ['1:Cavalier [Royalists]', '2:Roundhead [Parliamentarians]'],
    ],
    [
      'trailing comma before a line break',
      {
        combatant1: field('Athens,\nPlataea', link('Classical Athens', 'Athens'), link('Plataea')),
        combatant2: field('Persian Empire', link('Achaemenid Empire', 'Persian Empire')),
      },
      ['1:Classical Athens [Athens]', '1:Plataea', '2:Achaemenid Empire [Persian Empire]'],
    ],
    [
      'unlinked headings and repeated flags',
      {
        combatant1: field(
          'Ground Forces:\n🇺🇸 United States\n Naval Support:\n🇺🇸 United States\n🇬🇧 United Kingdom\n🇨🇦 Canada',
          link('united states', 'United States'),
          link('united states', '🇺🇸'),
          link('united kingdom', 'United Kingdom'),
          link('canada', 'Canada'),
        ),
        combatant2: field('undefined', undefinedLink),
      },
      ['1:United States', '1:United Kingdom', '1:Canada'],
    ],
    [
      'forces of a leader, including a faction',
      {
        combatant1: field(
          'Forces of Julius Caesar, including representatives of the Populares',
          link('Julius Caesar'),
          link('Populares'),
        ),
        combatant2: field('Forces of Pompey, including many of the Optimates', link('Pompey'), link('Optimates')),
      },
      ['1:Julius Caesar', '1:Populares', '2:Pompey', '2:Optimates'],
    ],
    [
      'bullet sub-list of vassals',
      {
        combatant1: field(
          'Royal Arms of England (1340-1367).svg Kingdom of England\n* Arms of Llywelyn.svg Principality of Wales\n* Blason province fr Gascogne.svg Duchy of Gascony',
          link('Kingdom of England'),
          link('Principality of Wales'),
          link('Duchy of Gascony'),
        ),
        combatant2: field(
          'Blason pays fr FranceAncien.svg Kingdom of France \nRoyal Arms of the Kingdom of Scotland.svg Kingdom of Scotland',
          link('Kingdom of France'),
          link('Kingdom of Scotland'),
        ),
      },
      [
        '1:Kingdom of England',
        '1:Principality of Wales',
        '1:Duchy of Gascony',
        '2:Kingdom of France',
        '2:Kingdom of Scotland',
      ],
    ],
    [
      'inline linked heading, undefined separators, flag icons',
      {
        combatant1: field(
          'Allies: undefined  Dutch Republic  undefined 🇩🇰 Danish Auxiliary Corps',
          link('Grand Alliance (League of Augsburg)', 'Allies'),
          undefinedLink,
          link('undefined', 'Dutch Republic'),
          undefinedLink,
          link('denmark', '🇩🇰'),
          link('Danish Auxiliary Corps in Anglo-Dutch service 1701-1714', "''Danish Auxiliary Corps''"),
        ),
        combatant2: field(
          'undefined Electorate of Bavaria 🇪🇸 Bourbon Spain',
          undefinedLink,
          link('Electorate of Bavaria'),
          link('spain', '🇪🇸'),
          link('Philip V of Spain', 'Bourbon Spain'),
        ),
      },
      [
        '1:Grand Alliance (League of Augsburg) [Allies]',
        '1:Dutch Republic',
        '1:Denmark',
        '1:Danish Auxiliary Corps in Anglo-Dutch service 1701-1714 [Danish Auxiliary Corps]',
        '2:Electorate of Bavaria',
        '2:Spain',
        '2:Philip V of Spain [Bourbon Spain]',
      ],
    ],
    [
      'no links, blank lines, an undefined flag',
      {
        combatant1: field('Nazi Germany\n\nundefined\n\nKingdom of Italy\n\nKingdom of Hungary'),
        combatant2: field('Soviet Union', link('undefined', 'Soviet Union')),
      },
      ['1:Nazi Germany', '1:Kingdom of Italy', '1:Kingdom of Hungary', '2:Soviet Union'],
    ],
    [
      'wiki image markup',
      {
        combatant1: field('[[Image:Den tyske ordens skjold.svg|20px]] Teutonic Order', link('Teutonic Order')),
        combatant2: field('Kingdom of Poland', link('Poland', 'Kingdom of Poland')),
      },
      ['1:Teutonic Order', '2:Poland [Kingdom of Poland]'],
    ],
    [
      'linked coalition heading over its members',
      {
        combatant1: field(' First French Empire', link('undefined', 'First French Empire')),
        combatant2: field(
          'Seventh Coalition:\n* undefined\n*  undefined\n*  Prussia\n*  Hanover\n*  Nassau',
          link('Seventh Coalition'),
          undefinedLink,
          undefinedLink,
          link('undefined', 'Prussia'),
          link('Kingdom of Hanover', 'Hanover'),
          link('Duchy of Nassau', 'Nassau'),
        ),
      },
      [
        '1:First French Empire',
        '2:Seventh Coalition',
        '2:Prussia',
        '2:Kingdom of Hanover [Hanover]',
        '2:Duchy of Nassau [Nassau]',
      ],
    ],
    [
      'bullet under a flagged line',
      {
        combatant1: field('Germany\n undefined', link('Nazi Germany', 'Germany'), undefinedLink),
        combatant2: field(
          '🇬🇧 United Kingdom\n* India\n🇦🇺 Australia \n South Africa',
          link('united kingdom', 'United Kingdom'),
          link('British Raj', 'India'),
          link('australia', 'Australia'),
          link('Union of South Africa', 'South Africa'),
        ),
      },
      [
        '1:Nazi Germany [Germany]',
        '2:United Kingdom',
        '2:British Raj [India]',
        '2:Australia',
        '2:Union of South Africa [South Africa]',
      ],
    ],
    [
      'Axis: and Allies: headings with a note in parentheses',
      {
        combatant1: field('Axis:\n undefined\n undefined', link('Axis powers', 'Axis'), undefinedLink, undefinedLink),
        combatant2: field(
          'Allies:\n🇬🇧 United Kingdom\n Free French Forces\n🇺🇸 United States (air support)',
          link('Allies of World War II', 'Allies'),
          link('united kingdom', 'United Kingdom'),
          link('undefined', 'Free French Forces'),
          link('united states', 'United States'),
        ),
      },
      [
        '1:Axis powers [Axis]',
        '2:Allies of World War II [Allies]',
        '2:United Kingdom',
        '2:Free French Forces',
        '2:United States',
      ],
    ],
    [
      'page undefined keeps the text',
      {
        combatant1: field(
          'Autonomous Administration of North and East Syria',
          link('undefined', 'Autonomous Administration of North and East Syria'),
        ),
        combatant2: field('Syria', link('undefined', 'Syria')),
      },
      ['1:Autonomous Administration of North and East Syria', '2:Syria'],
    ],
    [
      'lettered sub-fields join their side, in letter order',
      {
        combatant2b: field('Supported by:\nKingdom of Sardinia', link('Kingdom of Sardinia')),
        combatant1: field('Russian Empire', link('Russian Empire')),
        combatant2: field('Ottoman Empire', link('Ottoman Empire')),
        combatant2a: field(
          'French Empire\nBritish Empire',
          link('Second French Empire', 'French Empire'),
          link('British Empire'),
        ),
        combatant1a: field('Bulgarian Legion'),
      },
      [
        '1:Russian Empire',
        '1:Bulgarian Legion',
        '2:Ottoman Empire',
        '2:Second French Empire [French Empire]',
        '2:British Empire',
        '2:Kingdom of Sardinia',
      ],
    ],
    [
      'the same entity on both sides stays on both',
      {
        combatant1: field('Kingdom of France', link('Kingdom of France')),
        combatant2: field(
          'Kingdom of France\nKingdom of England',
          link('Kingdom of France'),
          link('Kingdom of England'),
        ),
      },
      ['1:Kingdom of France', '2:Kingdom of France', '2:Kingdom of England'],
    ],
    [
      'the same entity twice on one side once',
      {
        combatant1: field('Roman Republic', link('Roman Republic')),
        combatant1a: field('roman republic\nNumidia', link('Roman Republic', 'roman republic')),
      },
      ['1:Roman Republic', '1:Numidia'],
    ],
    [
      'sides sorted numerically',
      { combatant10: field('Tenth'), combatant2: field('Second'), combatant1: field('First') },
      ['1:First', '2:Second', '10:Tenth'],
    ],
    [
      'lines split by <br>',
      {
        combatant1: field('Kingdom of Prussia<br>Russian Empire<br />Austrian Empire', link('Russian Empire')),
        combatant2: field('First French Empire'),
      },
      ['1:Kingdom of Prussia', '1:Russian Empire', '1:Austrian Empire', '2:First French Empire'],
    ],
    [
      'flag-only line names its country',
      { combatant1: field('🇫🇷\n🇬🇧 United Kingdom', link('france', '🇫🇷'), link('united kingdom', 'United Kingdom')) },
      ['1:France', '1:United Kingdom'],
    ],
    [
      'unnumbered and look-alike fields ignored',
      {
        combatant: field('Nobody'),
        combatant_header: field('Belligerents'),
        commander1: field('Napoleon'),
        casualties1: field('41,000'),
      },
      [],
    ],
    [
      'link without a page',
      { combatant1: field('Free French Forces', textLink('Free French Forces')) },
      ['1:Free French Forces'],
    ],
  ])('%s', (_name, fields, expected) => {
    expect(summary(extractCombatants(infobox(fields)))).toEqual(expected)
  })

  test('values are clean, sides ordered, one value per side, never throws', () => {
    const combatantName = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('', 'a', 'b'))
      .map(([side, letter]) => `combatant${side}${letter}`)
    fc.assert(
      fc.property(fc.dictionary(combatantName, anyField, { maxKeys: 5 }), (fields) => {
        const combatants = extractCombatants(infobox(fields))
        for (const { value, display } of combatants) {
          expect(valueProblem(value)).toBeUndefined()
          expect(valueProblem(display)).toBeUndefined()
        }
        const sides = combatants.map((combatant) => combatant.side)
        expect(sides).toEqual([...sides].sort((a, b) => a - b))
        const keys = combatants.map(({ side, value }) => `${side}:${matchKey(value)}`)
        expect(new Set(keys).size).toBe(keys.length)
      }),
    )
  })
})

describe.skipIf(!hasCorpus)('extractCombatants on the corpus', () => {
  const conflicts = conflictFiles().map((file) => findConflictInfobox(readInfoboxes(`${articlesDir}/${file}`)))

  test('conflict infoboxes are found', () => {
    expect(conflicts.length).toBeGreaterThan(0)
    expect(conflicts.every((found) => found !== undefined)).toBe(true)
  })

  test.each(conflictFiles())('%s: every combatant link page is a value on its side', (file) => {
    const found: Infobox | undefined = findConflictInfobox(readInfoboxes(`${articlesDir}/${file}`))
    if (found === undefined) throw new Error(`no conflict infobox in ${file}`)
    const values = new Set(extractCombatants(found).map(({ side, value }) => `${side}:${matchKey(value)}`))
    const missing = Object.entries(found).flatMap(([name, value]) => {
      const side = /^combatant(\d+)[a-z]?$/.exec(name)?.[1]
      if (side === undefined) return []
      return value.links
        .map((l) => cleanValue(l.page))
        .filter((page) => page !== undefined)
        .filter((page) => !values.has(`${side}:${matchKey(page)}`))
        .map((page) => `${name}: ${page}`)
    })
    expect(missing).toEqual([])
  })
})
