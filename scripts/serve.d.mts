// Types of scripts/serve.mjs, for the tests that import it.

export interface StartServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number
  /** Default `127.0.0.1`. */
  readonly host?: string
  /** Folder served at `/`; default: the repository root. */
  readonly root?: string
  /** Extra folders by URL prefix, e.g. `{ '/__test__/': tmpDir }`. */
  readonly mounts?: Readonly<Record<string, string>>
  /** A request handler answering at `/api/search` (e.g. `createSearchHandler`). */
  readonly api?: (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => Promise<void>
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

export function startServer(options?: StartServerOptions): Promise<RunningServer>

export function buildExampleIndexes(options?: {
  readonly root?: string
  readonly corpusDir?: string
}): Promise<string[]>
