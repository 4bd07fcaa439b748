// Compiles the TypeScript sources into dist/ (`npm run build`; `npm test` runs it first, and `npm pack`
// before it packs, since the package is dist/ and runs nothing at install), so that bin/zsweep.js starts
// without compiling anything: start-up went from about 1.1 s (tsx compiling on every start, and again in each
// worker thread) to about 0.2 s.
//
// - dist/main.js: the CLI as one ES module, with the pure-JavaScript packages bundled in (loading
//   yargs' and zod's hundreds of small modules one by one cost more than all the rest);
// - dist/wasm-worker-entry.mjs: the worker threads' module, where src/backends/wasm-backend.ts looks
//   for it beside itself (in src/ the file of that name registers tsx instead);
// - dist/render-worker-entry.mjs: the studio's render thread, found beside dist/main.js as the wasm
//   workers' module is;
// - dist/gpu.mjs: gpu.js and what it bundles, loaded only when the GPU backend is tried. Bundled, not a
//   dependency, because gpu.js depends on `webgpu` (Dawn for four platforms, 84 MB) that it never loads;
// - the kernels, which src/backends/wasm-tile-runner.ts loads from beside itself, and the label font
//   (src/render/fonts/), which src/render/label-font.ts loads from beside itself;
// - dist/THIRD-PARTY-LICENSES.txt: the licence of every package bundled into dist/;
// - dist/studio/: the studio's page (src/studio/build-page.mjs), which the compiled CLI serves;
// - dist/built, written last: bin/zsweep.js runs dist/ only when that is newer than every source.
//
// Plain JavaScript, so that it needs nothing but esbuild (a development dependency, as is tsx).
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { build } from 'esbuild';
import { buildPage } from '../src/studio/build-page.mjs';

const dist = 'dist';

/**
 * Packages left as imports: native code (canvas, gl), or files found by a path relative to the
 * package (ffmpeg's binaries, fluent-ffmpeg's presets).
 */
const external = [
  '@napi-rs/canvas',
  'gl',
  'fluent-ffmpeg',
  '@ffmpeg-installer/ffmpeg',
  '@ffprobe-installer/ffprobe',
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

/** In the CLI, `import('gpu.js')` loads dist/gpu.mjs, built on its own: most runs never load it. */
const gpuSeparate = {
  name: 'gpu-separate',
  setup(build) {
    build.onResolve({ filter: /^gpu\.js$/ }, () => ({ path: './gpu.mjs', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  plugins: [ownUrl, gpuSeparate],
  metafile: true,
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as zsweepCreateRequire } from 'node:module'; const require = zsweepCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

await rm(dist, { recursive: true, force: true });
await mkdir(dist);
const bundles = [
  await build({ ...common, entryPoints: ['src/main.ts'], outfile: `${dist}/main.js` }),
  await build({ ...common, entryPoints: ['src/backends/wasm-worker.ts'], outfile: `${dist}/wasm-worker-entry.mjs` }),
  await build({ ...common, entryPoints: ['src/studio/server/render-worker.ts'], outfile: `${dist}/render-worker-entry.mjs` }),
  await build({ ...common, plugins: [ownUrl], stdin: await gpuEntry(), outfile: `${dist}/gpu.mjs` }),
];
for (const file of await readdir('src/backends')) {
  if (file.endsWith('.wasm')) await copyFile(`src/backends/${file}`, `${dist}/${file}`);
}
await cp('src/render/fonts', `${dist}/fonts`, { recursive: true });
await mkdir(`${dist}/studio`);
for (const [name, contents] of await buildPage()) await writeFile(`${dist}/studio/${name}`, contents);
await writeFile(`${dist}/THIRD-PARTY-LICENSES.txt`, await licences(bundles));
await writeFile(`${dist}/built`, `${new Date().toISOString()}\n`);

/** gpu.js (CommonJS) as an ES module with the same named exports, as `import('gpu.js')` gives them. */
async function gpuEntry() {
  const names = Object.keys(createRequire(import.meta.url)('gpu.js')).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  return {
    contents: `import gpu from 'gpu.js';\nexport default gpu;\nexport const { ${names.join(', ')} } = gpu;\n`,
    resolveDir: '.',
    loader: 'js',
  };
}

/** Each bundled package's name, version and licence text, for dist/THIRD-PARTY-LICENSES.txt. */
async function licences(results) {
  const folders = new Set();
  for (const { metafile } of results) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) folders.add(match[1]);
    }
  }
  const sections = new Map();
  for (const folder of folders) {
    const { name, version, license } = JSON.parse(await readFile(`${folder}/package.json`, 'utf8'));
    if (sections.has(`${name}@${version}`)) continue;
    const file = (await readdir(folder)).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
    const text = file ? await readFile(`${folder}/${file}`, 'utf8') : `(no licence file; package.json says ${license})`;
    sections.set(`${name}@${version}`, `${name}@${version} (${license})\n\n${text.trim()}\n`);
  }
  const texts = [...sections].sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => text);
  return `Packages bundled into this folder's JavaScript, and their licences.\n\n${texts.join(`\n${'-'.repeat(72)}\n\n`)}`;
}
