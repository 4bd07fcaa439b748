// Compiles the TypeScript sources into dist/ (`npm run build`; the `prepare` script runs it on every
// `npm install` and `npm ci`, and `npm test` runs it first), so that bin/zsweep.js starts without
// compiling anything: start-up went from about 1.1 s (tsx compiling on every start, and again in each
// worker thread) to about 0.2 s.
//
// - dist/main.js: the CLI as one ES module, with the pure-JavaScript packages bundled in (loading
//   yargs' and zod's hundreds of small modules one by one cost more than all the rest);
// - dist/wasm-worker-entry.mjs: the worker threads' module, where src/backends/wasm-backend.ts looks
//   for it beside itself (in src/ the file of that name registers tsx instead);
// - the kernels, which src/backends/wasm-tile-runner.ts loads from beside itself;
// - dist/studio/: the studio's page (src/studio/build-page.mjs), which the compiled CLI serves;
// - dist/built, written last: bin/zsweep.js runs dist/ only when that is newer than every source.
//
// Plain JavaScript, so that it needs nothing but esbuild (tsx's compiler, also a dependency).
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { build } from 'esbuild';
import { buildPage } from '../src/studio/build-page.mjs';

const dist = 'dist';

/**
 * Packages left as imports: native code (canvas, gl), or files found by a path relative to the
 * package (ffmpeg's binaries, the font, fluent-ffmpeg's presets), or too large to be worth it and
 * loaded only when used (gpu.js).
 */
const external = [
  '@napi-rs/canvas',
  'gl',
  'gpu.js',
  'fluent-ffmpeg',
  '@ffmpeg-installer/ffmpeg',
  '@ffprobe-installer/ffprobe',
  'dejavu-fonts-ttf',
  // Only the studio run from the sources builds its page at run time; the compiled CLI serves dist/studio/.
  'esbuild',
];

/**
 * A bundled package's `import.meta.url` is made to name its own file in node_modules again, so that
 * what it finds beside itself (yargs' translations, for one) is found as before.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /node_modules.*\.m?js$/ }, async ({ path }) => {
      const contents = await readFile(path, 'utf8');
      if (!contents.includes('import.meta.url')) return undefined;
      const own = `new URL(${JSON.stringify(relative(dist, path).split('\\').join('/'))}, import.meta.url).href`;
      return { contents: contents.replaceAll('import.meta.url', own), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  plugins: [ownUrl],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as zsweepCreateRequire } from 'node:module'; const require = zsweepCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

await rm(dist, { recursive: true, force: true });
await mkdir(dist);
await build({ ...common, entryPoints: ['src/main.ts'], outfile: `${dist}/main.js` });
await build({ ...common, entryPoints: ['src/backends/wasm-worker.ts'], outfile: `${dist}/wasm-worker-entry.mjs` });
for (const file of await readdir('src/backends')) {
  if (file.endsWith('.wasm')) await copyFile(`src/backends/${file}`, `${dist}/${file}`);
}
await mkdir(`${dist}/studio`);
for (const [name, contents] of await buildPage()) await writeFile(`${dist}/studio/${name}`, contents);
await writeFile(`${dist}/built`, `${new Date().toISOString()}\n`);
