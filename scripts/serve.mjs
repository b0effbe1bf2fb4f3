// Development server for the browser example (examples/search-box/).
//
//   npm start                     build the library, build the example's indexes (single
//                                 files and a chunked one, data/chunked/), serve
//   node scripts/serve.mjs        same, without rebuilding the library
//   node scripts/serve.mjs --index-only   build the example's indexes and exit
//   DATABASE_URL=postgres://… node scripts/serve.mjs --postgres
//                                 also load the articles into PostgreSQL and let the page
//                                 search them through createSearchHandler (?api=/api/search)
//
// It serves the repository root (so the page can import /dist/browser.js, and
// its map d3-geo, topojson-client and world-atlas from /node_modules/) on
// 127.0.0.1, on a free port unless PORT is set.
// Node's http module only; no dependencies. Not a production server.
//
// Tests import `startServer` from here.
import { spawnSync } from 'node:child_process'
import { createReadStream, existsSync } from 'node:fs'
import { copyFile, mkdir, realpath, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const examplePath = '/examples/search-box/'
const exampleDir = path.join(repoRoot, 'examples', 'search-box')
/** Git-ignored: built indexes of the example. */
const dataDir = path.join(exampleDir, 'data')

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
}

/**
 * Serve static files from `root` (and from `mounts`: URL prefix → directory).
 * GET and HEAD only; dotfiles, paths outside the root (`..`, encoded or not,
 * or through a symlink) and malformed URLs are refused.
 *
 * @param {{ port?: number, host?: string, root?: string, mounts?: Record<string, string>, api?: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<void> }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ port = 0, host = '127.0.0.1', root = repoRoot, mounts = {}, api } = {}) {
  const roots = [...Object.entries(mounts), ['/', root]].map(([prefix, dir]) => [
    prefix.endsWith('/') ? prefix : `${prefix}/`,
    path.resolve(dir),
  ])
  const server = createServer((request, response) => {
    // `api`: a request handler (createSearchHandler) answering at /api/search.
    if (api !== undefined && new URL(request.url ?? '/', 'http://localhost').pathname === '/api/search')
      return void api(request, response)
    handle(request, response, roots).catch((error) => {
      if (!response.headersSent)
        send(response, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`)
      else response.destroy()
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(undefined))
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address !== null ? address.port : port
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
async function handle(request, response, roots) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD')
    return send(response, 405, 'Method not allowed')
  }
  let pathname
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
  } catch {
    return send(response, 400, 'Bad request: malformed URL')
  }
  const segments = pathname.split('/')
  // No NUL bytes, no backslashes (Windows separators), no `..`, no dotfiles (.git, .env…).
  if (pathname.includes('\0') || pathname.includes('\\') || segments.some((s) => s.startsWith('.')))
    return send(response, 404, 'Not found')

  const [prefix, dir] = roots.find(([p]) => pathname.startsWith(p)) ?? []
  if (prefix === undefined || dir === undefined) return send(response, 404, 'Not found')
  let file = path.resolve(dir, `.${pathname.slice(prefix.length - 1)}`)
  if (!isInside(dir, file)) return send(response, 404, 'Not found')

  let info = await stat(file).catch(() => undefined)
  if (info?.isDirectory()) {
    // `/examples/search-box` → `/examples/search-box/`, so relative URLs in the page resolve.
    if (!pathname.endsWith('/')) {
      const url = new URL(request.url ?? '/', 'http://localhost')
      response.setHeader('Location', `${url.pathname}/${url.search}`)
      return send(response, 301, 'Moved permanently')
    }
    file = path.join(file, 'index.html')
    info = await stat(file).catch(() => undefined)
  }
  if (info === undefined || !info.isFile()) return send(response, 404, 'Not found')
  // A symlink must not lead out of the served folder either.
  if (!isInside(await realpath(dir), await realpath(file))) return send(response, 404, 'Not found')

  response.writeHead(200, {
    'Content-Type': mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  if (request.method === 'HEAD') return response.end()
  createReadStream(file).pipe(response)
}

function isInside(dir, file) {
  const relative = path.relative(dir, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function send(response, status, text) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  response.end(`${text}\n`)
}

/**
 * Build the example's indexes with the built CLI:
 * - `data/fixtures-index.json` from `fixtures/`;
 * - `data/corpus-index.json` from `fixtures/` plus the shared corpus, when present
 *   (`../shared/corpus/articles`, or the CORPUS_DIR environment variable);
 * - `data/chunked/` (manifest `data/chunked/index.json`): a chunked index of the
 *   same articles as the larger single file, fetched piece by piece by the page;
 * - `search-index.json` next to the page (the page's default): the larger single file.
 * @returns {Promise<string[]>} the names of the indexes written, relative to the page
 */
