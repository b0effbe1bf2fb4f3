#!/usr/bin/env node
// The worst queries we know of, timed: hostile query texts (at most 500
// characters, the most the engine reads) with the heaviest valid options,
// against built index files. Prints a Markdown table (the README's "Limits"
// section quotes it); tests never assert on time, this script does not either.
//
//   npm run build
//   node dist/cli.js build bench/out/corpus-10000 --out /tmp/10k.json
//   node --expose-gc bench/worstQueries.mjs /tmp/2k.json /tmp/10k.json [--runs 3]
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readArgs, toInt } from './lib/args.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const { loadIndex } = await import(path.join(here, '..', 'dist', 'index.js'))
const { runs: runsText = '3', _: positionals } = readArgs(process.argv.slice(2), { runs: { type: 'string' } })
const runs = toInt(runsText, 'runs')

/** Query texts built from the index itself: the terms and prefixes that cost it most. */
function hostileQueries(index) {
  const { entries } = index.data.terms
  const all = [...entries()]
  const docsOf = ([, fields]) => Object.values(fields).reduce((sum, docs) => sum + Object.keys(docs).length, 0)
  const byPostings = all.map((entry) => [entry[0], docsOf(entry)]).sort((a, b) => b[1] - a[1])
  // Two-letter prefixes by the postings of the 100 terms each expands to.
  const prefixes = new Map()
  for (const [term, size] of byPostings) {
    if (term.length < 2) continue
    const prefix = term.slice(0, 2)
    const [count = 0, total = 0] = prefixes.get(prefix) ?? []
    if (count < 100) prefixes.set(prefix, [count + 1, total + size])
  }
  const heavyPrefixes = [...prefixes].sort((a, b) => b[1][1] - a[1][1]).map(([prefix]) => prefix)
  const upTo500 = (words) => {
    let text = ''
    for (const word of words) {
      if (text.length + word.length + 1 > 500) break
      text += `${word} `
    }
    return text.trim()
  }
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  return {
    'one-letter terms ×250': Array.from({ length: 250 }, (_, i) => letters[i % 26]).join(' '),
    "'b ' ×250": 'b '.repeat(250),
    'two-letter terms, distinct': upTo500(
      Array.from({ length: 676 }, (_, i) => letters[i % 26] + letters[(i / 26) | 0]),
    ),
    'the most frequent terms': upTo500(byPostings.map(([term]) => term)),
    'two-letter prefixes of the most postings': upTo500(heavyPrefixes),
    'frequent 5–7-letter terms (fuzzy candidates)': upTo500(
      byPostings.filter(([term]) => term.length >= 5 && term.length <= 7).map(([term]) => term),
    ),
    'one 500-letter word': 'a'.repeat(500),
    '500 characters of symbols and digits': '1 2 3 ' + '%$#@!'.repeat(98),
  }
}

/** The heaviest valid options: every expansion, every document on one page, every facet counted. */
function heavyOptions(index) {
  const facets = Object.fromEntries(
    index.facetNames.map((name) => [name, name === 'date' ? { interval: 'year' } : { limit: 1_000_000 }]),
  )
  const all = { limit: index.documentCount, snippetLength: 1_000_000, facets }
  // Typo matches of every word, however common (by default a word in more than 100 articles gets none).
  const fuzzy2 = { prefix: true, fuzzy: 2, fuzzyMaxDocuments: Infinity }
  return {
    defaults: {},
    'prefix + fuzzy 2': fuzzy2,
    'prefix + fuzzy 2, AND': { ...fuzzy2, combineWith: 'AND' },
    'prefix + fuzzy 2, every hit, every facet': { ...fuzzy2, ...all },
    'prefix + fuzzy 2, every hit, sorted by date': { ...fuzzy2, ...all, sort: 'date' },
  }
}

/**
 * Wall and CPU time of `work` (the CPU time of the process, GC threads included:
 * on a shared machine it varies far less than the wall time), and heap growth.
 */
function time(work) {
  globalThis.gc?.()
  const heap = process.memoryUsage().heapUsed
  const cpu = process.cpuUsage()
  const started = performance.now()
  const result = work()
  const wall = performance.now() - started
  const { user, system } = process.cpuUsage(cpu)
  return { ms: (user + system) / 1000, wall, heap: process.memoryUsage().heapUsed - heap, result }
}

console.log(
  `Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores; ` +
    `each cell: CPU time of the slowest of ${runs} runs (the quickest wall time in brackets).\n`,
)
for (const file of positionals) {
  const loaded = time(() => loadIndex(readFileSync(file, 'utf8')))
  const index = loaded.result
  console.log(`### ${path.basename(file)}: ${index.documentCount} articles, loaded in ${Math.round(loaded.ms)} ms\n`)
  const optionSets = heavyOptions(index)
  console.log(`| query | ${Object.keys(optionSets).join(' | ')} |`)
  console.log(`| --- |${' ---: |'.repeat(Object.keys(optionSets).length)}`)
  let worst = { ms: 0 }
  for (const [name, query] of Object.entries(hostileQueries(index))) {
    const cells = []
    for (const [optionName, options] of Object.entries(optionSets)) {
      let slowest = { ms: 0, heap: 0 }
      let quickest = Infinity
      for (let run = 0; run < runs; run++) {
        const measured = time(() => index.search(query, options))
        if (measured.ms > slowest.ms) slowest = measured
        quickest = Math.min(quickest, measured.wall)
      }
      if (slowest.ms > worst.ms) worst = { ...slowest, name, optionName }
      cells.push(`${slowest.ms.toFixed(0)} ms (${quickest.toFixed(0)})`)
    }
    const suggested = time(() => index.suggest(query))
    console.log(`| ${name} (${query.length} chars; suggest ${suggested.ms.toFixed(0)} ms) | ${cells.join(' | ')} |`)
  }
  console.log(
    `\nWorst: ${worst.ms.toFixed(0)} ms CPU (${worst.name}, ${worst.optionName}), heap +${Math.round(worst.heap / 1e6)} MB; RSS now ${Math.round(process.memoryUsage().rss / 1e6)} MB.\n`,
  )
}
