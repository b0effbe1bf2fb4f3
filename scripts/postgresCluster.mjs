// A throwaway PostgreSQL cluster for the tests and the benchmark: initdb in a
// temporary folder, a free port on 127.0.0.1 (password login) and a Unix
// socket in the same folder (trust, for the superuser), stopped and deleted
// by `stop()`. Node's child_process only; no dependencies.
//
// PostgreSQL refuses to run as root: as root, the cluster runs as the
// `postgres` user (Debian's packages create it) or else `nobody`, through
// `runuser`, in a folder that user owns.
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'

/** The role the tests log in as, with a password (so wrong credentials can be tested). */
export const testRole = { user: 'infobox', password: 'infobox-test' }

/**
 * The folder of `initdb`, `pg_ctl` and `postgres`: `PG_BIN` when set, the
 * newest `/usr/lib/postgresql/<n>/bin`, or the `PATH`. `undefined` when none.
 * @returns {string | undefined}
 */
export function findPostgresBin() {
  const candidates = []
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN)
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
    for (const version of versions) candidates.push(path.join(debian, version, 'bin'))
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir)
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')))
}

/** @returns {Promise<number>} a port that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

/**
 * The user the server runs as, and how to run a command as that user.
 * @returns {{ name: string, uid: number, gid: number, wrap: (bin: string, args: string[]) => [string, string[]] }}
 */
function serverUser() {
  const me = userInfo()
  if (me.uid !== 0) return { name: me.username, uid: me.uid, gid: me.gid, wrap: (bin, args) => [bin, args] }
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' })
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
    if (id.status === 0 && gid.status === 0) {
      return {
        name,
        uid: Number(id.stdout.trim()),
        gid: Number(gid.stdout.trim()),
        wrap: (bin, args) => ['runuser', ['-u', name, '--', bin, ...args]],
      }
    }
  }
  throw new Error('running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as')
}

/**
 * Start a cluster. Resolves to its connection URL (the `infobox` role with a
 * password, database `infobox`), the superuser's socket URL, and `stop()`.
 * Throws with the reason (no binaries, initdb or start failed).
 *
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, adminUrl: string, port: number, dir: string, stop: () => void }>}
 */
export async function startPostgresCluster({ log = () => {} } = {}) {
  const bin = findPostgresBin()
  if (bin === undefined)
    throw new Error(
      'no PostgreSQL server binaries (initdb, pg_ctl) found; install them with "apt-get install postgresql" or set PG_BIN',
    )
  const user = serverUser()
  const dir = mkdtempSync(path.join(tmpdir(), 'infobox-pg-'))
  chownSync(dir, user.uid, user.gid)
  const data = path.join(dir, 'data')
  const run = (tool, args) => {
    const [command, argv] = user.wrap(path.join(bin, tool), args)
    return execFileSync(command, argv, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  }
  const stop = () => {
    if (existsSync(path.join(data, 'postmaster.pid'))) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'])
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const passwordFile = path.join(dir, 'password')
    writeFileSync(passwordFile, 'unused-superuser-password\n')
    chownSync(passwordFile, user.uid, user.gid)
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ])
    log(`initdb done in ${dir}`)
    let lastError
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort()
      // fsync off: a throwaway cluster needs no durability, and the tests run faster.
      const settings = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50`
      try {
        run('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', path.join(dir, 'server.log'), '-o', settings])
      } catch (error) {
        lastError = error
        continue
      }
      const admin = (sql) =>
        execFileSync(
          path.join(bin, 'psql'),
          ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql],
          { encoding: 'utf8' },
        )
      admin(`CREATE ROLE ${testRole.user} LOGIN PASSWORD '${testRole.password}'`)
      admin(`CREATE DATABASE ${testRole.user} OWNER ${testRole.user}`)
      log(`PostgreSQL running on 127.0.0.1:${port}`)
      return {
        url: `postgres://${testRole.user}:${testRole.password}@127.0.0.1:${port}/${testRole.user}`,
        adminUrl: `postgres://postgres@localhost:${port}/${testRole.user}?host=${encodeURIComponent(dir)}`,
        port,
        dir,
        stop,
      }
    }
    throw lastError ?? new Error('pg_ctl start failed')
  } catch (error) {
    const detail = error && typeof error === 'object' && 'stderr' in error ? String(error.stderr).trim() : ''
    stop()
    throw new Error(
      `could not start PostgreSQL from ${bin}: ${error instanceof Error ? error.message : String(error)}${detail ? `\n${detail}` : ''}`,
      { cause: error },
    )
  }
}
