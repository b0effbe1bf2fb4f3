// Invented proper names (people, villages): rare words that make "known-item"
// queries answerable by exactly one generated article.

const onsets = [
  'b',
  'br',
  'c',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'k',
  'kl',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'st',
  't',
  'th',
  'v',
  'w',
  'z',
  'j',
  'q',
]
const vowels = ['a', 'e', 'i', 'o', 'u', 'ae', 'ia', 'ou', 'ei', 'y']
const codas = ['', '', 'n', 'r', 'l', 's', 'th', 'm', 'nd', 'rk', 'x', 'st']
const villageEndings = ['holt', 'wick', 'ova', 'berg', 'ford', 'stad', 'ano', 'heim', 'ville', 'grad', 'by', 'court']
const ranks = ['Captain', 'Colonel', 'Major', 'Lieutenant', 'Sergeant', 'General', 'Commander', 'Brigadier']

const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1)

function syllable(random) {
  return random.pick(onsets) + random.pick(vowels) + random.pick(codas)
}

/** One invented word of two or three syllables. */
export function inventWord(random) {
  let word = syllable(random) + syllable(random)
  if (random.chance(0.4)) word += syllable(random)
  return capital(word)
}

export const inventPerson = (random) => `${inventWord(random)} ${inventWord(random)}`
export const inventVillage = (random) => inventWord(random) + (random.chance(0.5) ? random.pick(villageEndings) : '')
export const inventRank = (random) => random.pick(ranks)
