/**
 * The pictures of docs/music.md: a visualiser of a real excerpt as a viewer sees it.
 *   npx tsx scripts/eval-beats/plot-beats.mts EXCERPT_ID [--folder DIR] [--seconds 8] [--size 128]
 * Renders the excerpt's first seconds (seed 1), then draws docs/music/ID-motion.png (the mean change per
 * channel per frame, with the reference's beats and zsweep's marked) and docs/music/ID-strip.png (the frames
 * at eight consecutive beats, and under each the frame halfway to the next beat).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { referenceBeats } from './reference.mts';
import { motionPeaks } from './score-beats.mts';
import { loadTracker } from './tracker.mts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folder: { type: 'string', default: join(tmpdir(), 'zsweep-eval-beats') },
    seconds: { type: 'string', default: '8' },
    size: { type: 'string', default: '128' },
    /** Another copy of zsweep to render with (as eval-beats.mts --before), its pictures named ID-before-*.png. */
    before: { type: 'string' },
  },
});
const id = positionals[0] ?? 'drascula-track1';
const docsRoot = resolve(import.meta.dirname, '../..');
const root = values.before ? resolve(values.before) : docsRoot;
const tag = values.before ? `${id}-before` : id;
const ffmpeg = (await import('@ffmpeg-installer/ffmpeg')).default.path as string;
const folder = resolve(values.folder);
const wav = join(folder, `${id}.wav`);
const seconds = Number(values.seconds);
const size = Number(values.size);
const fps = 30;
const out = join(docsRoot, 'docs/music');
mkdirSync(out, { recursive: true });

const video = join(folder, `${tag}.plot.mp4`);
execFileSync(
  process.execPath,
  [
    join(root, 'bin/zsweep.js'),
    '--seed',
    '1',
    '--size',
    `${size}x${size}`,
    '--audio',
    wav,
    '--audio-end',
    String(seconds),
    '--crf',
    '0',
    '-o',
    video,
    '--quiet',
    '--force',
  ],
  { stdio: 'pipe' },
);
const rgb = execFileSync(ffmpeg, ['-v', 'error', '-i', video, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 30 });
const bytes = new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length);
const { motion, peaks } = motionPeaks(bytes, size, size, fps);
const reference = referenceBeats(wav).ticks.filter((t) => t < seconds);
const ours = (await (await loadTracker(values.before ? 'before' : 'after', root)).track(wav, ffmpeg)).beats.filter((t) => t < seconds);

// Motion per frame: change arriving at frame i is drawn at time i / fps.
{
  const [w, h, pad] = [900, 260, 36];
  const canvas = createCanvas(w, h);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, w, h);
  const x = (t: number) => pad + ((w - 2 * pad) * t) / seconds;
  const top = Math.max(...motion) * 1.1;
  const y = (v: number) => h - pad - ((h - 2 * pad) * v) / top;
  g.lineWidth = 2;
  for (const t of reference) {
    g.strokeStyle = 'rgba(220,40,40,0.55)';
    g.beginPath();
    g.moveTo(x(t), pad);
    g.lineTo(x(t), h - pad);
    g.stroke();
  }
  g.fillStyle = '#1a7f37';
  for (const t of ours) g.fillRect(x(t) - 3, h - pad + 4, 6, 6);
  g.strokeStyle = '#222';
  g.lineWidth = 1.5;
  g.beginPath();
  motion.forEach((v, i) => {
    if (i === 0) g.moveTo(x((i + 1) / fps), y(v));
    else g.lineTo(x((i + 1) / fps), y(v));
  });
  g.stroke();
  g.fillStyle = '#1f5fbf';
  for (const t of peaks) {
    const i = Math.round(t * fps) - 1;
    g.beginPath();
    g.arc(x(t), y(motion[i]), 3.5, 0, 2 * Math.PI);
    g.fill();
  }
  g.fillStyle = '#222';
  g.font = '13px sans-serif';
  g.fillText(`${tag}: mean change per channel per frame (black), its peaks (blue), reference beats (red), zsweep's beats (green)`, pad, 20);
  for (let s = 0; s <= seconds; s++) g.fillText(`${s} s`, x(s) - 8, h - 8);
  writeFileSync(join(out, `${tag}-motion.png`), canvas.toBuffer('image/png'));
}

// Frames at eight consecutive beats from the second, and halfway to the next under each.
{
  const beats = ours.slice(1, 10);
  const cell = 96;
  const canvas = createCanvas(cell * 8, cell * 2 + 20);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const frameBytes = size * size * 3;
  const draw = (t: number, col: number, row: number) => {
    const f = Math.min(Math.round(t * fps), bytes.length / frameBytes - 1);
    const tile = createCanvas(size, size);
    const image = tile.getContext('2d').createImageData(size, size);
    for (let p = 0; p < size * size; p++) {
      image.data.set(bytes.subarray(f * frameBytes + 3 * p, f * frameBytes + 3 * p + 3), 4 * p);
      image.data[4 * p + 3] = 255;
    }
    tile.getContext('2d').putImageData(image, 0, 0);
    g.drawImage(tile, col * cell, row * cell, cell - 2, cell - 2);
  };
  for (let k = 0; k < 8 && k + 1 < beats.length; k++) {
    draw(beats[k], k, 0);
    draw((beats[k] + beats[k + 1]) / 2, k, 1);
  }
  g.fillStyle = '#222';
  g.font = '12px sans-serif';
  g.fillText('top: the frame on each beat; bottom: halfway to the next beat', 4, cell * 2 + 14);
  writeFileSync(join(out, `${tag}-strip.png`), canvas.toBuffer('image/png'));
}
console.log(`wrote docs/music/${tag}-motion.png and docs/music/${tag}-strip.png`);
