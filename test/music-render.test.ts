import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { countFlashes, regionLuminance } from '../src/render/count-flashes.ts';
import { drumTrack } from './helpers/beat-tracks.ts';
import { writeWav } from './helpers/write-wav.ts';
import { ffmpegPath, ffprobePath, runCli, tempFolder } from './helpers.ts';

// Tiny frames and a tiny network: each render takes a second or two.
const folder = tempFolder();
const small = ['--size', '48x48', '--layers', '2', '--seed', '11', '--quiet'];
// The accents' test keeps the circle's radius fixed, so that it checks the accents, not the path's size
// that --speed measures: at the measured radius (2.04 for seed 11) one beat of the 16 (frame 93) changes
// the picture by less than 3× the median frame change, though it is visible.
const smallFixed = [...small, '--radius', '1'];
const rate = 22050;

const drums = join(folder, 'drums.wav');
const drums120 = drumTrack(120, 12, { offsetSeconds: 0.1 });
writeWav(drums, drums120.samples, rate);

/** Decoded frames as RGBA. */
async function frames(path: string, width: number, height: number): Promise<Uint8ClampedArray[]> {
  const { stdout } = await runFfmpeg(ffmpegPath, ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1']);
  const size = width * height * 4;
  const out = [];
  for (let at = 0; at + size <= stdout.length; at += size) out.push(new Uint8ClampedArray(stdout.subarray(at, at + size)));
  return out;
}
const meanDifference = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
  return sum / (a.length / 4);
};
async function videoSeconds(path: string): Promise<number> {
  const { stdout } = await runFfmpeg(ffprobePath, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]);
  return Number(stdout.toString('utf8').trim());
}
async function decodeSound(path: string): Promise<Float32Array> {
  const { stdout } = await runFfmpeg(ffmpegPath, [
    '-v',
    'error',
    '-i',
    path,
    '-map',
    '0:a:0',
    '-ac',
    '1',
    '-ar',
    String(rate),
    '-f',
    'f32le',
    'pipe:1',
  ]);
  return new Float32Array(stdout.buffer.slice(stdout.byteOffset, stdout.byteOffset + stdout.length));
}

