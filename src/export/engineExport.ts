import { OptionsError } from '../core/errors.js'
import type { IndexOptions } from '../core/options.js'
import type { IndexRecord } from '../extract/record.js'
import { addRecordFacets, createFacetTables } from '../builder/facetTables.js'
import { engineDocument, engineFacets } from './engineDocument.js'
import { aliasSynonyms, facetNamesJson, facetNamesOf } from './facetNames.js'
import { meilisearchDocumentLine, meilisearchSettings } from './meilisearch.js'
import { openSearchBulkLines, openSearchIndexBody } from './openSearch.js'
import { typesenseDocumentLine, typesenseSchema, typesenseSynonyms } from './typesense.js'

/** The engines `export --to` writes files for. */
export const engines = ['opensearch', 'meilisearch', 'typesense'] as const
export type EngineName = (typeof engines)[number]

/** Options of `createEngineExport`. */
export interface EngineExportOptions {
  /** Index (OpenSearch, Meilisearch) or collection (Typesense) name. @default 'infobox_search' */
  readonly name?: string
  /** The index options the records were extracted with. */
  readonly options: IndexOptions
  /** `infobox-search@x.y.z`, named in the README. */
  readonly generator: string
  /** The year that ends ongoing conflicts' histogram buckets. @default this year */
  readonly presentYear?: number
}

/** A file to write beside the documents. */
export interface ExportFile {
  readonly file: string
  readonly content: string
}

/** Turns records into an engine's document lines, then writes its settings and a README. */
export interface EngineExport {
  /** Name of the documents file `part` (1, 2, …): each holds at most about `partBytes`. */
  documentsFile(part: number): string
  /** The document lines of the next record (positions count from 0 in call order). */
  add(record: IndexRecord): string
  /**
   * The settings or schema file (with the aliases as synonyms; Typesense's
   * in `synonyms.json`), `facets.json` (labels, aliases and names: see
   * `FacetNames`) and the README, once every record is added.
   */
  finish(documentFiles: readonly string[]): readonly ExportFile[]
}

/** Largest documents file: under the engines' default request size limits (100 MB). */
export const partBytes = 40 * 1024 * 1024

const names = /^[a-z0-9][a-z0-9_-]{0,62}$/

/**
 * Start an export for `engine`.
 *
 * @example
 * const out = createEngineExport('meilisearch', { name: 'battles', options: builder.options, generator: 'infobox-search@0.1.0' })
 * const lines = records.map((record) => out.add(record)).join('')
 * const files = out.finish([out.documentsFile(1)])
 * @throws {OptionsError} `ERR_INVALID_OPTION` for a name the engines do not all accept.
 */
export function createEngineExport(engine: EngineName, settings: EngineExportOptions): EngineExport {
  const name = settings.name ?? 'infobox_search'
  if (!names.test(name)) {
    throw new OptionsError(
      'ERR_INVALID_OPTION',
      `infobox-search: the index name must be lower-case letters, digits, "_" and "-" (at most 63, not starting with "_" or "-"), received ${JSON.stringify(name)}.`,
      {
        expected: 'an index name such as infobox_search',
        received: name,
      },
    )
  }
  const presentYear = settings.presentYear ?? new Date().getUTCFullYear()
  let position = 0
  let placeLevels = 0
  // The facet tables the static index would build: labels, aliases and names come from them.
  const tables = createFacetTables(engineFacets(settings.options))
  const extension = engine === 'typesense' ? 'jsonl' : 'ndjson'
  return {
    documentsFile: (part) => `documents-${String(part).padStart(4, '0')}.${extension}`,
    add(record) {
      addRecordFacets(tables, record, position, settings.options.facets)
      const document = engineDocument(record, position++, settings.options, presentYear)
      placeLevels = Math.max(placeLevels, record.facets.placeHierarchy.length)
      if (engine === 'opensearch') return openSearchBulkLines(document, name)
      return engine === 'meilisearch' ? meilisearchDocumentLine(document) : typesenseDocumentLine(document)
    },
    finish(documentFiles) {
      const facetFields = [
        ...engineFacets(settings.options).map((facet) => `facet_${facet}`),
        ...Array.from({ length: placeLevels }, (_, level) => `facet_place_level_${level}`),
      ]
      const names = facetNamesOf(tables.finish())
      const synonyms = aliasSynonyms(names)
      const settingsFiles: [string, unknown][] =
        engine === 'opensearch'
          ? [['index.json', openSearchIndexBody(synonyms)]]
          : engine === 'meilisearch'
            ? [['settings.json', meilisearchSettings(facetFields, synonyms)]]
            : [
                ['schema.json', typesenseSchema(name, synonyms.length > 0)],
                ...(synonyms.length > 0 ? [['synonyms.json', typesenseSynonyms(synonyms)] as [string, unknown]] : []),
              ]
      const context = {
        engine,
        name,
        documents: position,
        documentFiles,
        generator: settings.generator,
        options: settings.options,
        presentYear,
      }
      return [
        ...settingsFiles.map(([file, body]) => ({ file, content: `${JSON.stringify(body, null, 2)}\n` })),
        { file: 'facets.json', content: facetNamesJson(names) },
        { file: 'README.md', content: readme[engine]({ ...context, synonyms: synonyms.length }) },
      ]
    },
  }
}

