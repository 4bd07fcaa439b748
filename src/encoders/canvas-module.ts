import { createRequire } from 'node:module';

type CanvasModule = typeof import('@napi-rs/canvas');
let loaded: CanvasModule | undefined;

/**
 * @napi-rs/canvas, loaded on first use: loading its native library was a fifth of every start of
 * the CLI (about 45 ms), and only pictures, stills and contact sheets draw on a canvas.
 */
export function canvasModule(): CanvasModule {
  loaded ??= createRequire(import.meta.url)('@napi-rs/canvas') as CanvasModule;
  return loaded;
}
