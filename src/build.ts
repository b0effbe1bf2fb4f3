// infobox-search/build: parse articles, extract text and facets, build and
// serialize indexes, read files and write them atomically (Node).
export { parseArticle, safeParseArticle } from './parse/parseArticle.js'
export type { ParseArticleOptions, ParseArticleResult } from './parse/parseArticle.js'
export type {
  Article,
  ArticleFieldValue,
  Diagnostic,
  DiagnosticSeverity,
  Infobox,
  InfoboxField,
  Link,
} from './parse/article.js'
export { toPlainText } from './extract/toPlainText.js'
export type { PlainSection, PlainText } from './extract/toPlainText.js'
export { selectBody } from './extract/selectBody.js'
export type { BodyProfile } from './core/options.js'
export { extractRecord } from './extract/extractRecord.js'
export { extractFacets } from './extract/extractFacets.js'
export type { CombatantValue, IndexRecord, RecordFacets } from './extract/record.js'
export { extractPlaces } from './extract/facets/places.js'
export type { PlaceFacet } from './extract/facets/places.js'
export { extractCombatants } from './extract/facets/combatants.js'
export { extractFieldValues } from './extract/facets/fieldValues.js'
export type { FacetValue } from './extract/facets/fieldValues.js'
export { findConflictInfobox, inferInfoboxKind } from './extract/facets/kind.js'
export type { InfoboxKind } from './extract/facets/kind.js'
export { buildIndex, createIndexBuilder } from './builder/buildIndex.js'
export type { IndexBuilder } from './builder/buildIndex.js'
export type { FieldTerms, RecordTerms } from './extract/countTerms.js'
export { defaultIndexOptions, resolveIndexOptions, searchFields } from './core/options.js'
export type { BuildIndexOptions } from './core/options.js'
export { serializeIndex, serializeIndexChunks, toEnvelope } from './builder/serializeIndex.js'
export { chunkIndex } from './builder/chunkIndex.js'
export type { ChunkFile, ChunkIndexOptions } from './builder/chunkIndex.js'
export { writeChunkedIndex } from './node/writeChunkedIndex.js'
export type { ChunkedWriteResult } from './node/writeChunkedIndex.js'
export type { SerializeChunksOptions } from './builder/serializeIndex.js'
export { findArticleFiles, listArticleFiles } from './node/listArticleFiles.js'
export type { ArticleFile, FindArticleFilesOptions, FoundArticleFiles } from './node/listArticleFiles.js'
export { readArticleFile } from './node/readArticleFile.js'
export type { ReadArticleResult } from './node/readArticleFile.js'
export { writeFileAtomic } from './node/writeFileAtomic.js'
export { FileSystemError, FrontMatterError, isFrontMatterError } from './core/errors.js'
export { version } from './core/version.js'