/** Where each engine's documents keep the coordinates besides \`lat\` and \`lon\`. */
const geoFields: Readonly<Record<EngineName, string>> = {
  opensearch: '`location`: the same point as a `geo_point` (areas and distances).',
  meilisearch: '`_geo`: the same point as `{ lat, lng }` (areas and distances).',
  typesense:
    '`location`: the same point as a `geopoint` `[lat, lon]` (radii and distances); boxes filter `lat` and `lon`.',
}

/** What each engine's translation does with the coordinates. */
const geoQueries: Readonly<Record<EngineName, string>> = {
  opensearch:
    "A coordinates box is a `geo_bounding_box` (west > east crosses the antimeridian), a radius a `geo_distance` (`arc`), `sort: 'distance'` a `_geo_distance` sort; the coordinates facet is a grid of `histogram` aggregations of `lat`, then `lon`, with `avg` means.",
  meilisearch:
    "A coordinates box is a `_geoBoundingBox` (two across the antimeridian), a radius a `_geoRadius` (metres), `sort: 'distance'` a `_geoPoint(lat, lng):asc` sort; Meilisearch cannot count points in grid cells, so the coordinates facet is refused.",
  typesense:
    "A coordinates box is a range of `lat` and `lon` (a polygon's edges would be great circles, not parallels), a radius `location:(lat, lon, r km)`, `sort: 'distance'` a `location(lat, lon):asc` sort; Typesense cannot count points in grid cells, so the coordinates facet is refused.",
}

interface ReadmeContext {
  readonly engine: EngineName
  readonly name: string
  readonly documents: number
  readonly documentFiles: readonly string[]
  readonly generator: string
  readonly options: IndexOptions
  readonly presentYear: number
  /** Aliases written as synonyms. */
  readonly synonyms: number
}

const heading = (engine: string, c: ReadmeContext, files: string) => `# ${c.name}: ${engine} export

Written by ${c.generator} from ${c.documents} article(s) (body profile \`${c.options.body}\`${c.options.facets.length > 0 ? `, extra facets ${c.options.facets.join(', ')}` : ''}).

**Not tested against a live server.** These files and the queries of \`infobox-search/export\` are
checked against golden copies and against the official client's TypeScript types only; no
${engine} server runs in this project's tests. Try them on a copy first.

Files: ${files}.
`

const fields = (c: ReadmeContext) => `
## Fields

- \`title\`, \`shortDescription\`, \`description\`, \`infobox\`, \`custom\`, \`body\`: the searched text (weights: title ${c.options.boost.title}, short description ${c.options.boost.shortDescription}, description ${c.options.boost.description}, infobox ${c.options.boost.infobox}, custom ${c.options.boost.custom}, body ${c.options.boost.body}); \`custom\` is the text of the front-matter fields ${c.options.fields.length > 0 ? c.options.fields.map((f) => `\`${f}\``).join(', ') : '(none were named: `--field`)'}, only in articles that have some.
- \`id\`, \`position\` (build order, the tie-break of every sort), \`image\`, \`date\`, \`place\` (as written): stored; \`fields\`: the app's own front-matter fields ${c.options.store.length > 0 ? c.options.store.map((f) => `\`${f}\``).join(', ') : '(none were named: `--store`)'}, stored as written, a hit's \`fields\`.
- \`facet_<name>\`: keyword lists (${engineFacets(c.options)
  .map((f) => `\`facet_${f}\``)
  .join(
    ', ',
  )}; \`facet_country\` holds ISO 3166-1 codes, their names are in \`facets.json\`); \`facet_place_level_<n>\`: one level of the place hierarchy (0 = country).
- \`lat\`, \`lon\`: the infobox's coordinates in degrees, four decimals, in the articles that have them; ${geoFields[c.engine]}
- \`date_start\`, \`date_end\`: the interval as day keys (\`year × 10000 + month × 100 + day\`, negative for BC: 490 BC is -4899899 to -4898769); an ongoing conflict ends at 2147483647. A filter from \`F\` to \`T\` (day keys) is \`date_start ≤ T and date_end ≥ F\`.
- \`date_year\`, \`date_decade\`, \`date_century\`: the histogram buckets the interval touches, numbered as infobox-search does (0 = AD 1 / the 0s / the 1st century, -1 = 1 BC / the 0s BC / the 1st century BC); ongoing conflicts up to ${c.presentYear}, the year of the export.

- \`facets.json\`: per facet, the display \`labels\` of its values (show \`labels[value]\` for a count when there is one) and their \`aliases\` (every other form the articles write a value in, with how often), and \`names\`, the names a filter or a query may use for values (\`[name, facet, values, label, isValueName]\` rows). ${c.synonyms > 0 ? `${c.synonyms} alias(es) are also query synonyms (a query for an alias also finds the names of the values it stands for); aliases of one or two letters and stop words are not.` : 'No value has an alias.'}

## Queries

\`infobox-search/export\` translates \`search\` options (query, filters, facets, date overlap, coordinates, sort, paging) into this engine's request, with disjunctive facet counts: see the function below in the package's README. ${geoQueries[c.engine]} A hit's \`distance\` from \`near\` is \`distanceKm(near, { lat, lon })\` (exported by \`infobox-search\`), rounded to 0.1 km, as \`search\` gives it. Given \`names\` (this \`facets.json\`, parsed), a filter may name a value by its label or an alias, and the request carries the \`suggestedFilters\` the query names (times need no file).
`

