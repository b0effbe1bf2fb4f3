import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'
import * as buildEntry from '../src/build.js'
import * as exportEntry from '../src/export.js'
import * as root from '../src/index.js'
import * as postgresEntry from '../src/postgres.js'

// The public names of each entry point. A change here is a change to the API:
// update the README and the CHANGELOG with it.
describe('exported names', () => {
  test('infobox-search (browser-safe runtime)', () => {
    expect(Object.keys(root).sort()).toEqual([
      'ChunkLoadError',
      'ChunkedIndex',
      'IndexFormatError',
      'InfoboxSearchError',
      'OptionsError',
      'SearchIndex',
      'chunkedFormatVersion',
      'dateKey',
      'distanceKm',
      'escapeHtml',
      'highlight',
      'indexFormatVersion',
      'isChunkLoadError',
      'isIndexFormatError',
      'isInfoboxSearchError',
      'isOptionsError',
      'loadChunkedIndex',
      'loadIndex',
      'loadIndexAsync',
      'makeSnippet',
      'normalizeTerm',
      'parseDate',
      'parseDateBound',
    ])
  })

  test('infobox-search/build', () => {
    expect(Object.keys(buildEntry).sort()).toEqual([
      'FileSystemError',
      'FrontMatterError',
      'buildIndex',
      'chunkIndex',
      'createIndexBuilder',
      'defaultIndexOptions',
      'extractCombatants',
      'extractFacets',
      'extractFieldValues',
      'extractPlaces',
      'extractRecord',
      'findArticleFiles',
      'findConflictInfobox',
      'inferInfoboxKind',
      'isFrontMatterError',
      'listArticleFiles',
      'parseArticle',
      'readArticleFile',
      'resolveIndexOptions',
      'safeParseArticle',
      'searchFields',
      'selectBody',
      'serializeIndex',
      'serializeIndexChunks',
      'toEnvelope',
      'toPlainText',
      'version',
      'writeChunkedIndex',
      'writeFileAtomic',
    ])
  })

  test('infobox-search/postgres', () => {
    expect(Object.keys(postgresEntry).sort()).toEqual([
      'DatabaseError',
      'createPostgresSearch',
      'createSearchHandler',
      'defaultTable',
      'exportToPostgres',
      'isDatabaseError',
    ])
  })

  test('infobox-search/export', () => {
    expect(Object.keys(exportEntry).sort()).toEqual([
      'aliasSynonyms',
      'createEngineExport',
      'engineDocument',
      'engines',
      'facetNamesFormat',
      'meilisearchDocumentLine',
      'meilisearchKey',
      'meilisearchSettings',
      'ongoingEnd',
      'openSearchBulkLines',
      'openSearchIndexBody',
      'partBytes',
      'signalBoost',
      'toMeilisearchRequest',
      'toOpenSearchRequest',
      'toTypesenseRequest',
      'typesenseDocumentLine',
      'typesenseSchema',
      'typesenseSynonymSet',
      'typesenseSynonyms',
    ])
  })

  test('the version constant matches package.json', async () => {
    const { default: pkg } = await import('../package.json', { with: { type: 'json' } })
    expect(buildEntry.version).toBe(pkg.version)
  })
})

describe('the built package', () => {
  const dist = new URL('../dist/', import.meta.url)

  test('the browser entry imports nothing from Node, gray-matter or unified', async () => {
    const result = await build({
      entryPoints: [new URL('index.js', dist).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(
      inputs.filter((file) => /gray-matter|unified|remark|micromark|mdast|yaml|tinyglobby|node:/.test(file)),
    ).toEqual([])
    const code = result.outputFiles[0]?.text ?? ''
    expect(code.match(/["']node:|require\(["'](fs|path|crypto)["']\)|\bBuffer\.|process\.env/)?.[0]).toBeUndefined()
  })

  test('the extraction worker loads no parser until a file must be parsed (a warm --cache rebuild never does)', async () => {
    // Static imports only: `import … from "x"` and `import "x"`, followed through dist/'s chunks.
    const staticImports = (code: string) =>
      [...code.matchAll(/^import\s+(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm)].map((match) => match[1] as string)
    const seen = new Set<string>()
    const packages = new Set<string>()
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return
      seen.add(file)
      for (const specifier of staticImports(await readFile(new URL(file, dist), 'utf8'))) {
        if (specifier.startsWith('./')) await visit(specifier.slice(2))
        else packages.add(specifier)
      }
    }
    await visit('extractWorker.js')
    expect(seen.size).toBeGreaterThan(1) // it does follow the chunks
    expect(
      [...packages].filter((name) => !/^(node:)?(worker_threads|fs|fs\/promises|path|crypto)$/.test(name)),
    ).toEqual([])
    // The parsers are there, behind a dynamic import.
    expect(await readFile(new URL('extractWorker.js', dist), 'utf8')).toMatch(
      /import\(["']\.\/buildIndex-\w+\.js["']\)/,
    )
  })

  // The budget reports a size regression; it is not a reason to golf the code (esbuild's minifier only).
  // 16 KB when MiniSearch was inside (13.0 KB); 20 KB since the runtime has its own query engine
  // (MiniSearch is no longer bundled: −3 KB), the chunked index (+2.6 KB) and query understanding
  // (+4.5 KB: the time recognizer's word tables and the names of facet values); 24 KB since every
  // file of an index or a chunked index is checked before it is trusted (+2 KB) and the coordinates
  // facet, distances and the app's own fields came in (+0.5 KB); 25 KB since a search ranks only its
  // page over per-document arrays, makes snippets when read, finds snippet words in one walk and
  // takes common words as typed (fuzzyMaxDocuments), typo tables shared by candidates: 23.1 → 24.4 KB, a query 3–10× faster.
  test('infobox-search/browser (the whole runtime, minified) fits 25 KB gzipped', async () => {
    const code = await readFile(new URL('browser.js', dist))
    expect(code.toString()).not.toMatch(/from\s*["']minisearch["']/)
    const gzipped = gzipSync(code, { level: 9 }).length
    console.log(`infobox-search/browser: ${code.length} B minified, ${gzipped} B gzipped (budget 25600 B)`)
    expect(gzipped).toBeLessThanOrEqual(25 * 1024)
  })

  test('CommonJS consumers can require both entries', () => {
    const require = createRequire(import.meta.url)
    const cjsRoot = require('../dist/index.cjs') as typeof root
    const cjsBuild = require('../dist/build.cjs') as typeof buildEntry
    const index = cjsBuild.buildIndex([cjsBuild.parseArticle('---\ntitle: Battle of Zama\n---\nHannibal lost.')])
    expect(cjsRoot.loadIndex(cjsBuild.serializeIndex(index)).search('zama').hits[0]?.title).toBe('Battle of Zama')
  })

  test('ESM consumers can import both entries, and errors are shared between them', async () => {
    const esmRoot = (await import(new URL('index.js', dist).href)) as typeof root
    const esmBuild = (await import(new URL('build.js', dist).href)) as typeof buildEntry
    let error: unknown
    try {
      esmBuild.parseArticle('no front matter')
    } catch (caught) {
      error = caught
    }
    expect(esmRoot.isInfoboxSearchError(error)).toBe(true)
    expect(esmBuild.isFrontMatterError(error)).toBe(true)
  })
})
