// Licence notices for the third-party code that the build bundles into dist/
// (MiniSearch in dist/browser.js; unified, remark, micromark… in the CommonJS
// build). tsup.config.ts collects esbuild's metafile of every build with
// `bundledPackagesPlugin` and writes dist/THIRD_PARTY_LICENSES.md with
// `writeThirdPartyNotices`; test/notices.test.ts checks the file against a
// fresh build's metafiles.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Metafile, Plugin } from 'esbuild'

/** A package whose code is in at least one output file. */
export interface BundledPackage {
  readonly name: string
  readonly version: string
  /** The SPDX expression of its package.json. */
  readonly license: string
  readonly repository: string | undefined
  /** Its licence file(s), verbatim; empty when the package ships none. */
  readonly licenseTexts: readonly string[]
  /** Output files (relative to the working directory, `dist/…`) that contain its code. */
  readonly files: readonly string[]
}

/** Output file → the package folders (`node_modules/unified`) with bytes in it. */
export type BundledFolders = ReadonlyMap<string, ReadonlySet<string>>

/**
 * For each JavaScript output of one esbuild build, the `node_modules` package
 * folders that contributed bytes to it (tree-shaken modules do not count).
 */
export function bundledFolders(metafile: Metafile): BundledFolders {
  const folders = new Map<string, Set<string>>()
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (output.endsWith('.map')) continue
    const found = new Set<string>()
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const folder = packageFolder(input)
      if (folder !== undefined && bytesInOutput > 0) found.add(folder)
    }
    folders.set(output.split(path.sep).join('/'), found)
  }
  return folders
}

/**
 * An esbuild plugin that hands `bundledFolders` of each finished build to
 * `record`. Metafile paths are relative to the working directory.
 */
export function bundledPackagesPlugin(record: (folders: BundledFolders) => void): Plugin {
  return {
    name: 'bundled-packages',
    setup(build) {
      build.initialOptions.metafile = true
      build.onEnd((result) => {
        if (result.metafile !== undefined) record(bundledFolders(result.metafile))
      })
    },
  }
}

/** `node_modules/@scope/name/lib/x.js` → `node_modules/@scope/name` (the innermost node_modules). */
export function packageFolder(input: string): string | undefined {
  const parts = input.split(/[\\/]/)
  const at = parts.lastIndexOf('node_modules')
  if (at < 0) return undefined
  const length = parts[at + 1]?.startsWith('@') === true ? 3 : 2
  return parts.length > at + length ? parts.slice(0, at + length).join('/') : undefined
}

/** The packages of `folders` (merged over outputs and over copies of one name@version), sorted by name. */
export function bundledPackages(folders: Iterable<BundledFolders>): BundledPackage[] {
  const byFolder = new Map<string, Set<string>>()
  for (const outputs of folders) {
    for (const [output, packageFolders] of outputs) {
      for (const folder of packageFolders) byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(output))
    }
  }
  const packages = new Map<string, BundledPackage>()
  for (const [folder, files] of byFolder) {
    const found = readPackage(folder)
    const key = `${found.name}@${found.version}`
    const inFiles = new Set([...(packages.get(key)?.files ?? []), ...files])
    packages.set(key, { ...found, files: [...inFiles].sort() })
  }
  return [...packages.values()].sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version))
}

function readPackage(folder: string): Omit<BundledPackage, 'files'> {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>
  const { name, version, license, repository } = manifest
  if (typeof name !== 'string' || typeof version !== 'string') {
    throw new Error(`thirdPartyNotices: ${folder}/package.json has no name or version.`)
  }
  const licenseFiles = readdirSync(folder)
    .filter((file) => /^(licen[cs]e|copying|notice)([.-]|$)/i.test(file))
    .sort()
  return {
    name,
    version,
    license: typeof license === 'string' ? license : 'UNKNOWN',
    repository: repositoryUrl(repository),
    licenseTexts: licenseFiles.map((file) => readFileSync(path.join(folder, file), 'utf8').trim()),
  }
}

function repositoryUrl(repository: unknown): string | undefined {
  const url = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url
  if (typeof url !== 'string') return undefined
  if (/^[\w.-]+\/[\w.-]+$/.test(url)) return `https://github.com/${url}`
  return url
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/\.git$/, '')
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The Markdown of the notices file. */
export function formatThirdPartyNotices(packages: readonly BundledPackage[]): string {
  const lines = [
    '# Third-party licences',
    '',
    'Some files of infobox-search contain code of the packages below, bundled at build time',
    '(the self-contained browser module, and the ESM-only parsers inside the CommonJS build).',
    'Each is listed with its version, licence, the files that contain it, and its licence text.',
    'This file is generated by the build (scripts/thirdPartyNotices.ts).',
    '',
  ]
  for (const found of packages) {
    lines.push(`## ${found.name} ${found.version}`, '', `- Licence: ${found.license}`)
    if (found.repository !== undefined) lines.push(`- Source: ${found.repository}`)
    lines.push(`- In: ${found.files.map((file) => `\`${file}\``).join(', ')}`, '')
    if (found.licenseTexts.length === 0) {
      lines.push(`The package ships no licence file; its package.json says ${found.license}.`, '')
    }
    for (const text of found.licenseTexts) {
      const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((run) => run[0].length + 1)))
      lines.push(`${fence}text`, text, fence, '')
    }
  }
  return lines.join('\n')
}

/** Write the notices of every package bundled by the builds `folders` describe. */
export function writeThirdPartyNotices(file: string, folders: Iterable<BundledFolders>): void {
  // Synchronous on purpose: every tsup build rewrites the file from all builds finished so far,
  // and the last write (the one that has them all) must land last.
  writeFileSync(file, formatThirdPartyNotices(bundledPackages(folders)))
}
