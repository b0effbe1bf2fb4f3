import { defineConfig, type Options } from 'tsup'
import { type BundledFolders, bundledPackagesPlugin, writeThirdPartyNotices } from './scripts/thirdPartyNotices.js'

/**
 * What each build bundled, by build. Every build's `onSuccess` rewrites
 * dist/THIRD_PARTY_LICENSES.md from all of them: the last build to finish
 * writes the complete file.
 */
const bundled: BundledFolders[] = []
const recordBundled = bundledPackagesPlugin((folders) => bundled.push(folders))
const writeNotices = () => writeThirdPartyNotices('dist/THIRD_PARTY_LICENSES.md', bundled)

/**
 * Shared by the builds. No source maps in the ESM, CommonJS and CLI builds: their
 * output is not minified (names, structure and line breaks are kept), so a stack
 * trace is readable as it is, and the maps were two thirds of the package.
 */
const common = {
  target: 'es2022',
  sourcemap: false,
  esbuildPlugins: [recordBundled],
  onSuccess: async () => writeNotices(),
} satisfies Options

const library = {
  ...common,
  entry: { index: 'src/index.ts', build: 'src/build.ts', postgres: 'src/postgres.ts', export: 'src/export.ts' },
  dts: true,
  platform: 'neutral',
  splitting: true,
} satisfies Options

export default defineConfig([
  { ...library, format: ['esm'], clean: true },
  {
    ...library,
    format: ['cjs'],
    // unified and remark are ESM-only: bundle them (and everything else that
    // has no CommonJS build) into the CommonJS output so `require` works.
    noExternal: [
      /^(?!node:|minisearch$|gray-matter$|js-yaml$|tinyglobby$|pg$|pg-copy-streams$|@rapideditor\/country-coder$)/,
    ],
  },
  {
    ...common,
    // One self-contained, minified ES module for <script type="module"> and
    // CDNs: the runtime with MiniSearch inside. Its gzipped size is the budget
    // (test/api.test.ts), minified by esbuild alone. Minified, so it has a source map.
    entry: { browser: 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    minify: true,
    sourcemap: true,
    noExternal: ['minisearch'],
  },
  {
    ...common,
    entry: { cli: 'src/cli.ts', extractWorker: 'src/node/workers/extractWorker.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
])
