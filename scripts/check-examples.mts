// Runs every example of the README's Examples block and of `zsweep --help`, as written, in a fresh
// folder (with a generated song.mp3), and fails if any of them fails: the examples stay true.
// `node --import tsx scripts/check-examples.mts` (CI runs it); takes a few minutes on two cores.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examples } from '../src/cli/parser.ts';
import { ffmpegPath, repoRoot, tempFolder } from '../test/helpers.ts';

/** A fresh folder holding an 18-second song.mp3 (long enough for a song's journey, 16 s), as a user's folder would. */
function workFolder(): string {
  const folder = tempFolder();
  const song = spawnSync(
    ffmpegPath,
    [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=110:duration=18',
      '-f',
      'lavfi',
      '-i',
      'anoisesrc=d=18:a=0.2',
      '-filter_complex',
      'amix=inputs=2',
      join(folder, 'song.mp3'),
    ],
    { encoding: 'utf8' },
  );
  if (song.status !== 0) throw new Error(`could not make song.mp3: ${song.stderr}`);
  return folder;
}

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const block = /## Examples\n+```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const fromReadme = block
  .split('\n')
  .map((line) => line.replace(/#.*$/, '').trim())
  .filter((line) => line.startsWith('npx zsweep'))
  .map((line) => line.replace(/^npx zsweep/, '').trim());
const fromHelp = examples.map(([command]) => command.replace(/^\$0/, '').trim());
if (fromReadme.length < 5) throw new Error('no examples found in the README');

const runs: { source: string; example: string; code: number | null; seconds: number; tail: string }[] = [];
for (const [source, list] of [
  ['README', fromReadme],
  ['--help', fromHelp],
] as const) {
  // Each list runs in order in its own folder: a later example may use what an earlier one wrote.
  const folder = workFolder();
  for (const example of list) {
    const args = example.split(/\s+/).filter(Boolean);
    // A shard's example is run as each of its shards, as the job runner would start them.
    const shards = /--shard auto\/(\d+)/.exec(example);
    for (let index = 0; index < (shards ? Number(shards[1]) : 1); index++) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [join(repoRoot, 'bin/zsweep.js'), ...args], {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, FFMPEG_PATH: ffmpegPath, ...(shards ? { JOB_COMPLETION_INDEX: String(index) } : {}) },
      });
      const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-1)[0] ?? '';
      runs.push({
        source,
        example: shards ? `${example} (shard ${index + 1})` : example,
        code: result.status,
        seconds: (performance.now() - started) / 1000,
        tail,
      });
      console.log(
        `${result.status === 0 ? 'ok  ' : 'FAIL'} ${source.padEnd(6)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  zsweep ${example}${result.status === 0 ? '' : `\n       ${tail}`}`,
      );
    }
  }
}
const failed = runs.filter((run) => run.code !== 0);
console.log(failed.length === 0 ? `all ${runs.length} example runs worked` : `${failed.length} of ${runs.length} example runs failed`);
process.exitCode = failed.length > 0 ? 1 : 0;
