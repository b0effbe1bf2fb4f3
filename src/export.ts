// infobox-search/export: the records of `build` as documents, settings and
// queries for OpenSearch/Elasticsearch, Meilisearch and Typesense. Plain
// functions over data (no server is contacted); the CLI writes the files
// (`infobox-search export <dir> --to opensearch --out <dir>`).
export { createEngineExport, engines, partBytes } from './export/engineExport.js'
export type { EngineExport, EngineExportOptions, EngineName, ExportFile } from './export/engineExport.js'
export { engineDocument, ongoingEnd } from './export/engineDocument.js'
export type { EngineDocument } from './export/engineDocument.js'
export type { EngineSearchSettings } from './export/enginePlan.js'
export { aliasSynonyms, facetNamesFormat } from './export/facetNames.js'
export type { FacetNames } from './export/facetNames.js'
export { openSearchBulkLines, openSearchIndexBody, signalBoost, toOpenSearchRequest } from './export/openSearch.js'
export type { OpenSearchRequest } from './export/openSearch.js'
export {
  meilisearchDocumentLine,
  meilisearchKey,
  meilisearchSettings,
  toMeilisearchRequest,
} from './export/meilisearch.js'
export type { MeilisearchQuery, MeilisearchRequest } from './export/meilisearch.js'
export {
  toTypesenseRequest,
  typesenseDocumentLine,
  typesenseSchema,
  typesenseSynonyms,
  typesenseSynonymSet,
} from './export/typesense.js'
export type { TypesenseRequest, TypesenseSearch } from './export/typesense.js'
