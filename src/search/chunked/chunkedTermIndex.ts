import { chunkPaths, type ChunkedManifest, type PostingsChunk } from '../../core/chunkedFormat.js'
import { lowerBound, type FieldPostings, type TermIndex } from '../engine/termIndex.js'
import { checkDictionaryChunk, checkPostingsChunk, decodePostings } from './checkChunk.js'
import type { ChunkStore } from './chunkStore.js'

/** The decoded postings of the chunks read so far, per chunk file: decoding happens once per term. */
export type DecodedPostings = Map<string, Map<string, readonly FieldPostings[]>>

/**
 * The term index of a chunked index, over the chunks fetched so far. What a
 * query asks for that is in a chunk not fetched yet is added to `missing`
 * (and answered as absent): the search fetches those and evaluates again,
 * until nothing is missing. The answers are then those of the whole index.
 */
export function createChunkedTermIndex(
  manifest: ChunkedManifest,
  store: ChunkStore,
  decoded: DecodedPostings,
  missing: Set<string>,
): TermIndex {
  const { first } = manifest.terms
  const files = manifest.terms.hashes.map(chunkPaths.terms)
  const dictionaryFiles = manifest.dictionary.hashes.map(chunkPaths.dictionary)
  /** The postings chunk whose run holds `term` (the last whose first term is not after it). */
  const chunkOf = (term: string): number => {
    const at = lowerBound(first, term)
    return first[at] === term ? at : at - 1
  }
  const chunkAt = (at: number): PostingsChunk | undefined => {
    const file = files[at] as string
    const chunk = store.get(file)
    if (chunk === undefined) {
      missing.add(file)
      return undefined
    }
    // Checked once, when first read: its entry in `decoded` says it was.
    if (!decoded.has(file)) {
      checkPostingsChunk(chunk, file, first[at] as string, first[at + 1])
      decoded.set(file, new Map<string, readonly FieldPostings[]>())
    }
    return chunk as PostingsChunk
  }

  return {
    documentCount: manifest.documentCount,
    averageFieldLength: manifest.averageFieldLength,
    postings(term) {
      const at = chunkOf(term)
      const chunk = chunkAt(at)
      if (chunk === undefined) return undefined
      const position = lowerBound(chunk.terms, term)
      if (chunk.terms[position] !== term) return undefined
      const file = files[at] as string
      const terms = decoded.get(file) as Map<string, readonly FieldPostings[]>
      let postings = terms.get(term)
      if (postings === undefined)
        terms.set(term, (postings = decodePostings(chunk.postings[position], file, manifest.documentCount)))
      return postings
    },
    termsWithPrefix(prefix, limit) {
      const found: string[] = []
      const start = chunkOf(prefix)
      for (let at = start; at < files.length && found.length < limit; at++) {
        // A later chunk can hold more of them only if it starts with the prefix.
        if (at > start && !(first[at] as string).startsWith(prefix)) break
        const chunk = chunkAt(at)
        if (chunk === undefined) break
        for (
          let position = lowerBound(chunk.terms, prefix);
          position < chunk.terms.length && found.length < limit;
          position++
        ) {
          const term = chunk.terms[position] as string
          if (!term.startsWith(prefix)) return found
          found.push(term)
        }
      }
      return found
    },
    termsOfLength(unit, minLength, maxLength) {
      const keys = manifest.dictionary.first
      const found: string[] = []
      let complete = true
      for (let at = dictionaryStart(keys, unit, minLength); at < keys.length; at++) {
        const key = keys[at]
        if (key === undefined || compareKeys(key, [unit, maxLength + 1, '']) >= 0) break
        const file = dictionaryFiles[at] as string
        const stored = store.get(file)
        if (stored === undefined) {
          missing.add(file)
          complete = false
          continue
        }
        for (const term of checkDictionaryChunk(stored, file).terms) {
          if (term.slice(0, 1) === unit && term.length >= minLength && term.length <= maxLength) found.push(term)
        }
      }
      return complete ? found : []
    },
  }
}

type DictionaryKey = readonly [unit: string, length: number, term: string]

/** The dictionary chunk that holds the first term of `unit` with length `minLength` or more. */
function dictionaryStart(keys: readonly DictionaryKey[], unit: string, minLength: number): number {
  const target: DictionaryKey = [unit, Math.max(0, minLength), '']
  let low = 0
  let high = keys.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compareKeys(keys[middle] as DictionaryKey, target) <= 0) low = middle + 1
    else high = middle
  }
  return Math.max(0, low - 1)
}

/** The dictionary's order: first unit, then length, then term. */
function compareKeys(a: DictionaryKey, b: DictionaryKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  return a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)
}
