// infobox-search/postgres (Node): the same records, facets and search API
// over a PostgreSQL table. Needs the `pg` and `pg-copy-streams` packages.
export { createPostgresSearch } from './postgres/createPostgresSearch.js'
export type { PostgresSearch, PostgresSearchOptions } from './postgres/createPostgresSearch.js'
export { exportToPostgres } from './postgres/exportToPostgres.js'
export type { ExportToPostgresOptions, ExportToPostgresResult } from './postgres/exportToPostgres.js'
export { createSearchHandler } from './postgres/searchHandler.js'
export type { SearchHandler, SearchHandlerOptions } from './postgres/searchHandler.js'
export { DatabaseError, isDatabaseError } from './postgres/databaseError.js'
export type { DatabaseErrorCode } from './postgres/databaseError.js'
export type { Queryable } from './postgres/connect.js'
export { defaultTable } from './postgres/tableNames.js'
