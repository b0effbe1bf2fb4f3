// Run a bench step in a child process: wall time, and peak RSS / CPU time
// from GNU time when it is installed (it also counts grandchildren such as
// Pagefind's binary), with a timeout.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/**
 * @returns {{ code, signal, wallMs, maxRSS?, cpuMs?, timedOut, stderr, loadBefore }}
 */
export function runChild(command, args, { timeoutMs = 30 * 60_000, tmpDir = os.tmpdir(), echo = false, cwd } = {}) {
  const timeFile = path.join(tmpDir, `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`)
  const [file, argv] = gnuTime ? [gnuTime, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args]
  const loadBefore = os.loadavg()[0]
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd })
    let stderr = ''
    let stdout = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => {
      stderr += d
      if (echo) process.stderr.write(d)
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const wallMs = performance.now() - started
      const result = {
        code,
        signal,
        wallMs,
        timedOut,
        stdout,
        stderr: stderr.length > 8000 ? `${stderr.slice(0, 4000)}\n…\n${stderr.slice(-4000)}` : stderr,
        loadBefore,
      }
      if (gnuTime && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? ''
        const [kb, user, sys] = last.split(' ').map(Number)
        if (Number.isFinite(kb)) result.maxRSS = kb * 1024
        if (Number.isFinite(user) && Number.isFinite(sys)) result.cpuMs = (user + sys) * 1000
        rmSync(timeFile, { force: true })
      }
      resolve(result)
    })
  })
}
