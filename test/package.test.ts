// `npm pack` on a fresh copy of the repository gives a package that installs
// and works in a new project: every entry point with ESM `import` and, where
// the entry has a CommonJS build, `require` (infobox-search/postgres with its
// optional peer dependencies, pg and pg-copy-streams, added to the project);
// the CLI bin; and publint and are-the-types-wrong on the tarball. The copy is the files a clone would hold
// (tracked, plus untracked ones git does not ignore) with the repository's
// node_modules linked in, so `npm pack` runs `prepack` (the build) there and
// never touches the dist/ that the other tests read.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }

/** Two articles in the shape the library reads. */
const articles = [
  ['zama', article('Battle of Zama', '202 BC', 'Zama, Africa', 'Scipio defeated Hannibal near Zama.')],
  ['cannae', article('Battle of Cannae', '216 BC', 'Cannae, Apulia', 'Hannibal encircled the Roman army at Cannae.')],
] as const

function article(title: string, date: string, place: string, body: string): string {
  const infobox = [
    `  - conflict: { text: ${title} }`,
    `    date: { text: ${date} }`,
    `    place: { text: "${place}" }`,
    '    combatant1: { text: Carthage }',
    '    combatant2: { text: Roman Republic }',
  ]
  return ['---', `title: ${title}`, 'infoboxes:', ...infobox, '---', '', body, ''].join('\n')
}

/**
 * The consumer's code, the same for `import` and `require`: parse both
 * articles, build, serialize, then load and search with each runtime entry.
 * Prints, per runtime, the ids found by a query and by the query plus a date filter.
 */
function consumer(load: string, runtimes: readonly string[]): string {
  return `${load}
const articles = ${JSON.stringify(articles)}
const json = build.serializeIndex(build.buildIndex(articles.map(([id, text]) => build.parseArticle(text, { id }))))
const ids = (result) => result.hits.map((hit) => hit.id).sort()
const found = (runtime) => {
  const index = runtime.loadIndex(json)
  return [ids(index.search('hannibal')), ids(index.search('hannibal', { filters: { date: { from: -210, to: -200 } } }))]
}
console.log(JSON.stringify({ ${runtimes.map((name) => `${name}: found(${name})`).join(', ')} }))
`
}

const esmConsumer = consumer(
  [
    "import * as root from 'infobox-search'",
    "import * as browser from 'infobox-search/browser'",
    "import * as build from 'infobox-search/build'",
  ].join('\n'),
  ['root', 'browser'],
)

// `infobox-search/browser` is an ES module for <script type="module"> and CDNs: no CommonJS build.
const cjsConsumer = consumer(
  ["const root = require('infobox-search')", "const build = require('infobox-search/build')"].join('\n'),
  ['root'],
)

const expected = [['cannae', 'zama'], ['zama']]

/**
 * The server-side entries, the same for `import` and `require`: `export`
 * translates a search into each engine's documents and requests (no server),
 * `postgres` loads with its peer dependencies (no server is contacted either).
 */
function serverConsumer(load: string): string {
  return `${load}
const record = build.createIndexBuilder().extract(build.parseArticle(${JSON.stringify(articles[0][1])}, { id: 'zama' }))
const request = engines.toOpenSearchRequest('hannibal', { facets: ['place'] }, { index: 'battles' })
console.log(JSON.stringify({
  document: engines.engineDocument(record, 0, { facets: [] }, 2026).date_start,
  index: request.index,
  postgres: [typeof postgres.createPostgresSearch, postgres.defaultTable],
}))
`
}

const serverExpected = { document: -2019899, index: 'battles', postgres: ['function', 'infobox_search'] }

let work = ''
let project = ''
let tarball = ''

const run = (command: string, args: readonly string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

/** Copy the files a fresh clone of the repository would have. */
function copyRepository(to: string): void {
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repoRoot)
  for (const file of listed.split('\0')) {
    if (file === '' || !existsSync(path.join(repoRoot, file))) continue // deleted but not yet committed
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true })
    cpSync(path.join(repoRoot, file), path.join(to, file))
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(to, 'node_modules'), 'dir')
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'infobox-search-package-'))
  const clone = path.join(work, 'clone')
  copyRepository(clone)
  expect(existsSync(path.join(clone, 'dist'))).toBe(false)
  run('npm', ['pack', '--pack-destination', work], clone)
  const [name] = readdirSync(work).filter((file) => file.endsWith('.tgz'))
  tarball = path.join(work, name ?? 'no tarball')

  project = path.join(work, 'project')
  mkdirSync(path.join(project, 'articles'), { recursive: true })
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
  writeFileSync(path.join(project, 'consumer.mjs'), esmConsumer)
  writeFileSync(path.join(project, 'consumer.cjs'), cjsConsumer)
  writeFileSync(
    path.join(project, 'server.mjs'),
    serverConsumer(
      [
        "import * as build from 'infobox-search/build'",
        "import * as engines from 'infobox-search/export'",
        "import * as postgres from 'infobox-search/postgres'",
      ].join('\n'),
    ),
  )
  writeFileSync(
    path.join(project, 'server.cjs'),
    serverConsumer(
      [
        "const build = require('infobox-search/build')",
        "const engines = require('infobox-search/export')",
        "const postgres = require('infobox-search/postgres')",
      ].join('\n'),
    ),
  )
  writeFileSync(path.join(project, 'articles', 'zama.md'), articles[0][1])
  run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project)
  // The optional peer dependencies of infobox-search/postgres, as a user adds them (linked from the
  // repository's own: their dependencies resolve from where they really are).
  for (const name of ['pg', 'pg-copy-streams'])
    symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(project, 'node_modules', name), 'dir')
}, 120_000)

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true })
})