export async function buildExampleIndexes({
  root = repoRoot,
  corpusDir = process.env.CORPUS_DIR ?? path.resolve(root, '../shared/corpus/articles'),
} = {}) {
  const cli = path.join(root, 'dist', 'cli.js')
  if (!existsSync(cli))
    throw new Error(
      `${path.relative(process.cwd(), cli)} is missing; run "npm run build" first (or "npm start", which does).`,
    )
  await mkdir(dataDir, { recursive: true })
  const build = (inputs, output) => {
    const result = spawnSync(process.execPath, [cli, 'build', ...inputs, ...output, '--quiet'], {
      cwd: root,
      stdio: 'inherit',
    })
    if (result.status !== 0)
      throw new Error(
        `infobox-search build ${inputs.join(' ')} ${output.join(' ')} failed (exit code ${result.status})`,
      )
  }
  const written = ['data/fixtures-index.json']
  let inputs = [path.join(root, 'fixtures')]
  build(inputs, ['--out', path.join(dataDir, 'fixtures-index.json')])
  if (existsSync(corpusDir)) {
    inputs = [...inputs, corpusDir]
    build(inputs, ['--out', path.join(dataDir, 'corpus-index.json')])
    written.push('data/corpus-index.json')
  }
  await copyFile(path.join(exampleDir, written.at(-1)), path.join(exampleDir, 'search-index.json'))
  // The build writes the new manifest last and removes stale chunks after it.
  build(inputs, ['--chunked', path.join(dataDir, 'chunked')])
  written.push('data/chunked/index.json')
  return ['search-index.json', ...written]
}

/** Export the example's articles to PostgreSQL with the built CLI, and a search handler over them. */
async function postgresApi() {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('--postgres needs DATABASE_URL, e.g. postgres://user:password@localhost:5432/db')
  const corpusDir = process.env.CORPUS_DIR ?? path.resolve(repoRoot, '../shared/corpus/articles')
  const inputs = [path.join(repoRoot, 'fixtures'), ...(existsSync(corpusDir) ? [corpusDir] : [])]
  const cli = path.join(repoRoot, 'dist', 'cli.js')
  const result = spawnSync(
    process.execPath,
    [cli, 'export', ...inputs, '--to', 'postgres', '--table', 'infobox_search_example', '--quiet'],
    { cwd: repoRoot, stdio: 'inherit' },
  )
  if (result.status !== 0) throw new Error(`infobox-search export --to postgres failed (exit code ${result.status})`)
  const { createPostgresSearch, createSearchHandler } = await import(
    pathToFileURL(path.join(repoRoot, 'dist', 'postgres.js')).href
  )
  return createSearchHandler(createPostgresSearch({ url: databaseUrl, table: 'infobox_search_example' }), {
    onError: (error) => console.error(error),
  })
}

async function main(argv) {
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 0 : Number(process.env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, received ${JSON.stringify(process.env.PORT)}`)
  const indexes = await buildExampleIndexes()
  if (argv.includes('--index-only')) {
    console.log(`Built ${indexes.map((name) => path.join('examples/search-box', name)).join(', ')}`)
    return
  }
  // --postgres: also load the articles into PostgreSQL ($DATABASE_URL) and answer /api/search from there.
  const api = argv.includes('--postgres') ? await postgresApi() : undefined
  const { url } = await startServer({ port, api })
  if (api !== undefined) console.log(`\nSearch box over PostgreSQL: ${url}${examplePath}?api=/api/search`)
  const corpus = indexes.includes('data/corpus-index.json')
  const labels = {
    'data/fixtures-index.json': 'fixtures only',
    'data/corpus-index.json': 'fixtures + corpus',
    'data/chunked/index.json': `chunked, ${corpus ? 'fixtures + corpus' : 'fixtures only'}`,
  }
  console.log(`\nSearch box example: ${url}${examplePath}`)
  for (const name of indexes.slice(1))
    console.log(`  ${`${labels[name] ?? name}:`.padEnd(30)} ${url}${examplePath}?index=${name}`)
  console.log('\nServing the repository root on 127.0.0.1. Press Ctrl+C to stop.')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}
