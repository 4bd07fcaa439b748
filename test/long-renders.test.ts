import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { mounted, tmpfsProblem } from './helpers/tmpfs.ts';
import { cliPath, ffmpegPath, ffprobePath, runCli, tempFolder, testUnless } from './helpers.ts';

// 60 frames at 10 fps in segments of 0.3 s: 20 segments of 3 frames, joined into a 6-second video.
const recipe = ['--seed', '11', '--size', '32x32', '--frames', '60', '--fps', '10', '--segment-seconds', '0.3', '--segment-threshold', '0'];

/** The decoded frames as one hash: equal hashes mean the same pictures, whatever the containers. */
async function framesHash(path: string): Promise<string> {
  const { stdout } = await runFfmpeg(ffmpegPath, ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
  assert.is(stdout.length, 32 * 32 * 3 * 60, 'every frame decodes');
  return createHash('sha256').update(stdout).digest('hex');
}

/** Frame count, duration and keyframe times, read by ffprobe (a different build from the ffmpeg that wrote it). */
async function timing(path: string) {
  const { stdout } = await runFfmpeg(ffprobePath, [
    '-v',
    'error',
    '-count_frames',
    '-show_entries',
    'stream=nb_read_frames:format=duration:format_tags=comment:packet=pts_time,flags',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(stdout.toString('utf8'));
  const times = json.packets.map((p: { pts_time: string }) => Number(p.pts_time)).sort((a: number, b: number) => a - b);
  return {
    frames: Number(json.streams[0].nb_read_frames),
    duration: Number(json.format.duration),
    keyframes: json.packets.filter((p: { flags: string }) => p.flags.startsWith('K')).map((p: { pts_time: string }) => Number(p.pts_time)),
    steps: new Set(
      times
        .slice(1)
        .map((t: number, i: number) => t - times[i])
        .map((d: number) => d.toFixed(4)),
    ),
    comment: json.format.tags?.comment as string | undefined,
  };
}

let reference: string;

test('a segmented render is exact: every frame, keyframes at the seams, even timestamps, the recipe inside', async () => {
  const out = join(tempFolder(), 'whole.mp4');
  const result = await runCli([...recipe, '--quiet', '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.not.ok(existsSync(`${out}.parts`), 'the work folder is removed once joined');
  const t = await timing(out);
  assert.is(t.frames, 60);
  assert.is(t.duration, 6);
  assert.equal(
    t.keyframes,
    Array.from({ length: 20 }, (_, s) => Number((s * 0.3).toFixed(1))),
  );
  assert.equal([...t.steps], ['0.1000'], 'no gap or overlap at any seam');
  assert.match(t.comment ?? '', /"seed":"11".*"frames":60.*"backend":"cpu/);
  reference = await framesHash(out);
});

test('kill -9 mid-render, then the same command: resumes from the missing segments and gives the same frames', async () => {
  const folder = tempFolder();
  const out = join(folder, 'killed.mp4');
  const parts = `${out}.parts`;
  const child = spawn(process.execPath, [cliPath, ...recipe, '--quiet', '--ffmpeg', ffmpegPath, '--out', out], { stdio: 'ignore' });
  // Killed once a few segments are complete: SIGKILL, so no clean-up of any kind runs.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(parts) && readdirSync(parts).filter((n) => n.startsWith('part-')).length >= 3) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('close', resolve));
  const kept = readdirSync(parts).filter((n) => n.startsWith('part-')).length;
  assert.ok(kept >= 3 && kept < 20, `${kept} segments kept`);
  assert.not.ok(existsSync(out));

  const resumed = await runCli([...recipe, '--out', out]);
  assert.is(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /20 segments of 3 frames \(resumed\)/);
  assert.match(resumed.stderr, new RegExp(`${60 - 3 * kept}/${60 - 3 * kept} frames`), 'only the missing frames were rendered');
  assert.equal(readdirSync(folder), ['killed.mp4'], 'no temporary file or work folder left');
  assert.is(await framesHash(out), reference);
});

test('Ctrl-C mid-render: exit 130, finished segments kept for the next run, no temporary file left', async () => {
  const out = join(tempFolder(), 'stopped.mp4');
  const parts = `${out}.parts`;
  let sent = false;
  const result = await runCli([...recipe, '--frames', '6000', '--out', out], {
    onStderr: (_text, child) => {
      if (sent || !existsSync(parts) || !readdirSync(parts).some((n) => n.startsWith('part-'))) return;
      sent = true;
      child.kill('SIGINT');
    },
  });
  assert.is(result.code, 130);
  assert.match(
    result.stderr,
    /zsweep: interrupted; the finished segments are kept in .*stopped\.mp4\.parts: run the same command again to resume\n$/,
  );
  assert.not.ok(existsSync(out));
  const names = readdirSync(parts);
  assert.ok(names.includes('manifest.json') && names.some((n) => n.startsWith('part-')));
  assert.equal(
    names.filter((n) => n.includes('zsweep-tmp')),
    [],
  );
});

test('shards rendered apart and joined equal the whole; a join before every shard is done lists what is missing', async () => {
  const out = join(tempFolder(), 'sharded.mp4');
  const first = await runCli([...recipe, '--quiet', '--shard', '2/3', '--out', out]);
  assert.is(first.code, 0, first.stderr);
  assert.is(first.stdout, `${out}.parts\nseed 11\n`);
  const early = await runCli(['join', `${out}.parts`]);
  assert.is(early.code, 2);
  assert.is(
    early.stderr,
    `zsweep: Cannot join "${out}.parts": 13 of 20 segments are missing (0, 2-3, 5-6, 8-9, 11-12, 14-15, 17-18); render them (the same command, or the --shard that owns them), then join again\n`,
  );
  // The index from the job runner, as a Kubernetes Indexed Job sets it.
  for (const index of ['0', '2']) {
    const shard = await runCli([...recipe, '--quiet', '--shard', 'auto/3', '--out', out], {
      env: { ...process.env, FFMPEG_PATH: ffmpegPath, JOB_COMPLETION_INDEX: index },
    });
    assert.is(shard.code, 0, shard.stderr);
  }
  const joined = await runCli(['join', `${out}.parts`, '--out', out]);
  assert.is(joined.code, 0, joined.stderr);
  assert.is(joined.stdout, `${out}\n`);
  assert.is(await framesHash(out), reference);
  assert.is((await timing(out)).duration, 6);
});

test('a work folder of another render is refused in one line, and left as it was', async () => {
  const out = join(tempFolder(), 'mixed.mp4');
  assert.is((await runCli([...recipe, '--quiet', '--shard', '1/4', '--out', out])).code, 0);
  const before = readdirSync(`${out}.parts`).sort();
  for (const [args, difference] of [
    [['--seed', '12'], 'seed is "11" there, "12" here'],
    [['--crf', '20'], 'crf is 18 there, 20 here'],
    [['--segment-seconds', '0.5'], 'segmentFrames is 3 there, 5 here'],
  ] as const) {
    const result = await runCli([...recipe, ...args, '--quiet', '--out', out]);
    assert.is(result.code, 2);
    assert.is(
      result.stderr,
      `zsweep: Work folder "${out}.parts" holds segments of another render (${difference}): start over with --force (its segments are removed), or choose another --out\n`,
    );
  }
  assert.equal(readdirSync(`${out}.parts`).sort(), before);
});

test('a resume with another ffmpeg build says how to finish; --force starts over', async () => {
  const out = join(tempFolder(), 'updated.mp4');
  const partial = await runCli([...recipe, '--quiet', '--shard', '1/2', '--out', out]);
  assert.is(partial.code, 0, partial.stderr);
  // As if ffmpeg had been updated since the first run.
  const manifestPath = join(`${out}.parts`, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, ffmpeg: '0.1-older-build' }));
  const refused = await runCli([...recipe, '--quiet', '--out', out]);
  assert.is(refused.code, 2);
  assert.match(
    refused.stderr,
    /^zsweep: Work folder ".*updated\.mp4\.parts" was started with ffmpeg 0\.1-older-build, and this run found ffmpeg \S+: segments of two builds may not join cleanly\. Finish it with the first one \(--ffmpeg PATH or FFMPEG_PATH\), or start over with --force \(its segments are removed\)\n$/,
  );
  assert.not.ok(existsSync(out));
  const forced = await runCli([...recipe, '--force', '--out', out]);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, /20 segments of 3 frames \(replaced\)/);
  assert.match(forced.stderr, /60\/60 frames/);
  assert.is(await framesHash(out), reference);
});

test('the ffmpeg binary removed mid-render: a clear exit 1, no crash, the finished segments kept', async () => {
  const folder = tempFolder();
  const copy = join(folder, 'ffmpeg');
  copyFileSync(ffmpegPath, copy);
  chmodSync(copy, 0o755);
  const out = join(folder, 'vanished.mp4');
  let removed = false;
  // Removed while segment 3's ffmpeg runs (its temporary file is open), not between two segments: an
  // ffmpeg that vanishes in the instant between zsweep's check and fluent-ffmpeg's spawn crashes
  // fluent-ffmpeg itself (its spawn-error path reads output buffers it has not made yet). Segments of
  // 3 frames of 128² keep each ffmpeg running long enough for the poll to see it.
  const poll = setInterval(() => {
    if (
      removed ||
      !existsSync(`${out}.parts`) ||
      !readdirSync(`${out}.parts`).some((name) => /^\.part-000003\.mp4\..*zsweep-tmp$/.test(name))
    )
      return;
    removed = true;
    rmSync(copy);
  }, 2);
  const result = await runCli([...recipe, '--size', '128x128', '--frames', '6000', '--ffmpeg', copy, '--out', out]).finally(() =>
    clearInterval(poll),
  );
  assert.ok(removed, 'the binary was removed while rendering');
  assert.is(result.code, 1, result.stderr);
  assert.ok(
    /zsweep: could not run ffmpeg: .*ENOENT.*\nthe finished segments are kept in .*vanished\.mp4\.parts: run the same command again to resume\n$/.test(
      result.stderr,
    ),
    result.stderr,
  );
  assert.not.match(result.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  assert.not.ok(existsSync(out));
  assert.ok(readdirSync(`${out}.parts`).includes('part-000002.mp4'));
});

test('ffmpeg dying mid-segment: exit 1, that segment is not kept, and the next run redoes it', async () => {
  const folder = tempFolder();
  const out = join(folder, 'crash.mp4');
  // Fails on the fifth encoding run, after part of that segment's input.
  const wrapper = join(folder, 'ffmpeg-wrapper');
  writeFileSync(
    wrapper,
    `#!/bin/sh
case " $* " in *" pipe:0 "*)
  echo x >> "${folder}/runs"
  if [ "$(wc -l < "${folder}/runs")" -eq 5 ]; then head -c 5000 | "${ffmpegPath}" "$@"; echo "killed mid-segment" >&2; exit 1; fi ;;
esac
exec "${ffmpegPath}" "$@"
`,
  );
  chmodSync(wrapper, 0o755);
  const failed = await runCli([...recipe, '--quiet', '--ffmpeg', wrapper, '--out', out]);
  assert.is(failed.code, 1);
  assert.match(failed.stderr, /killed mid-segment/);
  assert.equal(readdirSync(`${out}.parts`).sort(), [
    'manifest.json',
    'part-000000.mp4',
    'part-000001.mp4',
    'part-000002.mp4',
    'part-000003.mp4',
  ]);
  // The same ffmpeg as the first run (the wrapper runs the bundled one): a resume checks the build.
  const again = await runCli([...recipe, '--quiet', '--ffmpeg', ffmpegPath, '--out', out]);
  assert.is(again.code, 0, again.stderr);
  assert.is(await framesHash(out), reference);
});

testUnless(test, tmpfsProblem, 'a read-only folder: refused before rendering, one line, exit 2', async () => {
  const mount = mounted('ro,size=1m');
  try {
    for (const out of ['x.gif', 'x.mp4']) {
      const result = await runCli(['--size', '16x16', '--frames', '2', '--out', join(mount.path, out)]);
      assert.is(result.code, 2);
      assert.is(result.stderr, `zsweep: Cannot write "${mount.path}": the filesystem is read-only; choose a writable folder (EROFS)\n`);
    }
  } finally {
    mount.unmount();
  }
});

testUnless(test, tmpfsProblem, 'the disk filling up mid-render: one line, exit 1, no partial file, the old file untouched', async () => {
  const mount = mounted('size=64k');
  try {
    const out = join(mount.path, 'x.gif');
    writeFileSync(out, 'old');
    const result = await runCli(['--size', '64x64', '--frames', '200', '--seed', '3', '--force', '--quiet', '--out', out]);
    assert.is(result.code, 1);
    assert.match(result.stderr, /^zsweep: Cannot write ".*\/x\.gif": no space left on the device; free some space \(ENOSPC\)\n$/);
    assert.equal(readdirSync(mount.path), ['x.gif']);
    assert.is(readFileSync(out, 'utf8'), 'old');
  } finally {
    mount.unmount();
  }
});

test.run();
