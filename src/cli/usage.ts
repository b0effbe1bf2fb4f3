import { InfoboxSearchError } from '../errors.js'

export const usage = `Usage:
  infobox-search build <dir|file|glob>... --out <file> [options]
  infobox-search search <index> <query> [options]
  infobox-search inspect <index> [--json]

build options:
  --out <file>           index file to write (atomically)
  --body <profile>       full | sections | lead | none (default: sections)
  --facet <name>         extra infobox field to facet on; repeatable or comma-separated
  --max-body-length <n>  truncate longer bodies (default: 2000000 characters)
  --strict               exit 1 when any article could not be indexed
  --quiet                print errors only

search options:
  --limit <n>            hits to show (default 10)
  --offset <n>           hits to skip
  --filter <facet=value> repeatable; date=1939..1945 for a date range
  --facets <a,b,...>     facet counts to show (place, combatant, date, kind, ...)
  --sort <order>         relevance | date | -date
  --json                 print the search result object as JSON

Exit codes: 0 success, 1 content errors under --strict, 2 usage or I/O errors.`

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends InfoboxSearchError {
  override readonly name = 'UsageError'

  constructor(message: string) {
    super('ERR_INVALID_OPTION', `infobox-search: ${message}\n\n${usage}`)
  }
}
