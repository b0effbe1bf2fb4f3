// Infobox `date` strings in the many shapes Wikipedia uses, drawn from a seeded
// random source. Each call returns the text and the first year it names (for
// the article title), negative for BC.

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const ordinal = (n) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`
const dash = '–'

/** Year ranges and their weights: antiquity to the present. */
const eras = [
  [-1500, -1, 8],
  [1, 999, 10],
  [1000, 1499, 15],
  [1500, 1799, 22],
  [1800, 1899, 20],
  [1900, 1945, 15],
  [1946, 2024, 10],
]

/** A year label: `216 BC` or `1798`. */
export const yearLabel = (year) => (year < 0 ? `${-year} BC` : String(year))

export function randomYear(random) {
  const [min, max] = eras[random.weighted(eras.map((e) => e[2]))]
  return random.int(min, max)
}

/** One `date` field text and its first year. */
export function randomDate(random, year = randomYear(random)) {
  const m = random.int(0, 10)
  const month = months[m]
  const next = months[m + 1]
  const d = random.int(1, 23)
  const d2 = d + random.int(1, 5)
  if (year < 0) {
    const y = -year
    const forms = [
      () => `${d} ${month} ${y} BC`,
      () => `c. ${y} BC`,
      () => `${y} BC`,
      () => `${month}/${next} ${y} BC`,
      () => `${y}${dash}${Math.max(1, y - random.int(1, 30))} BC`,
      () => `${ordinal(Math.ceil(y / 100))} century BC`,
      () => `${y} BCE`,
      () => `circa ${y} BC`,
      () => `${month} ${y} BC`,
      () => `${month} or ${next}, ${y} BC`,
    ]
    return { text: random.pick(forms)(), year }
  }
  const y = year
  const y2 = Math.min(2024, y + random.int(1, 12))
  const forms = [
    () => `${d} ${month} ${y}`,
    () => `${d}${dash}${d2} ${month} ${y}`,
    () => `${month} ${d}${dash}${d2}, ${y}`,
    () => `${d2} ${month} ${dash} ${d} ${next} ${y}`,
    () => `${d} ${month} ${dash} ${d2} ${next} ${y}`,
    () => `${d} ${month} ${y} ${dash} ${d2} ${month} ${y}`,
    () => `${month} ${d}, ${y} ${dash} ${next} ${d2}, ${y}`,
    () => `${y}${dash}${y2}`,
    () => `${y}${dash}${String(y2).slice(-2)}`,
    () => `c. ${y}`,
    () => (y >= 1990 ? `${y}${dash}present` : `${y}`),
    () => (y >= 1990 ? `${y} ${dash} present` : `${d} ${month} ${y}`),
    () => `${month} or ${next}, ${y}`,
    () => `${d} ${month} [O.S. ${d + 5} ${months[(m + 11) % 12]}] ${y}`,
    () => `${y}`,
    () => `${ordinal(Math.ceil(y / 100))} century`,
    () => `early ${ordinal(Math.ceil(y / 100))} century`,
    () => `${month} ${y}`,
    () => `${month}/${next} ${y}`,
    () => `${y} or ${y + 1}`,
    () => `${d} ${month} ${y} (disputed)`,
    () => `${y} AD`,
    () => `AD ${y}`,
    () => `${y} CE`,
    () => `${d} ${month} ${y} to ${d2} ${month} ${y}`,
    () => `${d} ${month} ${y} — ${d2} ${next} ${y}`,
    () => `${y}-${y2}`,
    () => `${month} ${d}, ${y}`,
    () => `circa ${y}`,
    () => `${d}${dash}${d2} ${month} ${y} (Old Style)`,
  ]
  return { text: random.pick(forms)(), year }
}
