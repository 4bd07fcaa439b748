// Builds the studio's page (src/studio/page/) for the browser with esbuild: its script, the preview
// workers' script, the HTML and CSS, and the two WebAssembly kernels the CLI runs, so that a preview
// frame is the CLI's frame. Plain JavaScript, so that scripts/build-dist.mjs (at `npm install`) and
// the server (when run from the sources, where dist/ may be stale) share it.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const pageFolder = fileURLToPath(new URL('./page/', import.meta.url));
const backendsFolder = fileURLToPath(new URL('../backends/', import.meta.url));

/**
 * The pure core is shared with Node, where a few of its modules touch Node built-ins that the page
 * never calls: node:crypto draws a fresh seed (the page draws with crypto.getRandomValues), and node:fs
 * and node:v8 load and enable the kernel (the page fetches it). They become empty stand-ins here.
 * node:module reads package.json for the version a recipe records (version.ts): the page's recipes
 * record the same version, read here at build time.
 */
const nodeStandIns = (packageVersion) => ({
  name: 'node-stand-ins',
  setup(build) {
    build.onResolve({ filter: /^node:(crypto|fs|v8|module)$/ }, ({ path }) => ({ path, namespace: 'node-stand-in' }));
    build.onLoad({ filter: /.*/, namespace: 'node-stand-in' }, () => ({
      contents:
        'const missing = () => { throw new Error("not in the browser"); };' +
        'export const randomInt = missing, readFileSync = missing, setFlagsFromString = missing;' +
        `export const createRequire = () => () => ({ version: ${JSON.stringify(packageVersion)} });`,
      loader: 'js',
    }));
  },
});

/** The page's files by name (what the server serves), built in memory. */
export async function buildPage() {
  // Loaded here, not with the module: the CLI bundles this file, and every start would pay for them.
  const { build } = await import('esbuild');
  const packageVersion = JSON.parse(await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')).version;
  const result = await build({
    entryPoints: { app: `${pageFolder}main.ts`, worker: `${pageFolder}preview-worker.ts` },
    outdir: 'studio',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome114',
    write: false,
    minify: true,
    sourcemap: false,
    plugins: [nodeStandIns(packageVersion)],
    logLevel: 'warning',
  });
  const files = new Map();
  for (const file of result.outputFiles) files.set(file.path.split(/[\\/]/).pop(), file.contents);
  files.set('index.html', await readFile(`${pageFolder}index.html`));
  files.set('style.css', await readFile(`${pageFolder}style.css`));
  files.set('cppn-kernel.wasm', await readFile(`${backendsFolder}cppn-kernel.wasm`));
  files.set('cppn-kernel-relaxed.wasm', await readFile(`${backendsFolder}cppn-kernel-relaxed.wasm`));
  return files;
}
