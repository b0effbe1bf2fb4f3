// The generated corpora, shared by every benchmark script: bench/out/corpus-<n>/.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { corpusFingerprint, defaultSources, generateCorpus } from '../generateCorpus.mjs'

/** `<root>/corpus-<count>`, generated (again) unless its fingerprint matches count, seed and sources. */
export function ensureCorpus({ root, count, seed, log = () => {} }) {
  const dir = path.join(root, `corpus-${count}`)
  const metaFile = path.join(dir, 'corpus.json')
  const expected = corpusFingerprint({ count, seed, sources: defaultSources })
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'))
    if (meta.fingerprint === expected) return { dir, meta }
  }
  log(`generating corpus-${count} (seed ${seed}) …`)
  const meta = generateCorpus({ count, seed, out: dir, log })
  return { dir, meta }
}
