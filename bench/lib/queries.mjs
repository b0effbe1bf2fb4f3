// The fixed latency query set and the known-item queries drawn (seeded)
// from a generated corpus's manifest.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createRandom, deriveSeed } from './prng.mjs'

/** ≥ 50 queries a search box sees: battle names, commanders, places, misspellings, prefixes. */
export const latencyQueries = [
  // battle and campaign names
  'battle of cannae',
  'waterloo',
  'gettysburg',
  'battle of hastings',
  'somme',
  'stalingrad',
  'thermopylae',
  'austerlitz',
  'borodino',
  'agincourt',
  'marathon',
  'actium',
  'jutland',
  'okinawa',
  'el alamein',
  'siege of vienna',
  'guadalcanal',
  'qamishli',
  'kadesh',
  'grunwald',
  'mohacs',
  'bosworth field',
  'blenheim',
  'battle of the nile',
  // commanders
  'hannibal',
  'napoleon',
  'wellington',
  'robert e. lee',
  'george meade',
  'ramesses',
  'leonidas',
  'xerxes',
  'william the conqueror',
  'harold godwinson',
  'kutuzov',
  'zhukov',
  'rommel',
  'montgomery',
  'nelson',
  'marlborough',
  'julius caesar',
  'pompey',
  'mark antony',
  'henry v',
  // combatants and places
  'roman republic',
  'carthage',
  'confederate states',
  'ottoman empire',
  'soviet union',
  'italy',
  'france',
  'syria',
  'pennsylvania',
  'belgium',
  'egypt',
  'greece',
  'poland',
  'hungary',
  'normandy',
  'apulia',
  // misspellings
  'hanibal',
  'napolean',
  'gettysbrug',
  'stalingard',
  'waterlo',
  'thermopile',
  'austerlits',
  'welington',
  // prefixes (search as you type)
  'gett',
  'hann',
  'napo',
  'batt',
  'sieg',
  'wat',
  'thermo',
  'ital',
  'cav',
  'ar',
  // longer queries
  'siege of the city in winter',
  'cavalry charge on the left flank',
  'roman legions double envelopment',
]

/** Read the corpus manifest line by line. */
export async function* readManifest(file) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const line of lines) if (line !== '') yield JSON.parse(line)
}

/** Swap two inner letters of the longest word: a typo fuzzy search should forgive. */
function typo(text, random) {
  const words = text.split(' ')
  let at = 0
  words.forEach((w, i) => {
    if (w.length > words[at].length) at = i
  })
  const word = words[at]
  if (word.length < 5) return text
  const i = random.int(1, word.length - 3)
  words[at] = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
  return words.join(' ')
}

/**
 * Known-item queries (each has exactly one right answer): the title, the
 * title with a typo, and invented names found only in the infobox, the lead,
 * the first block of a section, or a later block of a section.
 * Also returns the commonest place (used as the place filter).
 */
export async function knownItems(manifestFile, { perKind = 50, seed = 42 } = {}) {
  const rows = []
  const placeCounts = new Map()
  for await (const row of readManifest(manifestFile)) {
    if (row.kind === 'conflict') {
      rows.push({ id: row.id, title: row.title, names: row.names })
      for (const place of new Set(row.places)) placeCounts.set(place, (placeCounts.get(place) ?? 0) + 1)
    }
  }
  const random = createRandom(deriveSeed(seed, 'known-items'))
  const items = []
  const kinds = [
    ['title', (r) => r.title],
    ['title-typo', (r) => typo(r.title.replace(/[()]/g, ''), random)],
    ['infobox', (r) => r.names.infobox],
    ['lead', (r) => r.names.lead],
    ['section-first', (r) => r.names.section],
    ['section-later', (r) => r.names.deep],
  ]
  for (const [kind, make] of kinds)
    for (const row of random.sample(rows, perKind)) items.push({ kind, id: row.id, query: make(row) })
  const place = [...placeCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]
  return { items, place }
}
