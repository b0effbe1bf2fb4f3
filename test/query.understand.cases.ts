/**
 * Search queries and the `suggestedFilters` they must yield, in query order. Each expected
 * suggestion is `[facet, text, label, values]` for a facet value (`values` as the suggestion
 * lists them: the value the name most often stands for first), or `['date', text, label, from,
 * to]` for a time (years, negative for BC). A query with no suggestions names nothing.
 */
export type ExpectedSuggestion =
  | readonly [facet: 'date', text: string, label: string, from: number, to: number]
  | readonly [facet: string, text: string, label: string, values: readonly string[]]
export type UnderstandCase = readonly [query: string, suggestions: readonly ExpectedSuggestion[]]

const battles = ['kind', 'battles', 'military conflict', ['military conflict']] as const

/** On the fixtures, with the default facets (date, place, combatant, kind). */
export const FIXTURE_CASES: readonly UnderstandCase[] = [
  // Times: years, BC, ranges, decades, centuries, millennia
  ['1862', [['date', '1862', '1862', 1862, 1862]]],
  ['490 BC', [['date', '490 BC', '490 BC', -490, -490]]],
  ['greek defeat 480 bce', [['date', '480 bce', '480 BC', -480, -480]]],
  ['1939-1945', [['date', '1939-1945', '1939–1945', 1939, 1945]]],
  [
    'campaigns 1942–43',
    [
      ['kind', 'campaigns', 'military conflict', ['military conflict']],
      ['date', '1942–43', '1942–1943', 1942, 1943],
    ],
  ],
  ['between 1939 and 1945', [['date', 'between 1939 and 1945', '1939–1945', 1939, 1945]]],
  ['1914/18', [['date', '1914/18', '1914–1918', 1914, 1918]]],
  ['the 1940s', [['date', 'the 1940s', '1940s', 1940, 1949]]],
  ['the 1800s', [['date', 'the 1800s', '1800s', 1800, 1899]]],
  ['18th century', [['date', '18th century', '18th century', 1701, 1800]]],
  ['early 19th century', [['date', 'early 19th century', 'early 19th century', 1801, 1833]]],
  ['5th century BC', [['date', '5th century BC', '5th century BC', -500, -401]]],
  ['first millennium bc', [['date', 'first millennium bc', '1st millennium BC', -1000, -1]]],
  ['3rd millennium BC', [['date', '3rd millennium BC', '3rd millennium BC', -3000, -2001]]],
  // Places, by value or by the label and aliases the articles write
  ['vienna', [['place', 'vienna', 'Vienna', ['Vienna']]]],
  ['austerlitz', [['place', 'austerlitz', 'Austerlitz', ['Slavkov u Brna']]]],
  ['Sharpsburg', [['place', 'Sharpsburg', 'Sharpsburg', ['Sharpsburg, Maryland']]]],
  // the longest name wins: "the pacific" is the Pacific War, "pacific" the ocean
  ['the pacific', [['place', 'the pacific', 'the Pacific', ['Pacific War']]]],
  ['pacific', [['place', 'pacific', 'Pacific', ['Pacific']]]],
  ['battle of the atlantic', [['place', 'battle of the atlantic', 'the Atlantic', ['Battle of the Atlantic']]]],
  // Sides
  ['carthage', [['combatant', 'carthage', 'Carthage', ['Ancient Carthage']]]],
  ['roman republic', [['combatant', 'roman republic', 'Roman Republic', ['Roman Republic']]]],
  ['Allies', [['combatant', 'Allies', 'Allies', ['Allies of World War II']]]],
  ['japanese', [['combatant', 'japanese', 'Empire of Japan', ['Empire of Japan']]]],
  ['SDF', [['combatant', 'SDF', 'SDF', ['Syrian Democratic Forces']]]],
  ['syrian democratic forces', [['combatant', 'syrian democratic forces', 'SDF', ['Syrian Democratic Forces']]]],
  // One name, several values (as many articles each: in value order) and two facets
  [
    'france',
    [
      ['combatant', 'france', 'France', ['Free France', 'French Third Republic']],
      // A modern country is offered as the country, not as the place link of that name
      ['country', 'france', 'France', ['FR']],
    ],
  ],
  // Kinds of article, when the index has that kind
  ['battles', [battles]],
  ['siege', [['kind', 'siege', 'military conflict', ['military conflict']]]],
  ['wars', [['kind', 'wars', 'military conflict', ['military conflict']]]],
  ['people', [['kind', 'people', 'person', ['person']]]],
  ['towns', [['kind', 'towns', 'settlement', ['settlement']]]],
  // Together
  [
    'battles in maryland 1862',
    [battles, ['place', 'maryland', 'Maryland', ['Maryland']], ['date', '1862', '1862', 1862, 1862]],
  ],
  [
    'sieges of vienna 1683',
    [
      ['kind', 'sieges', 'military conflict', ['military conflict']],
      ['place', 'vienna', 'Vienna', ['Vienna']],
      ['date', '1683', '1683', 1683, 1683],
    ],
  ],
  [
    'syrian democratic forces in qamishli',
    [
      ['combatant', 'syrian democratic forces', 'SDF', ['Syrian Democratic Forces']],
      ['place', 'qamishli', 'Qamishli', ['Qamishli']],
    ],
  ],
  [
    'greece 480 bc',
    [
      ['combatant', 'greece', 'Greece', ['Kingdom of Greece']],
      ['country', 'greece', 'Greece', ['GR']],
      ['date', '480 bc', '480 BC', -480, -480],
    ],
  ],
  [
    'wars of the 1860s',
    [
      ['kind', 'wars', 'military conflict', ['military conflict']],
      ['date', 'the 1860s', '1860s', 1860, 1869],
    ],
  ],
  // Not dates: a number needs four digits or an era; an ordinal needs "century" or "millennium"
  ['world war 2', [['kind', 'war', 'military conflict', ['military conflict']]]],
  ['Sixth Army', []],
  ['1st Marines', []],
  ['101st Airborne', []],
  ['Route 66', []],
  ['Apollo 11', []],
  ['U-571', []],
  ['B-52 bombers', []],
  ['flight 1549', []],
  // Not names: words of the articles that no facet value is called, stop words, two lower-case letters
  ['hannibal', []],
  ['xyzzy', []],
  ['of the', []],
  ['in', []],
  ['us', []],
  // no article of the fixtures is a film
  ['films', []],
]

