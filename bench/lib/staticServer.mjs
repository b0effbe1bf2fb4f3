// A static file server on localhost that answers as a static host would:
// text files (JSON, JS, HTML, CSS) gzipped when the client accepts gzip (zlib's
// default level, compressed once and kept), files that are already compressed
// (Pagefind's chunks and WebAssembly) as they are. Every response is logged
// with its body bytes, so a benchmark can count what one search transferred.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const contentTypes = {
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.map': 'application/json',
}

/**
 * Serve `mounts` (URL prefix ending in `/` → folder) and `pages` (URL path → HTML string).
 * @returns {Promise<{ url: string, log: object[], reset(): object[], close(): Promise<void> }>}
 *   `log` holds `{ path, bytes, gzip, status }` per response; `reset()` returns it and starts a new one.
 */
export async function startStaticServer({ mounts = {}, pages = {} } = {}) {
  const gzipped = new Map()
  let log = []
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length)

  /** The file a URL path names, or undefined outside every mount. */
  const fileFor = (urlPath) => {
    const prefix = prefixes.find((p) => urlPath.startsWith(p))
    if (prefix === undefined) return undefined
    const root = path.resolve(mounts[prefix])
    const file = path.resolve(root, decodeURIComponent(urlPath.slice(prefix.length)))
    return file.startsWith(root + path.sep) ? file : undefined
  }

  const answer = async (request, response) => {
    const urlPath = new URL(request.url, 'http://localhost').pathname
    const acceptsGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')
    let body
    let type
    let key
    if (pages[urlPath] !== undefined) {
      body = Buffer.from(pages[urlPath])
      type = contentTypes['.html']
      key = `page:${urlPath}`
    } else {
      const file = fileFor(urlPath)
      body = file === undefined ? undefined : await readFile(file).catch(() => undefined)
      type = contentTypes[path.extname(file ?? '')]
      key = file
    }
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      log.push({ path: urlPath, bytes: 9, gzip: false, status: 404 })
      return
    }
    const headers = { 'content-type': type ?? 'application/octet-stream', 'cache-control': 'no-cache' }
    // Only text is compressed: Pagefind's chunks and its WebAssembly are gzip files already.
    const compress = type !== undefined && acceptsGzip
    if (compress) {
      let packed = gzipped.get(key)
      if (packed === undefined) gzipped.set(key, (packed = gzipSync(body)))
      body = packed
      headers['content-encoding'] = 'gzip'
    }
    headers['content-length'] = body.length
    response.writeHead(200, headers).end(body)
    log.push({ path: urlPath, bytes: body.length, gzip: compress, status: 200 })
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error) => {
      response.writeHead(500).end(String(error))
      log.push({ path: request.url, bytes: 0, gzip: false, status: 500 })
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    get log() {
      return log
    },
    reset() {
      const previous = log
      log = []
      return previous
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
