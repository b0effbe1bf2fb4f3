/** Results that arrive in any order, handed on in index order; see `createOrderedResults`. */
export interface OrderedResults<Result> {
  /** The result for item `index` (each index once). */
  put(index: number, result: Result): void
  /** Stop: the iteration throws `error` at its next step. */
  fail(error: Error): void
  /** The index of the next result to hand on: every earlier one has been. */
  readonly next: number
  /** The results, in index order, as they become available. */
  inOrder(): AsyncGenerator<Result, void, undefined>
}

/** How `createOrderedResults` hands results on. */
export interface OrderedResultsSettings {
  /**
   * Results handed on in a row before waiting one turn of the event loop.
   * Handing on ready results never lets the event loop run, so producers that
   * report through it (worker messages) would starve while the consumer works
   * through a backlog.
   */
  readonly turnEvery: number
  /** Called after each result is handed on (the window of work ahead moved). */
  readonly onAdvance?: (() => void) | undefined
  readonly signal?: AbortSignal | undefined
}

/** A buffer of `total` results, each put once under its index, taken out in index order. */
export function createOrderedResults<Result>(total: number, settings: OrderedResultsSettings): OrderedResults<Result> {
  const ready = new Map<number, Result>()
  let next = 0
  let failure: Error | undefined
  let wake: (() => void) | undefined
  const notify = (): void => {
    const resume = wake
    wake = undefined
    resume?.()
  }

  return {
    put(index, result) {
      ready.set(index, result)
      if (index === next) notify()
    },
    fail(error) {
      failure ??= error
      notify()
    },
    get next() {
      return next
    },
    async *inOrder() {
      const { signal } = settings
      signal?.addEventListener('abort', notify)
      try {
        let inARow = 0
        while (next < total) {
          if (failure !== undefined) throw failure
          signal?.throwIfAborted()
          const result = ready.get(next)
          if (result === undefined) {
            inARow = 0
            await new Promise<void>((resolve) => (wake = resolve))
            continue
          }
          if (++inARow > settings.turnEvery) {
            inARow = 0
            await new Promise((resolve) => setImmediate(resolve))
          }
          ready.delete(next)
          next++
          settings.onAdvance?.()
          yield result
        }
      } finally {
        signal?.removeEventListener('abort', notify)
      }
    },
  }
}
