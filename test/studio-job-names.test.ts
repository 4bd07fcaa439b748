import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { freshPair } from '../src/studio/server/job-request.ts';
import { tempFolder } from './helpers.ts';

test('a studio render is named NAME, then NAME-2, NAME-3: the count never doubles (zsweep-7-2-2)', async () => {
  const folder = tempFolder();
  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    const path = await freshPair(folder, 'zsweep-7', '.mp4');
    names.push(basename(path));
    writeFileSync(path, '');
    writeFileSync(path.replace(/\.mp4$/, '.json'), '');
  }
  assert.equal(names, ['zsweep-7.mp4', 'zsweep-7-2.mp4', 'zsweep-7-3.mp4']);
});

test('while a render is under way (its recipe written, its video still a temporary file) the next is NAME-3, not NAME-2-2', async () => {
  const folder = tempFolder();
  for (const name of ['zsweep-7.mp4', 'zsweep-7.json', 'zsweep-7-2.json']) writeFileSync(join(folder, name), '');
  assert.is(basename(await freshPair(folder, 'zsweep-7', '.mp4')), 'zsweep-7-3.mp4');
});

test('a name whose recipe alone exists is skipped too, and a seed of any text names a safe file', async () => {
  const folder = tempFolder();
  writeFileSync(join(folder, 'zsweep-a_b.json'), '');
  assert.is(basename(await freshPair(folder, 'zsweep-a/b', '.gif')), 'zsweep-a_b-2.gif');
});

test.run();
