import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareOutput } from '../src/output/output-file.ts';
import { assertUsageError, runCli, tempFolder } from './helpers.ts';

// What a user can get wrong about where a file goes, and what two renders at once must not do.
const folder = tempFolder();

test('a file appearing while rendering is never replaced: a fresh name moves on, an explicit one is kept apart', async () => {
  const target = join(folder, 'race.gif');
  const fresh = await prepareOutput(target, { force: false, fresh: true });
  const explicit = await prepareOutput(target, { force: false });
  writeFileSync(fresh.tempPath, 'first');
  writeFileSync(explicit.tempPath, 'second');
  writeFileSync(target, 'made meanwhile');
  await fresh.commit();
  assert.is(fresh.target, join(folder, 'race-2.gif'));
  assert.is(readFileSync(join(folder, 'race-2.gif'), 'utf8'), 'first');
  await assertUsageError(
    () => explicit.commit(),
    /^Output ".*race\.gif" appeared while rendering, and is left as it was; the render is kept as/,
  );
  assert.is(readFileSync(target, 'utf8'), 'made meanwhile');
  assert.is(readFileSync(explicit.tempPath, 'utf8'), 'second');
});

test('two renders of one seed at once both land, under two names', async () => {
  const cwd = join(folder, 'twice');
  mkdirSync(cwd);
  const args = ['--seed', '42', '--size', '32x32', '--frames', '4', '--quiet'];
  const [a, b] = await Promise.all([runCli(args, { cwd }), runCli(args, { cwd })]);
  assert.is(a.code, 0, a.stderr);
  assert.is(b.code, 0, b.stderr);
  assert.equal(readdirSync(join(cwd, 'output')).sort(), ['zsweep-42-2.mp4', 'zsweep-42.mp4']);
});

test('bad places to write: one line, exit 2, nothing left', async () => {
  const cwd = join(folder, 'places');
  mkdirSync(cwd);
  writeFileSync(join(cwd, 'output'), '');
  const blocked = await runCli(['--size', '32x32', '--frames', '2'], { cwd });
  assert.is(blocked.code, 2);
  assert.match(blocked.stderr, /^zsweep: Cannot write "output": a file of that name is in the way of a folder.*\(EEXIST\)\n$/);
  const file = join(cwd, 'afile');
  writeFileSync(file, '');
  const inFile = await runCli(['--out', join(file, 'x.gif'), '--frames', '2']);
  assert.match(inFile.stderr, /the folder ".*afile" is a file, not a folder/);
  const recipe = await runCli(['--out', join(cwd, 'x.gif'), '--recipe-out', join(cwd, 'nodir', 'r.json'), '--frames', '2']);
  assert.is(recipe.code, 2);
  assert.match(
    recipe.stderr,
    /^zsweep: Invalid --recipe-out ".*r\.json": the folder .* does not exist; create it first, or choose another --recipe-out\n$/,
  );
  const long = await runCli(['--size', '32x32', '--frames', '2', '--quiet', '--out', join(cwd, `${'a'.repeat(240)}.gif`)]);
  assert.is(long.code, 0, long.stderr);
  const tooLong = await runCli(['--size', '32x32', '--frames', '2', '--out', join(cwd, `${'a'.repeat(300)}.gif`)]);
  assert.is(tooLong.code, 2);
  assert.match(tooLong.stderr, /the name is too long for the filesystem.*\(ENAMETOOLONG\)\n$/);
  assert.not.ok(readdirSync(cwd).some((name) => name.includes('zsweep-tmp')));
});

test("--force on a shorter PNG sequence removes the longer one's later frames", async () => {
  const pattern = join(folder, 'seq', '%03d.png');
  assert.is((await runCli(['--size', '16x16', '--frames', '5', '--out', pattern, '--quiet'])).code, 0);
  assert.is((await runCli(['--size', '16x16', '--frames', '3', '--out', pattern, '--quiet', '--force'])).code, 0);
  assert.equal(readdirSync(join(folder, 'seq')).sort(), ['001.png', '002.png', '003.png']);
});

test('grid cells of any size, in the format --out names; still sizes the canvas can hold', async () => {
  const out = join(folder, 'sheet.jpg');
  const grid = await runCli(['grid', '--seeds', '1-2', '--cell', '33', '--out', out, '--quiet']);
  assert.is(grid.code, 0, grid.stderr);
  assert.equal(Array.from(readFileSync(out).subarray(0, 3)), [0xff, 0xd8, 0xff], 'a JPEG');
  const huge = await runCli(['still', '--size', '23171x23171', '--out', join(folder, 'huge.png')]);
  assert.is(huge.code, 2);
  assert.match(huge.stderr, /at most 536 megapixels for a still/);
  assert.not.ok(existsSync(join(folder, 'huge.png')));
  const join0 = await runCli(['join']);
  assert.match(join0.stderr, /^zsweep: Missing the work folder: zsweep join FOLDER/);
});

test.run();
