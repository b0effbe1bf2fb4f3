// `npm run demo`, after the build: index the 20 articles of fixtures/ into
// out/fixtures-index.json (git-ignored, never in dist/ so never in the package)
// and run two searches with the built CLI.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'

const index = 'out/fixtures-index.json'
const cli = (...args) => execFileSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' })

mkdirSync('out', { recursive: true })
cli('build', 'fixtures', '--out', index)
cli('search', index, 'wladyslaw jagiello', '--limit', '2')
const browse = ['--filter', 'date=1900..2025', '--facets', 'place,combatant,date', '--sort', 'date', '--limit', '4']
cli('search', index, '', ...browse)
