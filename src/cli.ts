import { main, reportError } from './cli/main.js'

main(process.argv.slice(2)).then((code) => (process.exitCode = code), reportError)
