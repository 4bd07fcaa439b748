// Installs zsweep the way a user does, from the packed tarball, and checks that it works, once for each
// Node given: `npm pack`, then `npm install -g` into an empty prefix with that Node first on PATH (npm
// checks engines against the Node that runs it), then, from an empty folder and with nothing from the
// clone: `zsweep --version`, `zsweep info`, an MP4, a GIF, a still, a contact sheet (its label font is
// shipped in dist/) and `zsweep studio` serving its page and rendering a job. The same renders must give
// the same bytes on every Node. Exits 1 on any failure.
//
//   node --import tsx scripts/check-package.mts [FOLDER-WITH-node ...]   (default: this Node's folder)
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

/** Development tools that must not be installed with the package. */
const devOnly = ['tsx', 'esbuild', '@esbuild', 'typescript', 'gpu.js', 'webgpu', 'dejavu-fonts-ttf', '@biomejs', 'binaryen'];

/**
 * npm 11 lists every dependency's install script that the user's config has not reviewed. This one
 * needs nothing: the script is `chmod u+x ffmpeg`, and the binary is packed executable already.
 */
const harmlessScripts = /^@ffmpeg-installer\/[\w-]+@[\d.]+ \(postinstall: chmod u\+x ffmpeg\)$/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
}

const failures: string[] = [];
/** Folders made here, removed at the end. */
const temporary: string[] = [];
function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(folder);
  return folder;
}
function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function megabytes(folder: string): number {
  let bytes = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) bytes += statSync(child).size;
    }
  };
  walk(folder);
  return bytes / 1e6;
}

