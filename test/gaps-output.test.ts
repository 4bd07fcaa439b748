import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareOutput } from '../src/output/output-file.ts';
import { assertUsageError, tempFolder } from './helpers.ts';
import { renderArgs } from './render-helpers.ts';

// A filesystem without hard links (FAT, exFAT, some network shares) refuses link(), which commit()
// uses to move a finished file into place without replacing anything. The tests make link() refuse on
// an ordinary filesystem: Node's own fs/promises.link is replaced, and syncBuiltinESMExports() updates
// output-file.ts's `import { link } from 'node:fs/promises'`, so the source runs unchanged.

const fsPromises = createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');

/** Runs `fn` with every link() refused with `code`; returns how many link() calls there were. */
async function withoutHardLinks(code: string, fn: () => Promise<void>): Promise<number> {
  const link = fsPromises.link;
  let calls = 0;
  fsPromises.link = async (existing, created) => {
    calls++;
    throw Object.assign(new Error(`${code}: link refused by the test, link '${existing}' -> '${created}'`), {
      code,
      syscall: 'link',
      path: String(existing),
    });
  };
  syncBuiltinESMExports();
  try {
    await fn();
  } finally {
    fsPromises.link = link;
    syncBuiltinESMExports();
  }
  return calls;
}

const noTemporaryFiles = (folder: string) =>
  assert.equal(
    readdirSync(folder).filter((name) => name.includes('zsweep-tmp')),
    [],
    'no temporary file left',
  );

for (const code of ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV']) {
  test(`link() refused with ${code}: commit still moves the finished file into place`, async () => {
    const folder = tempFolder();
    const target = join(folder, 'loop.gif');
    const calls = await withoutHardLinks(code, async () => {
      const pending = await prepareOutput(target, { force: false });
      writeFileSync(pending.tempPath, 'finished');
      await pending.commit();
      assert.is(pending.target, target);
      assert.not.ok(existsSync(pending.tempPath), 'the temporary file is gone');
    });
    assert.is(calls, 1, 'link() was tried first');
    assert.is(readFileSync(target, 'utf8'), 'finished');
    assert.equal(readdirSync(folder), ['loop.gif']);
  });
}

test('without hard links, an explicit target that appeared while rendering is still not replaced', async () => {
  const folder = tempFolder();
  const target = join(folder, 'race.gif');
  const calls = await withoutHardLinks('EPERM', async () => {
    const pending = await prepareOutput(target, { force: false });
    writeFileSync(pending.tempPath, 'the render');
    writeFileSync(target, 'made meanwhile');
    await assertUsageError(
      () => pending.commit(),
      /^Output ".*race\.gif" appeared while rendering, and is left as it was; the render is kept as ".*zsweep-tmp\.gif"/,
    );
    assert.is(readFileSync(target, 'utf8'), 'made meanwhile', 'the file that appeared is untouched');
    assert.is(readFileSync(pending.tempPath, 'utf8'), 'the render', 'the render is kept under its temporary name');
  });
  assert.is(calls, 1);
});

test('without hard links, a fresh name that was taken while rendering moves on to the next free one', async () => {
  const folder = tempFolder();
  const target = join(folder, 'zsweep-7.gif');
  await withoutHardLinks('ENOTSUP', async () => {
    const pending = await prepareOutput(target, { force: false, fresh: true });
    writeFileSync(pending.tempPath, 'the render');
    writeFileSync(target, 'made meanwhile');
    writeFileSync(join(folder, 'zsweep-7-2.gif'), 'also made meanwhile');
    await pending.commit();
    assert.is(pending.target, join(folder, 'zsweep-7-3.gif'));
  });
  assert.is(readFileSync(target, 'utf8'), 'made meanwhile');
  assert.is(readFileSync(join(folder, 'zsweep-7-2.gif'), 'utf8'), 'also made meanwhile');
  assert.is(readFileSync(join(folder, 'zsweep-7-3.gif'), 'utf8'), 'the render');
  noTemporaryFiles(folder);
});

test('without hard links, --force still replaces the existing file (by rename, without trying link)', async () => {
  const folder = tempFolder();
  const target = join(folder, 'old.gif');
  writeFileSync(target, 'old');
  const calls = await withoutHardLinks('EPERM', async () => {
    const pending = await prepareOutput(target, { force: true });
    writeFileSync(pending.tempPath, 'new');
    await pending.commit();
  });
  assert.is(calls, 0);
  assert.is(readFileSync(target, 'utf8'), 'new');
  assert.equal(readdirSync(folder), ['old.gif']);
});

test('a link() failure that is not "no hard links here" (EIO) is not mistaken for one: commit fails, nothing is renamed', async () => {
  const folder = tempFolder();
  const target = join(folder, 'io.gif');
  await withoutHardLinks('EIO', async () => {
    const pending = await prepareOutput(target, { force: false });
    writeFileSync(pending.tempPath, 'the render');
    try {
      await pending.commit();
      assert.unreachable('committed despite EIO');
    } catch (error) {
      assert.is((error as NodeJS.ErrnoException).code, 'EIO');
    }
    assert.not.ok(existsSync(target));
    assert.is(readFileSync(pending.tempPath, 'utf8'), 'the render');
    await pending.discard();
  });
  assert.equal(readdirSync(folder), []);
});

test('a whole render onto a filesystem without hard links lands under its name, and a second one is refused without --force', async () => {
  const folder = tempFolder();
  const out = join(folder, 'nolinks.gif');
  const args = { size: '16x16', frames: '2', backend: 'cpu', out };
  const calls = await withoutHardLinks('EPERM', async () => {
    const result = await renderArgs(args);
    assert.is(result.path, out);
    const first = readFileSync(out);
    assert.equal(Array.from(first.subarray(0, 6)), Array.from(Buffer.from('GIF89a')));
    await assertUsageError(() => renderArgs(args), /^Output ".*nolinks\.gif" already exists: add --force to replace it/);
    assert.equal(readFileSync(out), first, 'the first render is untouched');
  });
  assert.is(calls, 1, 'the first render tried link() once');
  assert.equal(readdirSync(folder), ['nolinks.gif']);
});

test.run();