/** Spellings of one name that must name the same value: case and diacritics do not matter. */
export const SPELLINGS: readonly (readonly [facet: string, value: string, spellings: readonly string[]])[] = [
  ['place', 'Mohács', ['Mohács', 'mohacs', 'MOHÁCS', 'MOHACS', 'Moha\u0301cs']],
  ['place', 'Łodwigowo', ['Łodwigowo', 'lodwigowo', 'ŁODWIGOWO']],
  ['place', 'Stębark', ['stębark', 'stebark', 'STEBARK']],
  ['place', 'Slavkov u Brna', ['slavkov u brna', 'SLAVKOV U BRNA', 'Austerlitz', 'AUSTERLITZ']],
  [
    'combatant',
    'Syrian Democratic Forces',
    ['SDF', 'sdf', 'Sdf', 'Syrian Democratic Forces', 'SYRIAN DEMOCRATIC FORCES'],
  ],
  ['kind', 'military conflict', ['Battles', 'BATTLES', 'battles']],
]

/** On the fixtures with the extra facets `units` and `result`: the names the Battle of Qamishli writes. */
export const QAMISHLI_CASES: readonly UnderstandCase[] = [
  [
    'NDF',
    [
      // the result field links "NDF" to the page; the units field writes "National Defence Forces"
      ['result', 'NDF', 'NDF', ['National Defence Forces (Syria)']],
      ['units', 'NDF', 'National Defence Forces', ['National Defence Forces (Syria)']],
    ],
  ],
  ['Asayish', [['units', 'Asayish', 'Asayish', ['Asayish (Rojava regions)']]]],
  [
    'asayish ndf qamishli',
    [
      ['units', 'asayish', 'Asayish', ['Asayish (Rojava regions)']],
      ['result', 'ndf', 'NDF', ['National Defence Forces (Syria)']],
      ['units', 'ndf', 'National Defence Forces', ['National Defence Forces (Syria)']],
      ['place', 'qamishli', 'Qamishli', ['Qamishli']],
    ],
  ],
  ['SDF', [['combatant', 'SDF', 'SDF', ['Syrian Democratic Forces']]]],
]