test('--bars 4 --bpm 120 lasts 8.000 s and loops seamlessly', async () => {
  const out = join(folder, 'bars.mp4');
  const result = await runCli(['--bars', '4', '--bpm', '120', ...small, '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.ok(Math.abs((await videoSeconds(out)) - 8) < 1e-6, String(await videoSeconds(out)));
  const decoded = await frames(out, 48, 48);
  assert.is(decoded.length, 240);
  // From the last frame to the first is a step like any other, not a jump.
  const steps = decoded.slice(1).map((f, i) => meanDifference(decoded[i], f));
  const wrap = meanDifference(decoded[239], decoded[0]);
  assert.ok(wrap <= Math.max(...steps) * 1.05, `wrap ${wrap}, largest step ${Math.max(...steps)}`);
});

test('the motion accents fall on the beats: each strong frame-change peak (over 3× the median) within one frame of a beat, and every beat has one', async () => {
  const out = join(folder, 'drums.mp4');
  const recipeOut = join(folder, 'drums.json');
  const result = await runCli(['--audio', drums, '--bars', '4', ...smallFixed, '--out', out, '--recipe-out', recipeOut]);
  assert.is(result.code, 0, result.stderr);
  const decoded = await frames(out, 48, 48);
  const change = decoded.map((f, i) => (i === 0 ? 0 : meanDifference(decoded[i - 1], f)));
  const sorted = [...change].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const peaks = change
    .map((_, i) => i)
    .filter((i) => i > 0 && change[i] > 3 * median && change[i] >= change[i - 1] && change[i] >= (change[i + 1] ?? 0));
  // The loop starts on the track's first downbeat: its first kick, 0.1 s in.
  const start = (JSON.parse(readFileSync(recipeOut, 'utf8')) as { audio: { startSeconds?: number } }).audio.startSeconds ?? 0;
  assert.ok(Math.abs(start - drums120.beats[0]) < 0.02, `the loop starts at ${start} s`);
  const beatFrames = drums120.beats
    .map((t) => t - start)
    // Beats on the frames the video has (0 to 239); one a hair before 8 s falls on the loop's seam.
    .filter((t) => t >= 0 && t * 30 < 239.5)
    .map((t) => t * 30);
  for (const peak of peaks)
    assert.ok(
      beatFrames.some((b) => Math.abs(peak - b) <= 1 + 1e-6),
      `a peak at frame ${peak} is on no beat`,
    );
  for (const b of beatFrames)
    assert.ok(
      peaks.some((p) => Math.abs(p - b) <= 1 + 1e-6),
      `no peak at the beat at frame ${b.toFixed(1)}`,
    );
});

test('the excerpt is what plays: the sound matches the source from --audio-start, to within a millisecond', async () => {
  // Noise is unlike itself at any other offset: a correlation finds where the excerpt came from.
  let state = 5;
  const noise = Float32Array.from({ length: rate * 8 }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return 0.5 * (state / 2 ** 31 - 1);
  });
  const source = join(folder, 'noise.wav');
  writeWav(source, noise, rate);
  const out = join(folder, 'excerpt.mp4');
  const result = await runCli(['--audio', source, '--audio-start', '0:03', '--audio-end', '5', '--fade', '0', ...small, '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.ok(Math.abs((await videoSeconds(out)) - 2) < 0.05);
  const sound = await decodeSound(out);
  const correlation = (lag: number) => {
    let sum = 0;
    let a2 = 0;
    let b2 = 0;
    for (let i = rate * 0.5; i < rate * 1.5; i++) {
      const a = sound[i];
      const b = noise[3 * rate + i + lag];
      sum += a * b;
      a2 += a * a;
      b2 += b * b;
    }
    return sum / Math.sqrt(a2 * b2);
  };
  let best = 0;
  for (let lag = -rate * 0.1; lag <= rate * 0.1; lag++) if (correlation(lag) > correlation(best)) best = lag;
  assert.ok(Math.abs(best) <= rate / 1000, `the sound is ${best} samples off the source range`);
  assert.ok(correlation(best) > 0.9, `correlation ${correlation(best)}`);
  // The recipe keeps the part read, so --from reads the same part and gives the same bytes.
  const again = join(folder, 'excerpt-again.mp4');
  const from = await runCli(['--from', out, '--audio', source, '--out', again, '--quiet']);
  assert.is(from.code, 0, from.stderr);
  assert.ok(readFileSync(again).equals(readFileSync(out)), '--from gives the same bytes');
});

test('--fade fades the cut ends in and out; --for spotify-canvas writes no sound and passes its check', async () => {
  const out = join(folder, 'faded.mp4');
  assert.is((await runCli(['--audio', drums, '--audio-start', '2', '--duration', '3', '--fade', '0.5', ...small, '--out', out])).code, 0);
  const sound = await decodeSound(out);
  const rms = (from: number, to: number) =>
    Math.sqrt(sound.slice(from * rate, to * rate).reduce((s, v) => s + v * v, 0) / ((to - from) * rate));
  assert.ok(rms(0, 0.1) < 0.3 * rms(1, 2), `start ${rms(0, 0.1)} against ${rms(1, 2)}`);
  assert.ok(rms(2.9, 3) < 0.3 * rms(1, 2), `end ${rms(2.9, 3)} against ${rms(1, 2)}`);

  const canvas = join(folder, 'canvas.mp4');
  const result = await runCli([
    '--audio',
    drums,
    '--for',
    'spotify-canvas',
    '--bars',
    '2',
    '--fps',
    '24',
    '--layers',
    '1',
    '--seed',
    '3',
    '--out',
    canvas,
  ]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /checked .*canvas\.mp4 for Spotify Canvas/);
  assert.match(result.stderr, /✓ no audio stream: none/);
  assert.match(result.stderr, /all \d+ rules kept/);
  assert.ok(Math.abs((await videoSeconds(canvas)) - 4) < 0.01);
});

test('zsweep check: a file that breaks a rule fails (exit 1) with the rule named', async () => {
  const out = join(folder, 'bars.mp4');
  const result = await runCli(['check', out, '--for', 'spotify-canvas']);
  assert.is(result.code, 1);
  assert.match(
    result.stderr,
    /breaks \d+ of \d+ rules of Spotify Canvas: 9:16 \(width : height\) \(it has 48×48\); 720–1080 px tall \(it has 48 px\)/,
  );
  assert.match(result.stderr, /✗ 9:16/);
  const missing = await runCli(['check', join(folder, 'nothing.mp4'), '--for', 'youtube']);
  assert.is(missing.code, 2);
  assert.match(
    missing.stderr,
    /^zsweep: Invalid file ".*nothing\.mp4" for zsweep check: expected a video or picture to check; no such file, check the path\n$/,
  );
  assert.is((await runCli(['check', out])).code, 2);
});

test('zsweep info --audio prints the tempo and the first beats', async () => {
  const result = await runCli(['info', '--audio', drums]);
  assert.is(result.code, 0, result.stderr);
  const bpm = Number(/tempo: ([\d.]+) BPM/.exec(result.stdout)?.[1]);
  assert.ok(Math.abs(bpm - 120) < 1.2, result.stdout);
  const beats = /beats \(s\): ([\d. ]+)/.exec(result.stdout)?.[1].trim().split(' ').map(Number) ?? [];
  assert.ok(beats.length >= 8);
  for (const [k, b] of beats.entries()) assert.ok(Math.abs(b - (0.1 + 0.5 * k)) < 0.02, `beat ${k} at ${b}`);
});

test('the flash limit keeps a track built to strobe at 3 flashes a second or fewer; off, it flashes more', async () => {
  // Bursts of noise 8 times a second, with a large treble pulse: the picture would strobe. The radius is
  // given: measured for a speed, the path would shrink until the pulses themselves move at that speed.
  let state = 3;
  const bursts = Float32Array.from({ length: rate * 4 }, (_, i) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    const t = (i / rate) % 0.125;
    return t < 0.03 ? 0.6 * (state / 2 ** 31 - 1) * (1 - t / 0.03) : 0;
  });
  const strobe = join(folder, 'strobe.wav');
  writeWav(strobe, bursts, rate);
  const args = [
    '--audio',
    strobe,
    '--react',
    'speed=constant,pulse=treble,pulse-amount=5',
    '--colour',
    'bw',
    '--size',
    '64x64',
    '--seed',
    '3',
    '--radius',
    '1',
  ];
  const limited = join(folder, 'limited.mp4');
  const on = await runCli([...args, '--out', limited]);
  assert.is(on.code, 0, on.stderr);
  assert.match(on.stderr, /flashes: \d+ a second at accent 5, more than WCAG 2\.3\.1's 3: accent lowered to [\d.]+/);
  const unlimited = join(folder, 'unlimited.mp4');
  assert.is((await runCli([...args, '--flash-limit', 'off', '--out', unlimited])).code, 0);
  const flashes = async (path: string) =>
    countFlashes(
      (await frames(path, 64, 64)).map((f) => regionLuminance(f, 64, 64)),
      30,
    );
  assert.ok((await flashes(limited)) <= 3, `limited: ${await flashes(limited)} a second`);
  assert.ok((await flashes(unlimited)) > 3, `off: ${await flashes(unlimited)} a second`);
});

test('cover art: --for cover-art writes a 3000×3000 PNG that passes its check', async () => {
  const out = join(folder, 'cover.png');
  const result = await runCli(['--for', 'cover-art', '--layers', '1', '--hidden', '4', '--seed', '5', '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /all \d+ rules kept/);
  assert.equal([...readFileSync(out).subarray(16, 24)], [0, 0, 0x0b, 0xb8, 0, 0, 0x0b, 0xb8]);
});

test.run();
