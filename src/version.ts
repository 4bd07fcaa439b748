import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The tool's version, from package.json, written into every recipe. */
export const version: string = (require('../package.json') as { version: string }).version;