describe('npm pack on a fresh clone', () => {
  test('builds dist/ and packs it with the notices and the changelog, no demo index, and one source map', () => {
    const files = run('tar', ['-tzf', tarball], work)
      .split('\n')
      .filter((file) => file !== '')
      .map((file) => file.replace(/^package\//, ''))
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/THIRD_PARTY_LICENSES.md',
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
        'dist/build.js',
        'dist/build.cjs',
        'dist/build.d.ts',
        'dist/build.d.cts',
        'dist/postgres.js',
        'dist/postgres.cjs',
        'dist/postgres.d.ts',
        'dist/postgres.d.cts',
        'dist/export.js',
        'dist/export.cjs',
        'dist/export.d.ts',
        'dist/export.d.cts',
        'dist/browser.js',
        'dist/cli.js',
        'dist/extractWorker.js',
      ]),
    )
    expect(files.filter((file) => !file.startsWith('dist/'))).toHaveLength(4)
    expect(files.filter((file) => file.endsWith('.json') && file !== 'package.json')).toEqual([])
    // Only the minified bundle has a map; the ESM, CommonJS and CLI output is readable as it is.
    expect(files.filter((file) => file.endsWith('.map'))).toEqual(['dist/browser.js.map'])
  })

  test('no packed file holds a path of the machine that built it', () => {
    const unpacked = path.join(work, 'unpacked')
    mkdirSync(unpacked)
    run('tar', ['-xzf', tarball, '-C', unpacked], work)
    // The folder it was built in, or the real folder of its node_modules (which, linked from
    // the copy, legitimately appears in relative paths: `../../work/repo/node_modules/…`).
    const absolute = new RegExp(`(?<!\\.\\.)(${[work, path.resolve(repoRoot)].map(escapeRegExp).join('|')})`)
    const holding = readdirSync(path.join(unpacked, 'package'), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(js|cjs|ts|cts|map|json|md)$/.test(file))
      .filter((file) => absolute.test(readFileSync(path.join(unpacked, 'package', file), 'utf8')))
    expect(holding).toEqual([])
  })
})

describe('the installed package', () => {
  test('ESM: infobox-search, infobox-search/build and infobox-search/browser', () => {
    const output = JSON.parse(run(process.execPath, ['consumer.mjs'], project)) as unknown
    expect(output).toEqual({ root: expected, browser: expected })
  })

  test('CommonJS: infobox-search and infobox-search/build', () => {
    const output = JSON.parse(run(process.execPath, ['consumer.cjs'], project)) as unknown
    expect(output).toEqual({ root: expected })
  })

  test('ESM and CommonJS: infobox-search/export and infobox-search/postgres (with pg installed)', () => {
    expect(JSON.parse(run(process.execPath, ['server.mjs'], project))).toEqual(serverExpected)
    expect(JSON.parse(run(process.execPath, ['server.cjs'], project))).toEqual(serverExpected)
  })

  test('the CLI bin: --version, and a build of a one-file folder (on a worker) that it then searches', () => {
    const bin = (...args: string[]) => run('npx', ['--no', '--', 'infobox-search', ...args], project)
    expect(bin('--version')).toBe(`${version}\n`)
    bin('build', 'articles', '--out', 'index.json', '--jobs', '2', '--quiet')
    const result = JSON.parse(bin('search', 'index.json', 'scipio', '--json')) as unknown
    expect(result).toMatchObject({ total: 1, hits: [{ id: 'zama', title: 'Battle of Zama' }] })
  })

  test('publint and are-the-types-wrong report no problems with the tarball', () => {
    expect(run('npx', ['publint', '--strict', tarball], repoRoot)).toMatch(/All good/)
    // attw exits non-zero on any problem. `infobox-search/browser` is an ES module by design
    // (for <script type="module"> and CDNs), so `require` resolving it to ESM is expected;
    // the CommonJS test above covers `.` and `./build`.
    const attw = run('npx', ['attw', tarball, '--format', 'ascii', '--ignore-rules', 'cjs-resolves-to-esm'], repoRoot)
    expect(attw).toMatch(/No problems found/)
  }, 60_000)
})
