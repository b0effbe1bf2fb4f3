import { InfoboxSearchError } from '../core/errors.js'

/** The help text (`--help`, and after every usage error). */
export const usage = `Usage:
  infobox-search build <dir|file|glob>... (--out <file> | --chunked <dir>) [options]
  infobox-search search <index|dir> <query> [options]
  infobox-search inspect <index|dir> [--json]

build options (flags override infobox-search.config.json / .mjs in the current directory):
  --out <file>           index file to write (atomically)
  --chunked <dir>        chunked index to write: a manifest and content-hashed chunks
                         (for large corpora: a browser fetches only what a search needs)
  --body <profile>       full | sections | lead | none (default: full)
  --boost <field=n>      field weight, e.g. title=5,body=1; repeatable
  --facet <name>         extra infobox field to facet on; repeatable or comma-separated
  --max-body-length <n>  truncate longer bodies (default: 2000000 characters)
  --jobs <n>             worker threads extracting articles (default: one per core,
                         at most 8; 1 extracts in the main thread, without --file-timeout)
  --file-timeout <ms>    skip a file whose extraction takes longer (default: 10000)
  --cache <dir>          reuse records of unchanged files from this folder
  --config <file>        read settings from this file instead
  --watch                rebuild when an input changes; Ctrl-C to stop
  --strict               exit 1 when any article could not be indexed
  --follow-symlinks      follow links out of an input's folder (default: skipped, with a warning)
  --quiet                print errors only

search options:
  --limit <n>            hits to show (default 10)
  --offset <n>           hits to skip
  --filter <facet=value> repeatable; date=1939..1945 for a date range
  --facets <a,b,...>     facet counts to show (place, combatant, date, kind, ...)
  --sort <order>         relevance | date | -date (newest first: --sort=-date)
  --json                 print the search result object as JSON

Exit codes: 0 success, 1 content errors (duplicate ids; skipped articles under
--strict), 2 usage, config or I/O errors.`

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends InfoboxSearchError {
  override readonly name = 'UsageError'

  constructor(message: string) {
    super('ERR_INVALID_OPTION', `infobox-search: ${message}\n\n${usage}`)
  }
}
