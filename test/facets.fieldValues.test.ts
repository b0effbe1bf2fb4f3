import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { cleanValue, containsFlag, isHeadingLine, matchKey } from '../src/extract/facets/clean.js'
import { type FieldValuesOptions, extractFieldValues } from '../src/extract/facets/fieldValues.js'
import type { InfoboxField } from '../src/parse/article.js'
import { anyField, field, fieldText, link, textLink, valueProblem } from './facets.helpers.js'

describe('cleanValue', () => {
  test.each<[string | undefined, string | undefined]>([
    ['  Kingdom   of\n France ', 'Kingdom of France'],
    ['🇺🇸 United States', 'United States'],
    ['🇺🇸 united states', 'united states'],
    ['🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} England', 'England'],
    ['🏳️‍🌈 Pride', 'Pride'],
    ['🏴‍☠️ Pirates', 'Pirates'],
    ['🚩 Red Army', 'Red Army'],
    ['* Austria', 'Austria'],
    ['*  Prussia', 'Prussia'],
    ['• Hanover', 'Hanover'],
    ['- Nassau', 'Nassau'],
    ['Royal Arms of England (1399-1603).svg Kingdom of England', 'Kingdom of England'],
    ['Herb Viyska Zaporozkogo (Alex K).svg Zaporozhian Cossacks Gerae-tamga.png Crimean Khanate', 'Crimean Khanate'],
    ['[[Image:Blason France moderne.svg|15px]] Kingdom of France', 'Kingdom of France'],
    ['[[Poland|Kingdom of Poland]]', 'Kingdom of Poland'],
    ["''Danish Auxiliary Corps''", 'Danish Auxiliary Corps'],
    ['Kingdom of Prussia<br />', 'Kingdom of Prussia'],
    ['undefined Electorate of Bavaria', 'Electorate of Bavaria'],
    ['Electorate of Bavaria undefined', 'Electorate of Bavaria'],
    ['Athens,', 'Athens'],
    ['Allies:', 'Allies'],
    ['Fritz Raweneck†', 'Fritz Raweneck†'],
    ['Hundred Years\u2019 War', 'Hundred Years\u2019 War'],
    ['-77.225', '-77.225'],
    ['1863', '1863'],
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['undefined', undefined],
    ['UNDEFINED', undefined],
    ['null', undefined],
    ['undefined undefined', undefined],
    ['🇺🇸', undefined],
    ['🇩🇰 ', undefined],
    ['*', undefined],
    ['—', undefined],
    ['(, ; :)', undefined],
    ['39.811°N, -77.225°W', undefined],
    ['48°51′N 2°21′E', undefined],
    ['39.811°N', undefined],
    ['38.93444, 20.73861', undefined],
    ['{{coord|39|48|N|77|13|W}}', undefined],
  ])('%j → %j', (text, expected) => {
    expect(cleanValue(text)).toBe(expected)
  })
})

describe('isHeadingLine', () => {
  test.each<[string, boolean]>([
    ['Supported by:', true],
    ['Supported by', true],
    ['Allies:', true],
    ['Axis:', true],
    ['Seventh Coalition:', true],
    ['Ground Forces:', true],
    [' Naval Support:', true],
    ['Commanded by', true],
    ['Former:', true],
    ['Former', true],
    ['Co-belligerents', true],
    ['* Supported by:', true],
    ['Kingdom of France', false],
    ['Allies: Dutch Republic', false],
    ['Allied victory', false],
    ['Decisive victory for Octavian', false],
    ['A very long sentence with many words that ends with a colon:', false],
    ['', false],
  ])('%j → %j', (line, expected) => {
    expect(isHeadingLine(line)).toBe(expected)
  })
})

describe('matchKey', () => {
  test.each<[string, string]>([
    ['Höchstädt', 'hochstadt'],
    ['🇺🇸 United States', 'united states'],
    ['Anglo–French War', 'anglo-french war'],
    ['Hundred Years\u2019 War', "hundred years' war"],
    ['undefined', ''],
  ])('%j → %j', (text, expected) => {
    expect(matchKey(text)).toBe(expected)
  })
})

type Case = [
  name: string,
  field: InfoboxField | undefined,
  options: FieldValuesOptions,
  expected: readonly (readonly [value: string, display: string])[],
]

