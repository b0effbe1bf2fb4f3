/** This library's version, written into every index file. Kept in step with package.json by a test. */
export const version = '0.1.0'
