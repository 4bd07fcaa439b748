import { readFile } from 'node:fs/promises';

/** The page's files, by name, and their content types. */
export type PageAssets = ReadonlyMap<string, Uint8Array>;

export const contentTypes: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  wasm: 'application/wasm',
};

const builtNames = ['app.js', 'worker.js', 'index.html', 'style.css', 'cppn-kernel.wasm', 'cppn-kernel-relaxed.wasm'];

/**
 * The compiled CLI (dist/main.js) serves the page that `npm install` built beside it (dist/studio/);
 * run from the sources, the page is built now, in memory, so it is never older than its sources.
 */
export async function loadPageAssets(): Promise<PageAssets> {
  const folder = new URL('./studio/', import.meta.url);
  if (import.meta.url.endsWith('/dist/main.js')) {
    const files = await Promise.all(builtNames.map(async (name) => [name, await readFile(new URL(name, folder))] as const));
    return new Map(files);
  }
  const { buildPage } = await import('../build-page.mjs');
  return buildPage();
}
