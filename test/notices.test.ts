// dist/THIRD_PARTY_LICENSES.md names every package whose code is bundled into
// a dist/ file, with its version, licence text and the files it is in. The
// oracle is a fresh build of every tsup configuration into a temporary folder,
// read through tsup's own metafiles (not the plugin that writes the notices).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Metafile } from 'esbuild'
import { build, type Options } from 'tsup'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import configs from '../tsup.config.js'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const dist = path.join(repoRoot, 'dist')

interface Manifest {
  readonly name: string
  readonly version: string
}

/** `name version` → the dist files that contain its code, from a fresh build. */
let bundled = new Map<string, Set<string>>()
/** Every JavaScript file of the fresh build, as `dist/…`. */
let outputs: string[] = []
let work = ''

beforeAll(async () => {
  if (!Array.isArray(configs)) throw new Error('tsup.config.ts is expected to export a list of builds')
  work = await mkdtemp(path.join(tmpdir(), 'infobox-search-notices-'))
  const metafiles: { outDir: string; metafile: Metafile }[] = []
  for (const [i, config] of (configs as Options[]).entries()) {
    const outDir = path.join(work, String(i))
    const { onSuccess: _writesNotices, ...rest } = config
    await build({ ...rest, config: false, outDir, dts: false, silent: true, metafile: true, esbuildPlugins: [] })
    for (const file of (await readdir(outDir)).filter((name) => /^metafile-\w+\.json$/.test(name))) {
      metafiles.push({ outDir, metafile: JSON.parse(await readFile(path.join(outDir, file), 'utf8')) as Metafile })
    }
  }
  bundled = new Map()
  outputs = []
  for (const { outDir, metafile } of metafiles) {
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      if (output.endsWith('.map')) continue
      const file = `dist/${path.relative(outDir, path.resolve(repoRoot, output)).split(path.sep).join('/')}`
      outputs.push(file)
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
        const folder = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.split(path.sep).join('/'))?.[1]
        if (folder === undefined || bytesInOutput === 0) continue
        const manifest = JSON.parse(await readFile(path.resolve(repoRoot, folder, 'package.json'), 'utf8')) as Manifest
        const key = `${manifest.name} ${manifest.version}`
        bundled.set(key, (bundled.get(key) ?? new Set()).add(file))
      }
    }
  }
}, 60_000)

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true })
})

/** The notices file as sections: `name version` → the section's text. */
async function noticeSections(): Promise<Map<string, string>> {
  const text = await readFile(path.join(dist, 'THIRD_PARTY_LICENSES.md'), 'utf8')
  return new Map(
    text
      .split(/^## /m)
      .slice(1)
      .map((section) => [section.slice(0, section.indexOf('\n')), section]),
  )
}

describe('dist/THIRD_PARTY_LICENSES.md', () => {
  test('the fresh build has the files of dist/; it bundles remark (CommonJS), and the browser runtime bundles nothing', async () => {
    const shipped = (await readdir(dist)).filter((name) => /\.(js|cjs)$/.test(name)).map((name) => `dist/${name}`)
    expect(outputs.sort()).toEqual(shipped.sort())
    const named = (name: string) => [...bundled].find(([key]) => key.startsWith(`${name} `))?.[1]
    expect([...bundled].filter(([, files]) => files.has('dist/browser.js'))).toEqual([])
    expect([...(named('remark-parse') ?? [])]).toEqual([expect.stringMatching(/^dist\/.+\.cjs$/)])
  })

  test('lists every bundled package, the files it is in, and its licence text', async () => {
    const sections = await noticeSections()
    for (const [key, files] of bundled) {
      const section = sections.get(key)
      expect(section, `${key} is bundled into ${[...files].join(', ')} but missing from the notices`).toBeDefined()
      expect(section).toContain(
        `- In: ${[...files]
          .sort()
          .map((file) => `\`${file}\``)
          .join(', ')}\n`,
      )
      expect(section).toMatch(/^```+text\n\S[^]*\n```+$/m)
    }
  })

  test('lists nothing that is not bundled', async () => {
    expect([...(await noticeSections()).keys()].sort()).toEqual([...bundled.keys()].sort())
  })
})
