import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bFlat, cMajor, fSharpMinor, song, songRate } from './helpers/section-song.ts';
import { writeWav } from './helpers/write-wav.ts';
import { runCli, tempFolder } from './helpers.ts';

const folder = tempFolder();
const path = join(folder, 'three-parts.wav');
writeWav(
  path,
  song([
    { seconds: 16, chords: [cMajor], voice: 'sine' },
    { seconds: 16, chords: [fSharpMinor], voice: 'saw' },
    { seconds: 16, chords: [bFlat], voice: 'square' },
  ]),
  songRate,
);

test('zsweep info --audio --json lists where each section starts, 0 first, on downbeats', async () => {
  const result = await runCli(['info', '--audio', path, '--json']);
  assert.is(result.code, 0, result.stderr);
  const info = JSON.parse(result.stdout) as { sections: number[]; downbeats: number[] };
  assert.is(info.sections.length, 3, result.stdout);
  assert.is(info.sections[0], 0);
  for (const [k, change] of [16, 32].entries()) {
    const at = info.sections[k + 1];
    assert.ok(Math.abs(at - change) <= 1, `a section from ${at} s for the change at ${change} s`);
    assert.ok(info.downbeats.includes(at), `${at} s is not among the downbeats ${info.downbeats.join(' ')}`);
  }
});

test('zsweep info --audio prints a sections line', async () => {
  const result = await runCli(['info', '--audio', path]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^sections: 3, starting at 0:00\.0 0:1[56]\.\d 0:3[12]\.\d$/m);
});

test.run();
