/** Whether process `pid` runs (this one always does); for telling a live writer's temporary file from a killed one's. */
export function isProcessRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