/** Warnings npm printed that a user would have to read as trouble. */
function worrying(npmOutput: string): string[] {
  const lines = npmOutput.split('\n').filter((line) => /^npm (warn|WARN|error|ERR)/.test(line));
  return lines.filter((line) => {
    const text = line.replace(/^npm (warn|WARN) install-scripts\s*/, '');
    if (text === line) return true;
    return !(
      text === '' ||
      /^\d+ packages? ha(s|ve) install scripts not yet covered by allowScripts:$/.test(text) ||
      harmlessScripts.test(text) ||
      /^Run `npm install -g --allow-scripts=/.test(text)
    );
  });
}

/** `zsweep studio`: its URL, its page and scripts, and one small GIF rendered through its API. */
async function checkStudio(zsweep: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | undefined> {
  const out = tempFolder('zsweep-package-studio-');
  const child = spawn(zsweep, ['studio', '--no-open', '--out', out], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
      child.once('exit', () => reject(new Error(`zsweep studio exited: ${stderr}`)));
    });
    const api = (path: string) => url.replace('/?', `${path}?`);
    const page = await fetch(url);
    const html = await page.text();
    check(page.status === 200 && /<html/i.test(html), 'zsweep studio serves its page');
    for (const asset of ['app.js', 'worker.js', 'style.css', 'cppn-kernel.wasm']) {
      const reply = await fetch(api(`/${asset}`));
      check(reply.status === 200 && (await reply.arrayBuffer()).byteLength > 0, `zsweep studio serves ${asset}`);
    }
    const info = (await (await fetch(api('/api/info'))).json()) as { start: Record<string, unknown> };
    const recipe = { ...info.start, seed: '42', width: 64, height: 64, frames: 8 };
    const reply = await fetch(api('/api/jobs'), { method: 'POST', body: JSON.stringify({ recipe, format: 'gif' }) });
    const { id } = (await reply.json()) as { id: string };
    const reader = (await fetch(api(`/api/jobs/${id}/events`))).body!.getReader();
    // The server ends the stream once the job is done, failed or cancelled.
    let seen = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) seen += new TextDecoder().decode(chunk.value);
    const gif = readdirSync(out).find((name) => name.endsWith('.gif'));
    check(gif !== undefined, `zsweep studio renders a job (${gif ?? seen.slice(-300)})`);
    return gif && sha256(join(out, gif));
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  }
}

async function checkOn(nodeFolder: string, tarball: string): Promise<Record<string, string>> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${nodeFolder}:${process.env.PATH}` };
  for (const name of Object.keys(env)) if (/^(ZSWEEP_|FFMPEG_PATH|NODE_OPTIONS|npm_)/.test(name)) delete env[name];
  const nodeVersion = (await run(join(nodeFolder, 'node'), ['--version'], { cwd: tmpdir(), env })).stdout.trim();
  console.log(`\n== Node ${nodeVersion} (${nodeFolder})`);
  const prefix = tempFolder('zsweep-package-prefix-');
  const work = tempFolder('zsweep-package-work-');
  const install = await run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { cwd: work, env });
  const npmOutput = install.stdout + install.stderr;
  check(install.code === 0, `npm install -g ${tarball.split('/').pop()}${install.code ? `\n${npmOutput}` : ''}`);
  const warnings = worrying(npmOutput);
  check(warnings.length === 0, `npm printed no warning a user must act on${warnings.length ? `:\n${warnings.join('\n')}` : ''}`);
  const installed = join(prefix, 'lib', 'node_modules', 'zsweep');
  const present = devOnly.filter(
    (name) => existsSync(join(installed, 'node_modules', name)) || existsSync(join(prefix, 'lib', 'node_modules', name)),
  );
  check(present.length === 0, `no development tools installed${present.length ? `: ${present.join(', ')}` : ''}`);
  check(!existsSync(join(installed, 'src')), 'the package has no src/: it runs dist/');
  console.log(`     installed size: ${megabytes(prefix).toFixed(1)} MB`);

  const zsweep = join(prefix, 'bin', 'zsweep');
  const cli = (args: string[]) => run(zsweep, args, { cwd: work, env });
  const versionRun = await cli(['--version']);
  check(versionRun.stdout.trim() === version, `zsweep --version prints ${version} (${versionRun.stdout.trim()}${versionRun.stderr})`);
  const info = await cli(['info']);
  check(
    info.code === 0 && info.stdout.includes(`on Node ${nodeVersion.slice(1)}`) && /cpu: .* available/.test(info.stdout),
    `zsweep info${info.code ? `\n${info.stderr}` : ''}`,
  );

  // zsweep takes an ffmpeg on PATH first; the one installed with it is tried on its own, as where none is.
  const bundled = (createRequire(join(installed, 'dist', 'main.js'))('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  check((statSync(bundled).mode & 0o111) === 0o111, `the installed ffmpeg is executable by everyone (${bundled})`);
  const hashes: Record<string, string> = {};
  const renders: [string, string[]][] = [
    ['bundled-ffmpeg.mp4', ['--seed', '42', '--size', '64x64', '--frames', '12', '--ffmpeg', bundled]],
    ['loop.mp4', ['--seed', '42', '--size', '64x64', '--frames', '12']],
    ['loop.webm', ['--seed', '42', '--size', '64x64', '--frames', '12']],
    ['loop.gif', ['--seed', '42', '--size', '64x64', '--frames', '12']],
    ['still.png', ['still', '--seed', '42', '--size', '64x64']],
    ['sheet.png', ['grid', '--seeds', '1-4', '--cell', '64']],
  ];
  for (const [file, args] of renders) {
    const result = await cli([...args, '--out', file, '--quiet']);
    const made = result.code === 0 && existsSync(join(work, file));
    check(made, `zsweep ${args.join(' ')} --out ${file}${result.code ? `\n${result.stderr}` : ''}`);
    if (made) hashes[file] = sha256(join(work, file));
  }
  const studioGif = await checkStudio(zsweep, env, work);
  if (studioGif) hashes['studio job.gif'] = studioGif;
  return hashes;
}

const nodeFolders = process.argv.length > 2 ? process.argv.slice(2) : [dirname(process.execPath)];
const packFolder = tempFolder('zsweep-package-');
const pack = await run('npm', ['pack', '--json', '--pack-destination', packFolder], { cwd: repoRoot, env: process.env });
if (pack.code !== 0) {
  console.error(`npm pack failed:\n${pack.stderr}`);
  process.exit(1);
}
const [{ filename, files }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
const outside = files.map((file) => file.path).filter((path) => !/^(bin\/|dist\/|README\.md$|LICENSE$|package\.json$)/.test(path));
check(
  outside.length === 0,
  `the tarball holds bin/, dist/, README.md, LICENSE and package.json only${outside.length ? `: ${outside.join(', ')}` : ''}`,
);
for (const needed of [
  'dist/main.js',
  'dist/wasm-worker-entry.mjs',
  'dist/render-worker-entry.mjs',
  'dist/gpu.mjs',
  'dist/cppn-kernel.wasm',
  'dist/studio/index.html',
  'dist/fonts/DejaVuSans.ttf',
])
  check(
    files.some((file) => file.path === needed),
    `the tarball holds ${needed}`,
  );

const byNode = new Map<string, Record<string, string>>();
for (const folder of nodeFolders) byNode.set(folder, await checkOn(folder, join(packFolder, filename)));
for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
if (byNode.size > 1) {
  const [first, ...rest] = [...byNode.values()];
  for (const file of Object.keys(first)) {
    check(
      rest.every((hashes) => hashes[file] === first[file]),
      `${file}: the same bytes on every Node (${first[file].slice(0, 16)}…)`,
    );
  }
}
console.log(failures.length ? `\ncheck-package: ${failures.length} failed` : '\ncheck-package: all passed');
process.exit(failures.length ? 1 : 0);
