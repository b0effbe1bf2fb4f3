import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { buildIndex, chunkIndex, parseArticle } from '../../src/build.js'
import { writeChunkedIndex } from '../../src/node/writeChunkedIndex.js'
import { fixtureSlugs, readFixture } from '../helpers.js'

// Chunks are created under their final names (no temporary file and rename each): a file of that
// name is the same content, unless a killed build left it short, and then it is written again.

const index = buildIndex(fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })))
const folders: string[] = []
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})
const newFolder = async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'infobox-chunks-'))
  folders.push(folder)
  return folder
}

/** Every file below `folder`, relative, with its content. */
async function contents(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(path.relative(folder, file), await readFile(file, 'utf8'))
  }
  return files
}

describe('writeChunkedIndex', () => {
  test('writes every chunk and the manifest, no temporary file left; a second write writes only the manifest', async () => {
    const folder = await newFolder()
    const first = await writeChunkedIndex(folder, chunkIndex(index))
    expect(first.written).toBe(first.files)
    const written = await contents(folder)
    expect(written.size).toBe(first.files)
    expect([...written.keys()].filter((file) => file.endsWith('.tmp'))).toEqual([])
    const again = await writeChunkedIndex(folder, chunkIndex(index))
    expect(again).toMatchObject({ files: first.files, written: 1, removed: 0 })
    expect(await contents(folder)).toEqual(written)
  })

  test('a chunk a killed build left short, or empty, is written again whole', async () => {
    const expected = await contents(
      await newFolder().then(async (folder) => (await writeChunkedIndex(folder, chunkIndex(index)), folder)),
    )
    const folder = await newFolder()
    await writeChunkedIndex(folder, chunkIndex(index))
    const [short, empty] = [...expected.keys()].filter((file) => file.startsWith('terms/'))
    await truncate(path.join(folder, short as string), 10)
    await writeFile(path.join(folder, empty as string), '')
    const result = await writeChunkedIndex(folder, chunkIndex(index))
    expect(result.written).toBe(3) // the two chunks and the manifest
    expect(await contents(folder)).toEqual(expected)
  })
})
