// The few library internals that the PostgreSQL entry shares with the static
// index and that no public entry exports: the search options check (so both
// back ends accept and refuse exactly the same options, with the same
// messages) and MiniSearch's tokenizer (so both index exactly the same terms).
// Kept in this one file so that moving them elsewhere touches one import.
export { invalid, resolveSearchOptions } from '../search/searchOptions.js'
export type { ResolvedSearchOptions } from '../search/searchOptions.js'
export { tokenize } from '../index/schema.js'
export { version } from '../version.js'
