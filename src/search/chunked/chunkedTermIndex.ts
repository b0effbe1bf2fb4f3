import { chunkPaths, type ChunkedManifest, type PostingsChunk } from '../../core/chunkedFormat.js'
import { lowerBound, namesAtMost, type FieldPostings, type TermIndex } from '../engine/termIndex.js'
import { checkPostingsChunk, checkTypoFile, decodePostings } from './checkChunk.js'
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
  const chunkOf = (term: string): number => chunkOfTerm(first, term)
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
    heldByAtMost(term, count) {
      // Not known until the term's chunk is here: `postings` records it as missing.
      const postings = this.postings(term)
      return postings === undefined && store.get(files[chunkOf(term)] as string) === undefined
        ? undefined
        : namesAtMost(postings, count)
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
      const found: string[] = []
      let complete = true
      for (const { at, shortest, longest } of typoFiles(manifest.dictionary.ranges, unit, minLength, maxLength)) {
        const file = dictionaryFiles[at] as string
        const stored = store.get(file)
        if (stored === undefined) {
          missing.add(file)
          complete = false
          continue
        }
        for (const term of checkTypoFile(stored, file, manifest.dictionary.ranges[at] as TypoRange).terms) {
          if (term.length >= shortest && term.length <= longest) found.push(term)
        }
      }
      return complete ? found : []
    },
  }
}

/** The postings chunk whose run holds `term` (the last whose first term is not after it; `first` starts with `''`). */
export function chunkOfTerm(first: readonly string[], term: string): number {
  const at = lowerBound(first, term)
  return first[at] === term ? at : at - 1
}

type TypoRange = readonly [unit: string, shortest: number, longest: number]

/** A typo file to read (`at` in the manifest's list) and the lengths to take from it. */
interface TypoRead {
  readonly at: number
  readonly shortest: number
  readonly longest: number
}

/**
 * The typo files to read for the terms of `unit` from `minLength` to
 * `maxLength` units long: the one file whose range holds them all (the
 * narrowest), else files that cover them from the shortest up, each for the
 * lengths no earlier one gave (a length no file holds has no terms).
 */
export function typoFiles(
  ranges: readonly TypoRange[],
  unit: string,
  minLength: number,
  maxLength: number,
): TypoRead[] {
  const unitRanges: TypoRead[] = []
  for (let at = lowerBoundOfUnit(ranges, unit); ranges[at]?.[0] === unit; at++) {
    const [, shortest, longest] = ranges[at] as TypoRange
    unitRanges.push({ at, shortest, longest })
  }
  // The unit's terms are from its first range's shortest to its longest range's end.
  const low = Math.max(minLength, unitRanges[0]?.shortest ?? Infinity)
  const high = Math.min(maxLength, Math.max(...unitRanges.map((range) => range.longest)))
  if (low > high) return []
  const width = (range: TypoRead) => range.longest - range.shortest
  const holding = unitRanges
    .filter((range) => range.shortest <= low && range.longest >= high)
    .sort((a, b) => width(a) - width(b))[0]
  if (holding !== undefined) return [{ at: holding.at, shortest: low, longest: high }]
  const reads: TypoRead[] = []
  for (let length = low; length <= high;) {
    const best = unitRanges
      .filter((range) => range.shortest <= length && range.longest >= length)
      .sort((a, b) => b.longest - a.longest)[0]
    if (best === undefined) {
      length++
      continue
    }
    reads.push({ at: best.at, shortest: length, longest: Math.min(high, best.longest) })
    length = best.longest + 1
  }
  return reads
}

/** The first range of `unit` (ranges are sorted by unit). */
function lowerBoundOfUnit(ranges: readonly TypoRange[], unit: string): number {
  let low = 0
  let high = ranges.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((ranges[middle] as TypoRange)[0] < unit) low = middle + 1
    else high = middle
  }
  return low
}
