// Worker threads do not inherit the TypeScript loader that bin/zsweep.js registers on the main
// thread, so the studio's render thread registers it before loading its TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
