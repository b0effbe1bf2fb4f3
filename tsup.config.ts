import { readFile, writeFile } from 'node:fs/promises'
import { minify } from 'terser'
import { defineConfig } from 'tsup'

/**
 * MiniSearch's members that its type declarations mark private or protected,
 * and its `_`-prefixed fields. Only MiniSearch's own code, bundled whole into
 * the one file, reads or writes them; none is a key of the index file or of
 * MiniSearch's JSON (its `toJSON` and `loadJS` name theirs), and our code
 * touches none. So they can be renamed like local variables.
 */
async function miniSearchPrivates(): Promise<RegExp> {
  const types = await readFile('node_modules/minisearch/dist/es/index.d.ts', 'utf8')
  const names = [...types.matchAll(/^\s*(?:private|protected) (?:static )?(\w+)/gm)].map((match) => match[1])
  return new RegExp(`^(${['_\\w+', ...names].join('|')})$`)
}

/**
 * A second minification pass over esbuild's output: terser's compressor finds
 * what esbuild's leaves (about 3% of the gzipped bundle), and renames
 * MiniSearch's private members (about 2%). Safe options only.
 */
async function terse(file: string): Promise<void> {
  const [code, map, privates] = await Promise.all([readFile(file, 'utf8'), readFile(`${file}.map`, 'utf8'), miniSearchPrivates()])
  const result = await minify(code, {
    module: true,
    ecma: 2020,
    // pure_getters: our getters and MiniSearch's (documentCount, dirtCount…) only read fields.
    compress: { passes: 3, pure_getters: true },
    mangle: { properties: { regex: privates } },
    format: { quote_style: 2 }, // always "…": a few bytes fewer once gzipped
    // No `//# sourceMappingURL` comment (32 B of the budget): browser.js.map ships beside it
    // for tools that are pointed at it.
    sourceMap: { content: map },
  })
  await Promise.all([writeFile(file, result.code ?? code), writeFile(`${file}.map`, String(result.map))])
}

const library = {
  entry: { index: 'src/index.ts', build: 'src/build.ts', postgres: 'src/postgres.ts', export: 'src/export.ts' },
  dts: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
} as const

export default defineConfig([
  { ...library, format: ['esm'], clean: true },
  {
    ...library,
    format: ['cjs'],
    // unified and remark are ESM-only: bundle them (and everything else that
    // has no CommonJS build) into the CommonJS output so `require` works.
    noExternal: [/^(?!node:|minisearch$|gray-matter$|js-yaml$|tinyglobby$|pg$|pg-copy-streams$)/],
  },
  {
    // One self-contained, minified ES module for <script type="module"> and
    // CDNs: the runtime with MiniSearch inside. Its gzipped size is the budget.
    entry: { browser: 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    noExternal: ['minisearch'],
    onSuccess: () => terse('dist/browser.js'),
  },
  {
    entry: { cli: 'src/cli.ts', extractWorker: 'src/node/extractWorker.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
  },
])
