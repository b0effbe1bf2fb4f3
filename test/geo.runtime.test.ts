import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const srcDir = fileURLToPath(new URL('../src/', import.meta.url))

/** The module specifiers a TypeScript file imports or re-exports, statically or dynamically. */
function specifiers(file: string): readonly string[] {
  const code = readFileSync(file, 'utf8')
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '')
}

/** Every file of src/ the entry reaches through relative imports, and every package they import. */
function importGraph(entry: string): { files: ReadonlySet<string>; packages: ReadonlySet<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const pending = [entry]
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue
    files.add(file)
    for (const specifier of specifiers(file)) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier)
        continue
      }
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts')
      const found = [target, `${target}.ts`, `${target}/index.ts`].find((path) => existsSync(path))
      if (found !== undefined) pending.push(found)
    }
  }
  return { files, packages }
}

test('the browser runtime never reaches the country lookup or its 690 KB of borders', () => {
  const { files, packages } = importGraph(`${srcDir}index.ts`)
  expect(files.size).toBeGreaterThan(3)
  expect([...files].filter((file) => file.includes('/extract/geo/'))).toEqual([])
  expect([...packages].filter((name) => name.includes('country-coder') || name.includes('which-polygon'))).toEqual([])
})

test('the import walker does find the lookup where it is imported', () => {
  const { files, packages } = importGraph(`${srcDir}extract/geo/country.ts`)
  expect([...files].some((file) => file.endsWith('/extract/geo/countryLookup.ts'))).toBe(true)
  expect(packages.has('@rapideditor/country-coder')).toBe(true)
})
