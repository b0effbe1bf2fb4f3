import fc from 'fast-check'

/** How many times more runs every property makes: `FC_RUNS_SCALE` (default 1), for soaking properties by hand. */
export function runsScale(): number {
  const scale = Number(process.env['FC_RUNS_SCALE'] ?? 1)
  return Number.isFinite(scale) && scale > 0 ? scale : 1
}

/**
 * fast-check parameters for a property: `numRuns` (times `FC_RUNS_SCALE`),
 * plus the seed (and path) from `FC_SEED` (and `FC_PATH`) when set, so a
 * failure printed by fast-check can be replayed exactly:
 *
 *     FC_SEED=-1234567 FC_PATH="12:3" npx vitest run test/robustness/indexFiles.test.ts
 *
 * Without them every run draws a new seed, which fast-check prints on failure.
 * Properties without parameters get the same from `test/setup/fastCheck.ts`.
 */
export function fcParameters<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env['FC_SEED']
  const path = process.env['FC_PATH']
  const runs = Math.ceil(numRuns * runsScale())
  if (seed === undefined || seed === '') return { numRuns: runs }
  return { numRuns: runs, seed: Number(seed), ...(path === undefined || path === '' ? {} : { path }) }
}

/** Run `work`, log its wall-clock and CPU time (never asserted: tests do not assert on time), return its result. */
export function measure<T>(label: string, work: () => T): T {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const result = work()
  const { user, system } = process.cpuUsage(cpu)
  console.log(
    `${label}: ${Math.round(performance.now() - started)} ms wall, ${Math.round((user + system) / 1000)} ms CPU`,
  )
  return result
}

/** Keys on the shared prototypes: a polluted prototype shows up here. */
export function prototypeKeys(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((proto) =>
    Object.getOwnPropertyNames(proto).filter((name) => /polluted|pwned/i.test(name)),
  )
}

/** A small valid article with one word (`marker`) that no other test article has. */
export function goodArticle(marker: string, extra = ''): string {
  return [
    '---',
    `title: Battle of ${marker}`,
    'infoboxes:',
    '  - conflict: { text: Battle }',
    '    date: { text: 1 May 1900 }',
    '    place: { text: "Rome, Italy" }',
    '    combatant1: { text: Rome }',
    ...(extra === '' ? [] : [extra]),
    '---',
    '',
    `The battle near ${marker} was fought.`,
    '',
  ].join('\n')
}
