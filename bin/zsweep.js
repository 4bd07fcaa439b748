#!/usr/bin/env node
// Runs the compiled CLI in dist/ when no file in src/ is newer than it, so that a start costs no
// compiling (about 0.2 s). The installed package has no src/, so it always runs dist/ (built by
// `npm pack`) and never needs tsx. In a clone, dist/ is built by `npm run build` and by `npm test`;
// without a build, or with sources edited since, it runs the TypeScript sources through tsx (a
// development dependency; about 1 s to start): never stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';

const built = new URL('../dist/built', import.meta.url);

function builtAtMs() {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return -1;
  }
}

/** Whether some file under `folder` changed after `ms` (about a hundred stats: 1–2 ms). */
function changedSince(folder, ms) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const url = new URL(entry.name + (entry.isDirectory() ? '/' : ''), folder);
    if (entry.isDirectory() ? changedSince(url, ms) : statSync(url).mtimeMs > ms) return true;
  }
  return false;
}

const sources = new URL('../src/', import.meta.url);
const builtMs = builtAtMs();
if (!existsSync(sources) || (builtMs >= 0 && !changedSince(sources, builtMs))) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
