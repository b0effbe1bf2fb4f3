import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fixturesDir } from '../helpers.js'
import { requireBuiltCli, runCli, slow, tempDirs } from './helpers.js'

const dirs = tempDirs()
beforeAll(requireBuiltCli)
afterAll(() => dirs.cleanup())

describe('where it happened, from the command line', slow, () => {
  test('--near with --sort distance, a coordinates filter, and country counts by name', async () => {
    const work = await dirs.make()
    const index = path.join(work, 'index.json')
    expect((await runCli(['build', fixturesDir, '--out', index, '--quiet'], { cwd: work })).code).toBe(0)

    const nearest = await runCli(['search', index, '', '--near', '48.2,16.37', '--sort', 'distance', '--limit', '2'], {
      cwd: work,
    })
    expect(nearest.code).toBe(0)
    expect(nearest.stdout).toMatch(/1\. Siege of Vienna \(1683\).*\n.*· 0\.9 km away/)
    expect(nearest.stdout).toMatch(/2\. Battle of Austerlitz.*\n.*· 107\.1 km away/)

    const around = await runCli(['search', index, '', '--filter', 'coordinates=48.2,16.37,320', '--json'], {
      cwd: work,
    })
    const ids = (JSON.parse(around.stdout) as { hits: { id: string }[] }).hits.map((hit) => hit.id).sort()
    expect(ids).toEqual(['battle-of-austerlitz', 'battle-of-mohacs', 'siege-of-vienna-1683'])

    const box = await runCli(['search', index, '', '--filter', 'coordinates=-5,45,10,55', '--facets', 'country'], {
      cwd: work,
    })
    expect(box.stdout).toContain('2 result(s)')
    expect(box.stdout).toMatch(/country:\n {2}France {2}\(1\)\n {2}United Kingdom {2}\(1\)/)
  })

  test('a malformed area or point is a usage error', async () => {
    const work = await dirs.make()
    const bad = await runCli(['search', 'index.json', 'x', '--filter', 'coordinates=1,2'], { cwd: work })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--filter coordinates= takes lat,lon,km (around a point) or west,south,east,north')
    const near = await runCli(['search', 'index.json', 'x', '--near', 'north'], { cwd: work })
    expect(near.code).toBe(2)
    expect(near.stderr).toContain('--near takes lat,lon in degrees, received "north"')
  })
})
