/**
 * Helpers for the CLI end-to-end tests: run the built CLI (`dist/cli.js`) in
 * a temporary folder, and write articles in the seed's shape (YAML front
 * matter with infoboxes, then Markdown).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Timeout for tests that run several builds: generous, for busy machines (tests never assert on time). */
export const slow = { timeout: 180_000 } as const

export const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
export const distIndex = fileURLToPath(new URL('../../dist/index.js', import.meta.url))

/** Fail early, and clearly, when the CLI has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(cli) || !existsSync(path.join(path.dirname(cli), 'extractWorker.js'))) {
    throw new Error(`${cli} or extractWorker.js is missing: run "npx tsup" (npm test does) before the CLI tests.`)
  }
}

export interface RunResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  readonly cwd: string
  readonly env?: Readonly<Record<string, string>>
  /** Run through `bash -c` after this shell prefix, e.g. `ulimit -f 64;`. */
  readonly shellPrefix?: string
}

/** Start the CLI; the caller handles the child. */
export function startCli(args: readonly string[], options: RunOptions): ChildProcess {
  const env = { ...process.env, ...options.env, NO_COLOR: '1' }
  if (options.shellPrefix !== undefined) {
    const quoted = [process.execPath, cli, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ')
    return spawn('bash', ['-c', `${options.shellPrefix} exec ${quoted}`], { cwd: options.cwd, env })
  }
  return spawn(process.execPath, [cli, ...args], { cwd: options.cwd, env })
}

/** Run the CLI to the end and collect its output. */
export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return finished(startCli(args, options))
}

/** Wait for a child to end, collecting its output. */
export function finished(child: ChildProcess): Promise<RunResult> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

/** A fresh folder under the system temp dir; `cleanup` removes every folder made. */
export function tempDirs(): { make(): Promise<string>; cleanup(): Promise<void> } {
  const made: string[] = []
  return {
    async make() {
      const dir = await mkdtemp(path.join(tmpdir(), 'infobox-search-cli-'))
      made.push(dir)
      return dir
    },
    async cleanup() {
      await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 })))
    },
  }
}

export interface ArticleSpec {
  readonly title: string
  readonly id?: string
  readonly shortDescription?: string
  readonly description?: string
  readonly date?: string
  readonly place?: string
  readonly placeLinks?: readonly string[]
  readonly combatant1?: string
  readonly combatant2?: string
  readonly extra?: Readonly<Record<string, string>>
  readonly body: string
}

/** An article file in the seed's shape. Strings are written as JSON, which is valid YAML. */
export function article(spec: ArticleSpec): string {
  const q = (text: string): string => JSON.stringify(text)
  const lines = ['---', `title: ${q(spec.title)}`]
  if (spec.id !== undefined) lines.push(`id: ${q(spec.id)}`)
  if (spec.shortDescription !== undefined) lines.push(`shortDescription: ${q(spec.shortDescription)}`)
  if (spec.description !== undefined) lines.push(`description: ${q(spec.description)}`)
  lines.push('author: Test suite', 'infoboxes:', `  - conflict:`, `      text: ${q(spec.title)}`)
  const field = (name: string, text: string | undefined, links: readonly string[] = []): void => {
    if (text === undefined) return
    lines.push(`    ${name}:`, `      text: ${q(text)}`)
    if (links.length > 0)
      lines.push('      links:', ...links.flatMap((page) => ['        - type: internal', `          page: ${q(page)}`]))
  }
  field('date', spec.date)
  field('place', spec.place, spec.placeLinks)
  field('combatant1', spec.combatant1)
  field('combatant2', spec.combatant2)
  for (const [name, text] of Object.entries(spec.extra ?? {})) field(name, text)
  lines.push('---', '', spec.body, '')
  return lines.join('\n')
}

/** Write `files` (relative path → text) under `dir`. */
export async function writeFiles(dir: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), text)
  }
}

const places = [
  ['Aldmoor', 'Westmark'],
  ['Brisca', 'Eastreach'],
  ['Caldera Pass', 'Highfold'],
  ['Dunmere', 'Westmark'],
  ['Essary', 'Southvale'],
] as const
const sides = [
  'Kingdom of Westmark',
  'Eastreach League',
  'Highfold Clans',
  'Free City of Brisca',
  'Southvale Compact',
] as const
const words =
  'river bridge cavalry siege winter harvest archers fortress envoy treaty marsh ridge garrison banner supply column rearguard'.split(
    ' ',
  )

/** `count` generated articles (deterministic), spread over folders: `g<k>/article-<n>.md`. */
export function generatedArticles(count: number): Record<string, string> {
  const files: Record<string, string> = {}
  for (let n = 0; n < count; n++) {
    const [town, region] = places[n % places.length] ?? places[0]
    const year = 1200 + ((n * 37) % 600)
    const paragraphs = Array.from(
      { length: 3 + (n % 4) },
      (_, p) =>
        Array.from({ length: 40 }, (_, w) => words[(n * 7 + p * 13 + w * 5) % words.length]).join(' ') +
        ` number ${n} part ${p}.`,
    )
    files[`g${n % 7}/article-${String(n).padStart(4, '0')}.md`] = article({
      title: `Battle of ${town} ${n}`,
      shortDescription: `A generated engagement, number ${n}`,
      date: `${1 + (n % 28)} May ${year}`,
      place: `${town}, ${region}`,
      placeLinks: [town, region],
      combatant1: sides[n % sides.length] ?? '',
      combatant2: sides[(n + 2) % sides.length] ?? '',
      body: `The battle of ${town} was fought in ${year}.\n\n## Background\n\n${paragraphs.join('\n\n')}\n\n## Aftermath\n\nThe *${sides[n % sides.length]}* held the **${words[n % words.length]}**.`,
    })
  }
  return files
}

/** stderr without progress lines (they appear when a build takes over 2 s, e.g. on a busy machine). */
export function withoutProgress(stderr: string): string {
  return stderr.replace(/^infobox-search: \d+\/\d+ articles \(\d+%\).*\n/gm, '')
}
