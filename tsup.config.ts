import { readFile, writeFile } from 'node:fs/promises'
import { minify } from 'terser'
import { defineConfig } from 'tsup'

/**
 * A second minification pass over esbuild's output: terser's compressor finds
 * what esbuild's leaves (about 3% of the gzipped bundle). Safe options only.
 */
async function terse(file: string): Promise<void> {
  const [code, map] = await Promise.all([readFile(file, 'utf8'), readFile(`${file}.map`, 'utf8')])
  const result = await minify(code, {
    module: true,
    // pure_getters: our getters and MiniSearch's (documentCount, dirtCount…) only read fields.
    compress: { passes: 3, pure_getters: true },
    mangle: true,
    sourceMap: { content: map, url: file.split('/').pop() + '.map' },
  })
  await Promise.all([writeFile(file, result.code ?? code), writeFile(`${file}.map`, String(result.map))])
}

const library = {
  entry: { index: 'src/index.ts', build: 'src/build.ts' },
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
    noExternal: [/^(?!node:|minisearch$|gray-matter$|yaml$|tinyglobby$)/],
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
