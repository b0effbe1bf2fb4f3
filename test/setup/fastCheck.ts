import fc from 'fast-check'
import { runsScale } from '../robustness/helpers.js'

// Properties without their own parameters run 100 times, times FC_RUNS_SCALE
// (a soak: `FC_RUNS_SCALE=50 npm test`); FC_SEED replays a printed failure.
const seed = process.env['FC_SEED']
fc.configureGlobal({
  numRuns: Math.ceil(100 * runsScale()),
  ...(seed === undefined || seed === '' ? {} : { seed: Number(seed) }),
})
