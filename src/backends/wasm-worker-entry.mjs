// Worker threads do not inherit the TypeScript loader that bin/zsweep.js registers on the main
// thread, so each worker registers it before loading its TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./wasm-worker.ts');
