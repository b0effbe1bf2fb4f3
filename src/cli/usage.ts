import { InfoboxSearchError } from '../core/errors.js'

/** The help text (`--help`, and after every usage error). */
export const usage = `Usage:
  infobox-search build <dir|file|glob>... (--out <file> | --chunked <dir>) [options]
  infobox-search search <index|dir> <query> [options]
  infobox-search inspect <index|dir> [--json]
  infobox-search export <dir|file|glob>... --to postgres --database-url <url> [--table <name>] [--replace]
  infobox-search export <dir|file|glob>... --to opensearch|meilisearch|typesense --out <dir>

build options (flags override infobox-search.config.json / .mjs in the current directory):
  --out <file>           index file to write (atomically)
  --chunked <dir>        chunked index to write: a manifest and content-hashed chunks
                         (for large corpora: a browser fetches only what a search needs)
  --body <profile>       full | sections | lead | none (default: full)
  --boost <field=n>      field weight, e.g. title=5,body=1; repeatable
  --facet <name>         extra facet: an infobox field, or a front-matter field
                         (tags); repeatable or comma-separated
  --store <name>         front-matter field kept in each hit's "fields" (url, tags);
                         repeatable or comma-separated
  --field <name>         front-matter field whose text is searched (category);
                         repeatable or comma-separated
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
  --filter <facet=value> repeatable; date=1939..1945 for a date range;
                         coordinates=lat,lon,km around a point, or
                         coordinates=west,south,east,north for a box
  --facets <a,b,...>     facet counts to show (country, place, combatant, date, kind, ...)
  --near <lat,lon>       give each hit its distance from this point
  --sort <order>         relevance | date | -date (newest first: --sort=-date) |
                         distance (nearest to --near first)
  --json                 print the search result object as JSON

export options (and the build options that choose what is extracted: --body, --facet,
--boost, --max-body-length, --jobs, --file-timeout, --config, --strict, --quiet):
  --to <target>          postgres (load a table), or opensearch | meilisearch | typesense
                         (write documents, settings and a README with the load commands)
  --database-url <url>   postgres://user:password@host:5432/db (default: $DATABASE_URL)
  --table <name>         table, index or collection name (default: infobox_search)
  --replace              drop a table of that name that export did not write
  --out <dir>            the folder for opensearch, meilisearch and typesense files

Exit codes: 0 success, 1 content errors (duplicate ids; skipped articles under
--strict), 2 usage, config or I/O errors.`

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends InfoboxSearchError {
  override readonly name = 'UsageError'

  constructor(message: string) {
    super('ERR_INVALID_OPTION', `infobox-search: ${message}\n\n${usage}`)
  }
}
