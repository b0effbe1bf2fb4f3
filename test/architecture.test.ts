import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

// The folders of src/ are layers; each may import only the layers listed for it (docs/ARCHITECTURE.md).
// Type-only imports count too: a layer that needs another's types depends on it.

const src = fileURLToPath(new URL('../src/', import.meta.url))

/** Layer → the layers it may import (itself always). */
const allowed = {
  core: [],
  search: ['core'],
  parse: ['core'],
  extract: ['core', 'parse'],
  builder: ['core', 'parse', 'extract', 'search'],
  node: ['core', 'parse', 'extract', 'builder', 'search'],
  // Server-side targets of the same records: PostgreSQL (load and search), and the files and
  // queries of other engines, which read search options through PostgreSQL's search plan.
  postgres: ['core', 'parse', 'extract', 'builder', 'search', 'node'],
  export: ['core', 'parse', 'extract', 'builder', 'search', 'node', 'postgres'],
  cli: ['core', 'parse', 'extract', 'builder', 'search', 'node', 'postgres', 'export'],
} as const satisfies Record<string, readonly string[]>
type Layer = keyof typeof allowed

/** What the browser-safe root entry may reach: the contracts, the search runtime, and `parseDate` with its two helpers. */
const runtimeFiles = (file: string) =>
  file.startsWith('core/') ||
  file.startsWith('search/') ||
  /^extract\/facets\/(dates|dateTokens|dateAtoms)\.ts$/.test(file)
/** The packages the root entry may import at run time (types are erased): none. */
const runtimePackages: ReadonlySet<string> = new Set()

interface Import {
  readonly specifier: string
  /** `import type` / `export type`: erased from the JavaScript. */
  readonly typeOnly: boolean
}

/** The imports and re-exports of a TypeScript file, static and dynamic. */
function importsOf(file: string): readonly Import[] {
  const code = readFileSync(path.join(src, file), 'utf8')
  const statics = [...code.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)]
  const dynamics = [...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)]
  return [
    ...statics.map((match) => ({ specifier: match[2] ?? '', typeOnly: match[1] !== undefined })),
    ...dynamics.map((match) => ({ specifier: match[1] ?? '', typeOnly: false })),
  ]
}

/** `from`'s relative import as a path under src/ (`search/loadIndex.ts`). */
function resolveImport(from: string, specifier: string): string {
  const target = path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '.ts')
  if (!existsSync(path.join(src, target))) throw new Error(`${from} imports ${specifier}, which is not a file of src/`)
  return target
}

function sourceFiles(): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.ts'))
    .sort()
}

/** The files under src/ and the packages that `entry` imports at run time, directly or not (types are erased). */
function runtimeImports(entry: string): { reached: ReadonlySet<string>; packages: ReadonlySet<string> } {
  const reached = new Set<string>()
  const packages = new Set<string>()
  const pending = [entry]
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file)) continue
    reached.add(file)
    for (const { specifier, typeOnly } of importsOf(file)) {
      if (typeOnly) continue
      if (specifier.startsWith('.')) pending.push(resolveImport(file, specifier))
      else packages.add(specifier)
    }
  }
  return { reached, packages }
}

const layerOf = (file: string): Layer | 'entry' => (file.includes('/') ? (file.split('/')[0] as Layer) : 'entry')

describe('architecture', () => {
  test('every folder of src/ is a known layer', () => {
    const folders = new Set(
      sourceFiles()
        .filter((file) => file.includes('/'))
        .map((file) => file.split('/')[0]),
    )
    expect([...folders].sort()).toEqual(Object.keys(allowed).sort())
  })

  test('each layer imports only the layers beneath it', () => {
    const violations: string[] = []
    for (const file of sourceFiles()) {
      const layer = layerOf(file)
      if (layer === 'entry') continue
      for (const { specifier } of importsOf(file)) {
        if (!specifier.startsWith('.')) continue
        const target = layerOf(resolveImport(file, specifier))
        if (target !== layer && !(allowed[layer] as readonly string[]).includes(target))
          violations.push(`${file} → ${specifier}`)
      }
    }
    expect(violations).toEqual([])
  })

  test('the core imports no package but MiniSearch types, and no Node module', () => {
    const packages = sourceFiles()
      .filter((file) => file.startsWith('core/'))
      .flatMap((file) =>
        importsOf(file)
          .filter(({ specifier }) => !specifier.startsWith('.'))
          .map(({ specifier, typeOnly }) => `${file}: ${specifier}${typeOnly ? ' (types)' : ''}`),
      )
    expect(packages.every((line) => line.endsWith('minisearch (types)'))).toBe(true)
  })

  test('the root entry reaches only the contracts, the search runtime and parseDate: no package, parsing, extraction, building, Node or CLI', () => {
    const { reached, packages } = runtimeImports('index.ts')
    expect(reached.size).toBeGreaterThan(10) // it does follow the imports
    expect([...reached].filter((file) => file !== 'index.ts' && !runtimeFiles(file))).toEqual([])
    expect([...packages].filter((name) => !runtimePackages.has(name))).toEqual([])
  })

  test('the export entry reaches no database client: it shares only the search plan of postgres/', () => {
    const { reached, packages } = runtimeImports('export.ts')
    expect([...reached].filter((file) => file.startsWith('postgres/'))).toEqual(['postgres/searchPlan.ts'])
    expect([...packages].filter((name) => name.startsWith('pg') || name.startsWith('node:'))).toEqual([])
  })

  test('the build entry never reaches the CLI', () => {
    const cli = importsOf('build.ts').filter(({ specifier }) => specifier.startsWith('./cli'))
    expect(cli).toEqual([])
  })
})
