// Seeded pseudo-random numbers (mulberry32): the same seed always gives the
// same sequence, on every platform, so generated corpora are byte-identical.

/** A random source: `next()` in [0, 1) plus a few helpers. */
export function createRandom(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min, max) => min + Math.floor(next() * (max - min + 1))
  const pick = (list) => list[Math.floor(next() * list.length)]
  const chance = (p) => next() < p
  /** `k` distinct items of `list`, in list order. */
  const sample = (list, k) => {
    const chosen = new Set()
    const n = Math.min(k, list.length)
    while (chosen.size < n) chosen.add(Math.floor(next() * list.length))
    return [...chosen].sort((a, b) => a - b).map((i) => list[i])
  }
  /** Index into `weights` chosen proportionally to the weights. */
  const weighted = (weights) => {
    const total = weights.reduce((a, b) => a + b, 0)
    let r = next() * total
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i
    return weights.length - 1
  }
  return { next, int, pick, chance, sample, weighted }
}

/** A 32-bit seed derived from a seed and a label, for independent streams. */
export function deriveSeed(seed, label) {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0
  return h
}