/** On the seed article (`../shared/seeds`) with the extra facets `units` and `status`. */
export const SEED_CASES: readonly UnderstandCase[] = [
  [
    'NDF',
    [
      ['status', 'NDF', 'NDF', ['National Defence Forces (Syria)']],
      ['units', 'NDF', 'National Defense Forces', ['National Defence Forces (Syria)']],
    ],
  ],
  [
    'national defense forces',
    [
      ['status', 'national defense forces', 'NDF', ['National Defence Forces (Syria)']],
      ['units', 'national defense forces', 'National Defense Forces', ['National Defence Forces (Syria)']],
    ],
  ],
  ['Asayish', [['units', 'Asayish', 'Asayish', ['Asayish (Rojava regions)']]]],
  ['SDF', []],
]

/** On the shared corpus with the fixtures. */
export const CORPUS_CASES: readonly UnderstandCase[] = [
  [
    '18th century battles bavaria',
    [['date', '18th century', '18th century', 1701, 1800], battles, ['place', 'bavaria', 'Bavaria', ['Bavaria']]],
  ],
  [
    '13th century battle in france',
    [
      ['date', '13th century', '13th century', 1201, 1300],
      // "battle" is a kind word, offered as the kind only (not as the town of Battle, East Sussex)
      ['kind', 'battle', 'military conflict', ['military conflict']],
      ['combatant', 'france', 'France', ['France in the Middle Ages', 'Free France', 'French Third Republic']],
      ['country', 'france', 'France', ['FR']],
    ],
  ],
  ['battles of the 1480s', [battles, ['date', 'the 1480s', '1480s', 1480, 1489]]],
  [
    '1st century bc naval battle',
    [
      ['date', '1st century bc', '1st century BC', -100, -1],
      ['kind', 'battle', 'military conflict', ['military conflict']],
    ],
  ],
  [
    'battle in poland 15th century',
    [
      ['kind', 'battle', 'military conflict', ['military conflict']],
      ['combatant', 'poland', 'Kingdom of Poland', ['Poland', 'Polish government-in-exile']],
      ['country', 'poland', 'Poland', ['PL']],
      ['date', '15th century', '15th century', 1401, 1500],
    ],
  ],
  ['hochstadt', [['place', 'hochstadt', 'Höchstädt', ['Höchstädt an der Donau']]]],
  ['HÖCHSTÄDT', [['place', 'HÖCHSTÄDT', 'Höchstädt', ['Höchstädt an der Donau']]]],
  ['egypt', [['country', 'egypt', 'Egypt', ['EG']]]],
  ['ptolemaic egypt', [['combatant', 'ptolemaic egypt', 'Ptolemaic Egypt', ['Ptolemaic Egypt']]]],
  [
    'england 1485',
    [
      ['combatant', 'england', 'Kingdom of England', ['Kingdom of England']],
      // The modern country England lies in
      ['country', 'england', 'United Kingdom', ['GB']],
      ['date', '1485', '1485', 1485, 1485],
    ],
  ],
  ['world war 2', [['kind', 'war', 'military conflict', ['military conflict']]]],
  ['Sixth Army', []],
  ['us', []],
]

/** The issue's examples: on the corpus with the fixtures, the article a reader means comes first. */
export const ISSUE_EXAMPLES: readonly (readonly [query: string, target: string])[] = [
  ['18th century battles bavaria', 'battle-of-blenheim'],
  ['13th century battle in france', 'battle-of-bouvines'],
  ['battles of the 1480s', 'battle-of-bosworth-field'],
  ['1st century bc naval battle', 'battle-of-actium'],
  ['battle in poland 15th century', 'battle-of-grunwald'],
]
