import { createIndexBuilder } from '../index/buildIndex.js'
import type { BuildIndexOptions } from '../index/options.js'
import { listArticleFiles } from '../node/listArticleFiles.js'
import { readArticleFile } from '../node/readArticleFile.js'
import { writeFileAtomic } from '../node/writeFileAtomic.js'
import type { Diagnostic } from '../parse/article.js'
import { serializeIndex } from '../serialize/serializeIndex.js'
import type { CliValues } from './main.js'
import { UsageError } from './usage.js'

/** `infobox-search build`: read, parse, extract, index, serialize, write atomically. */
export async function runBuild(inputs: readonly string[], values: CliValues): Promise<number> {
  if (inputs.length === 0) throw new UsageError('build needs at least one directory, file or glob')
  const out = values.out
  if (out === undefined) throw new UsageError('build needs --out <file>')
  const started = performance.now()
  const builder = createIndexBuilder(buildOptions(values))
  const files = await listArticleFiles(inputs)
  const owners = new Map<string, string>()
  let skipped = 0
  let warnings = 0
  for (const file of files) {
    const result = await readArticleFile(file)
    const problems = result.diagnostics.filter((d) => d.severity === 'error')
    if (result.article === undefined) {
      skipped++
      print(problems, values)
      continue
    }
    const record = builder.extract(result.article)
    const owner = owners.get(record.id)
    if (owner !== undefined) {
      process.stderr.write(`infobox-search: ${owner} and ${file.path} both have the id "${record.id}"; give one of them another "id" in its front matter. No index was written.\n`)
      return 1
    }
    owners.set(record.id, file.path)
    const notes = record.diagnostics.map((d) => ({ ...d, file: d.file ?? file.path }))
    warnings += notes.length
    if (values.quiet !== true) print(notes, values)
    builder.add(record)
  }
  const json = serializeIndex(builder.finish())
  if (values.strict === true && skipped > 0) {
    process.stderr.write(`infobox-search: ${skipped} article(s) could not be indexed (--strict); no index was written.\n`)
    return 1
  }
  await writeFileAtomic(out, json)
  if (values.quiet !== true) {
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    process.stderr.write(
      `infobox-search: indexed ${owners.size} article(s), skipped ${skipped}, ${warnings} warning(s), in ${seconds} s → ${out} (${formatBytes(Buffer.byteLength(json))})\n`,
    )
  }
  return 0
}

function buildOptions(values: CliValues): BuildIndexOptions {
  const options: { -readonly [K in keyof BuildIndexOptions]: BuildIndexOptions[K] } = {}
  if (values.body !== undefined) options.body = values.body as BuildIndexOptions['body'] & string
  if (values.facet !== undefined) options.facets = values.facet.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean)
  if (values['max-body-length'] !== undefined) options.maxBodyLength = Number(values['max-body-length'])
  return options
}

function print(diagnostics: readonly Diagnostic[], values: CliValues): void {
  for (const d of diagnostics) {
    if (d.severity === 'warning' && values.quiet === true) continue
    const text = d.message.startsWith('Cannot') ? d.message : `${d.file ?? ''}: ${d.message}`
    process.stderr.write(`${d.severity}: ${text} [${d.code}]\n`)
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