const loop = (files: readonly string[], command: string) => `for file in ${files.join(' ')}; do\n  ${command}\ndone`

const readme: Readonly<Record<EngineName, (c: ReadmeContext) => string>> = {
  opensearch: (
    c,
  ) => `${heading('OpenSearch / Elasticsearch', c, `\`index.json\` (settings and mapping), \`facets.json\`, ${c.documentFiles.map((f) => `\`${f}\``).join(', ')} (\`_bulk\` format)`)}
## Load

\`\`\`sh
OPENSEARCH=http://localhost:9200            # Elasticsearch 8: https://localhost:9200 and -u elastic:PASSWORD on each curl
curl -fsS -XDELETE "$OPENSEARCH/${c.name}"   # only when reloading
curl -fsS -XPUT "$OPENSEARCH/${c.name}" -H 'Content-Type: application/json' --data-binary @index.json
${loop(c.documentFiles, `curl -fsS -XPOST "$OPENSEARCH/_bulk" -H 'Content-Type: application/x-ndjson' --data-binary "@$file" | grep -q '"errors":false' || echo "$file: some documents failed"`)}
curl -fsS -XPOST "$OPENSEARCH/${c.name}/_refresh"
\`\`\`
${fields(c)}
\`toOpenSearchRequest(query, options, { index: '${c.name}'${c.options.facets.length ? `, facets: ${JSON.stringify(c.options.facets)}` : ''} })\` gives the \`index\` and \`body\` of \`client.search\`.
`,
  meilisearch: (
    c,
  ) => `${heading('Meilisearch', c, `\`settings.json\`, \`facets.json\`, ${c.documentFiles.map((f) => `\`${f}\``).join(', ')} (NDJSON; primary key \`key\`, the id with other characters than letters, digits and \`-\` written \`_xx\`)`)}
## Load

\`\`\`sh
MEILI=http://localhost:7700
KEY=your-master-or-admin-key
curl -fsS -XPOST "$MEILI/indexes" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data '{"uid":"${c.name}","primaryKey":"key"}'
curl -fsS -XPATCH "$MEILI/indexes/${c.name}/settings" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @settings.json
${loop(c.documentFiles, `curl -fsS -XPOST "$MEILI/indexes/${c.name}/documents?primaryKey=key" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/x-ndjson' --data-binary "@$file"`)}
# Each call returns a task; check that it succeeded: curl -fsS "$MEILI/tasks?indexUids=${c.name}" -H "Authorization: Bearer $KEY"
\`\`\`
${fields(c)}
\`toMeilisearchRequest(query, options, { index: '${c.name}'${c.options.facets.length ? `, facets: ${JSON.stringify(c.options.facets)}` : ''} })\` gives the \`queries\` of \`client.multiSearch\` and what each answers.
`,
  typesense: (
    c,
  ) => `${heading('Typesense', c, `\`schema.json\` (the collection)${c.synonyms > 0 ? ', `synonyms.json` (the synonym set of the aliases)' : ''}, \`facets.json\`, ${c.documentFiles.map((f) => `\`${f}\``).join(', ')} (JSONL)`)}
## Load

\`\`\`sh
TYPESENSE=http://localhost:8108
KEY=your-admin-api-key
curl -fsS -XDELETE "$TYPESENSE/collections/${c.name}" -H "X-TYPESENSE-API-KEY: $KEY"   # only when reloading
${c.synonyms > 0 ? `curl -fsS -XPUT "$TYPESENSE/synonym_sets/${c.name}-aliases" -H "X-TYPESENSE-API-KEY: $KEY" -H 'Content-Type: application/json' --data-binary @synonyms.json   # Typesense 30 or newer\n` : ''}curl -fsS -XPOST "$TYPESENSE/collections" -H "X-TYPESENSE-API-KEY: $KEY" -H 'Content-Type: application/json' --data-binary @schema.json
${loop(c.documentFiles, `curl -fsS -XPOST "$TYPESENSE/collections/${c.name}/documents/import?action=create" -H "X-TYPESENSE-API-KEY: $KEY" -H 'Content-Type: text/plain' --data-binary "@$file" | grep -v '"success":true' || true`)}
\`\`\`
${fields(c)}
\`toTypesenseRequest(query, options, { index: '${c.name}'${c.options.facets.length ? `, facets: ${JSON.stringify(c.options.facets)}` : ''} })\` gives the \`searches\` of \`client.multiSearch.perform\` and what each answers.
`,
}