describe('extractFieldValues', () => {
  test.each<Case>([
    ['missing field', undefined, {}, []],
    ['empty text', field(''), {}, []],
    ['literal undefined with undefined link', field('undefined', link('undefined', 'undefined')), {}, []],
    [
      'one linked line',
      field('Charles I of England', link('Charles I of England')),
      {},
      [['Charles I of England', 'Charles I of England']],
    ],
    [
      'link text differs from page',
      field('George G. Meade', link('George Meade', 'George G. Meade')),
      {},
      [['George Meade', 'George G. Meade']],
    ],
    [
      'lines matched by text and by page',
      field(
        'Datis\nArtaphernes\nHippias (deposed Athenian tyrant)',
        link('Datis'),
        link('Artaphernes (son of Artaphernes)', 'Artaphernes'),
        link('Hippias (tyrant)', 'Hippias (deposed Athenian tyrant)'),
      ),
      {},
      [
        ['Datis', 'Datis'],
        ['Artaphernes (son of Artaphernes)', 'Artaphernes'],
        ['Hippias (tyrant)', 'Hippias (deposed Athenian tyrant)'],
      ],
    ],
    [
      'unlinked lines keep their text',
      field('Friedrich Paulus\n\nErich von Manstein\n\nGusztáv Jány'),
      {},
      [
        ['Friedrich Paulus', 'Friedrich Paulus'],
        ['Erich von Manstein', 'Erich von Manstein'],
        ['Gusztáv Jány', 'Gusztáv Jány'],
      ],
    ],
    [
      'names run together on one line',
      field('Reinhard Scheer Franz Hipper', link('Reinhard Scheer'), link('Franz von Hipper', 'Franz Hipper')),
      {},
      [
        ['Reinhard Scheer', 'Reinhard Scheer'],
        ['Franz von Hipper', 'Franz Hipper'],
      ],
    ],
    [
      'flag icons between commanders are not values',
      field(
        '🇬🇧 Sir John Jellicoe 🇬🇧 Sir David Beatty',
        link('united kingdom', '🇬🇧'),
        link('John Jellicoe, 1st Earl Jellicoe', 'Sir John Jellicoe'),
        link('united kingdom', '🇬🇧'),
        link('David Beatty, 1st Earl Beatty', 'Sir David Beatty'),
      ),
      {},
      [
        ['John Jellicoe, 1st Earl Jellicoe', 'Sir John Jellicoe'],
        ['David Beatty, 1st Earl Beatty', 'Sir David Beatty'],
      ],
    ],
    [
      'flag icons name their country when asked',
      field(
        '🇩🇰 Danish Auxiliary Corps',
        link('denmark', '🇩🇰'),
        link('Danish Auxiliary Corps in Anglo-Dutch service 1701-1714', "''Danish Auxiliary Corps''"),
      ),
      { flagLinks: true },
      [
        ['Denmark', 'Denmark'],
        ['Danish Auxiliary Corps in Anglo-Dutch service 1701-1714', 'Danish Auxiliary Corps'],
      ],
    ],
    [
      'image markup and file names before names',
      field(
        '[[Image:Den tyske ordens skjold.svg|20px]] Fritz Raweneck† [[Image:Den tyske ordens skjold.svg|20px]] Kaspar Nostyc',
        link('Fritz Raweneck'),
        link('Kaspar Nostyc'),
      ),
      {},
      [
        ['Fritz Raweneck', 'Fritz Raweneck'],
        ['Kaspar Nostyc', 'Kaspar Nostyc'],
      ],
    ],
    [
      'bullets with coat-of-arms file names',
      field(
        '* Royal Arms of England (1399-1603).svg Henry V of England\n* Arms of Edward of Norwich, 2nd Duke of York.svg Edward of York',
        link('Henry V of England'),
        link('Edward of Norwich, 2nd Duke of York', 'Edward of York'),
      ),
      {},
      [
        ['Henry V of England', 'Henry V of England'],
        ['Edward of Norwich, 2nd Duke of York', 'Edward of York'],
      ],
    ],
    [
      'result text stays whole; its link is a value after it',
      field('Union victory', link('Union (American Civil War)', 'Union')),
      {},
      [
        ['Union victory', 'Union victory'],
        ['Union (American Civil War)', 'Union'],
      ],
    ],
    [
      'containedLinks links makes a line its links',
      field('Union victory', link('Union (American Civil War)', 'Union')),
      { containedLinks: 'links' },
      [['Union (American Civil War)', 'Union']],
    ],
    [
      'result with bullet notes',
      field('* Decisive Greek victory\n* Persian forces driven out of Greece for 10 years.'),
      {},
      [
        ['Decisive Greek victory', 'Decisive Greek victory'],
        ['Persian forces driven out of Greece for 10 years.', 'Persian forces driven out of Greece for 10 years.'],
      ],
    ],
    [
      'connective words around links',
      field(
        'Forces of Julius Caesar, including representatives of the Populares',
        link('Julius Caesar'),
        link('Populares'),
      ),
      {},
      [
        ['Julius Caesar', 'Julius Caesar'],
        ['Populares', 'Populares'],
      ],
    ],
    [
      'partof with two links in a phrase',
      field('the Pacific Theater of World War II', link('Pacific War', 'Pacific Theater'), link('World War II')),
      {},
      [
        ['Pacific War', 'Pacific Theater'],
        ['World War II', 'World War II'],
      ],
    ],
    [
      'headings are dropped, linked headings kept',
      field(
        'Seventh Coalition:\n* undefined\n*  Prussia\n*  Hanover',
        link('Seventh Coalition'),
        link('undefined', 'undefined'),
        link('undefined', 'Prussia'),
        link('Kingdom of Hanover', 'Hanover'),
      ),
      {},
      [
        ['Seventh Coalition', 'Seventh Coalition'],
        ['Prussia', 'Prussia'],
        ['Kingdom of Hanover', 'Hanover'],
      ],
    ],
    [
      'unlinked headings',
      field('Ground Forces:\nUnited States\nNaval Support:\nUnited Kingdom'),
      {},
      [
        ['United States', 'United States'],
        ['United Kingdom', 'United Kingdom'],
      ],
    ],
    [
      'inline heading and undefined separators',
      field(
        'Allies: undefined  Dutch Republic  undefined Kingdom of Portugal',
        link('Grand Alliance (League of Augsburg)', 'Allies'),
        link('undefined', 'Dutch Republic'),
      ),
      {},
      [
        ['Grand Alliance (League of Augsburg)', 'Allies'],
        ['Dutch Republic', 'Dutch Republic'],
        ['Kingdom of Portugal', 'Kingdom of Portugal'],
      ],
    ],
    [
      '<br> separators',
      field('Kingdom of Prussia<br>Russian Empire<br />Austrian Empire', link('Russian Empire')),
      {},
      [
        ['Kingdom of Prussia', 'Kingdom of Prussia'],
        ['Russian Empire', 'Russian Empire'],
        ['Austrian Empire', 'Austrian Empire'],
      ],
    ],
    [
      'matching ignores case, flags and diacritics',
      field('🇵🇱 Mikolaj Potocki\nSTEFAN CZARNIECKI', link('Mikołaj Potocki'), link('Stefan Czarniecki')),
      {},
      [
        ['Mikołaj Potocki', 'Mikolaj Potocki'],
        ['Stefan Czarniecki', 'STEFAN CZARNIECKI'],
      ],
    ],
    [
      'lower-cased page gets capitals from its text',
      field('🇺🇸 United States', link('united states', 'United States')),
      {},
      [['United States', 'United States']],
    ],
    [
      'lower-cased page is title-cased',
      field('Trinidad', link('trinidad and tobago', 'Trinidad')),
      {},
      [['Trinidad and Tobago', 'Trinidad']],
    ],
    [
      'dedupe by canonical value, first seen wins',
      field('Athens\nClassical Athens\nathens', link('Classical Athens', 'Athens')),
      {},
      [['Classical Athens', 'Athens']],
    ],
    [
      'trailing parenthesised note',
      field('United States (air support)', link('united states', 'United States')),
      {},
      [['United States', 'United States']],
    ],
    [
      'external links are not values',
      field('Official site', { type: 'external', page: 'https://example.org' }),
      {},
      [['Official site', 'Official site']],
    ],
    [
      'link without page uses its text',
      field('Free French Forces', textLink('Free French Forces')),
      {},
      [['Free French Forces', 'Free French Forces']],
    ],
    [
      'unmatched link goes before the value of the next link',
      field(
        'Kingdom of France\nDuchy of Milan',
        link('Kingdom of France'),
        link('Republic of Venice'),
        link('Duchy of Milan'),
      ),
      {},
      [
        ['Kingdom of France', 'Kingdom of France'],
        ['Republic of Venice', 'Republic of Venice'],
        ['Duchy of Milan', 'Duchy of Milan'],
      ],
    ],
  ])('%s', (_name, input, options, expected) => {
    expect(extractFieldValues(input, options).map(({ value, display }) => [value, display])).toEqual(expected)
  })

  test('values are clean and extraction never throws', () => {
    fc.assert(
      fc.property(
        anyField,
        fc.boolean(),
        fc.constantFrom('covered' as const, 'links' as const),
        (input, flagLinks, containedLinks) => {
          for (const { value, display } of extractFieldValues(input, { flagLinks, containedLinks })) {
            expect(valueProblem(value)).toBeUndefined()
            expect(valueProblem(display)).toBeUndefined()
          }
        },
      ),
    )
  })

  test('values are unique ignoring case', () => {
    fc.assert(
      fc.property(anyField, (input) => {
        const keys = extractFieldValues(input).map((value) => matchKey(value.value))
        expect(new Set(keys).size).toBe(keys.length)
      }),
    )
  })

  test('cleanValue never leaves a flag, an undefined or blank text', () => {
    fc.assert(
      fc.property(fieldText, (text) => {
        const cleaned = cleanValue(text)
        if (cleaned !== undefined) {
          expect(valueProblem(cleaned)).toBeUndefined()
          expect(containsFlag(cleaned)).toBe(false)
        }
      }),
    )
  })
})
