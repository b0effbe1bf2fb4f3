import { defineConfig } from 'tsup'

/**
 * No source maps in the ESM, CommonJS and CLI builds: their output is not
 * minified (names, structure and line breaks are kept), so a stack trace is
 * readable as it is, and the maps were two thirds of the package.
 */
const library = {
  entry: { index: 'src/index.ts', build: 'src/build.ts' },
  dts: true,
  sourcemap: false,
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
    noExternal: [/^(?!node:|minisearch$|gray-matter$|js-yaml$|tinyglobby$)/],
  },
  {
    // One self-contained, minified ES module for <script type="module"> and
    // CDNs: the runtime with MiniSearch inside. Its gzipped size is the budget
    // (test/api.test.ts), minified by esbuild alone. Minified, so it has a source map.
    entry: { browser: 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    noExternal: ['minisearch'],
  },
  {
    entry: { cli: 'src/cli.ts', extractWorker: 'src/node/extractWorker.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: false,
    banner: { js: '#!/usr/bin/env node' },
  },
])
