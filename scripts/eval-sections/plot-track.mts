/**
 * A picture of a whole track for marking its sections by eye, a minute a panel: ffmpeg's spectrogram of the
 * minute (log frequency, 16 px a second), under it zsweep's chroma (C at the bottom, each column scaled to its
 * largest class) and loudness (60 dB), with a tick every second and a label every 10. Boundaries, when
 * given, are drawn over it: marked in green (top half), detected in red (bottom half); downbeats as dots; the
 * novelty curve in white over the loudness.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { AudioFeatures } from '../../src/audio/audio-analyser.ts';

const pxPerSecond = 16;
const panelSeconds = 60;
const [specH, chromaH, loudH, axisH] = [160, 72, 40, 16];
const panelH = specH + chromaH + loudH + axisH + 6;

export interface Overlay {
  readonly detected?: readonly number[];
  readonly marked?: readonly number[];
  readonly downbeats?: readonly number[];
  /** The novelty curve (find-sections.ts), drawn in white over the loudness. */
  readonly novelty?: { readonly novelty: Float64Array; readonly blockSeconds: number };
}

export async function plotTrack(path: string, audio: string, ffmpeg: string, features: AudioFeatures, overlay: Overlay = {}) {
  const texture = features.texture;
  if (!texture) throw new Error('no texture features');
  const duration = features.samples / features.sampleRate;
  const panels = Math.ceil(duration / panelSeconds);
  const width = panelSeconds * pxPerSecond;
  const canvas = createCanvas(width, panels * panelH);
  const g = canvas.getContext('2d');
  g.fillStyle = '#000';
  g.fillRect(0, 0, width, panels * panelH);
  const scratch = mkdtempSync(join(tmpdir(), 'zsweep-plot-'));
  try {
    for (let p = 0; p < panels; p++) {
      const top = p * panelH;
      const spectrum = join(scratch, `${p}.png`);
      // The last minute is drawn as wide as it is long (the bundled ffmpeg's apad cannot pad to a length).
      const seconds = Math.min(panelSeconds, duration - p * panelSeconds);
      execFileSync(ffmpeg, [
        ...['-v', 'error', '-y', '-ss', String(p * panelSeconds), '-t', String(panelSeconds), '-i', audio],
        ...[
          '-lavfi',
          `aformat=channel_layouts=mono,showspectrumpic=s=${Math.max(16, Math.round(seconds * pxPerSecond))}x${specH}:legend=0:fscale=log:scale=log:drange=70:color=magma`,
        ],
        spectrum,
      ]);
      g.drawImage(await loadImage(spectrum), 0, top);
      drawChroma(g, features, p * panelSeconds, top + specH);
      drawLoudness(g, features, p * panelSeconds, top + specH + chromaH);
      drawAxis(g, p * panelSeconds, top + specH + chromaH + loudH, duration);
      drawOverlay(g, overlay, p * panelSeconds, top);
      if (overlay.novelty) drawNovelty(g, overlay.novelty, p * panelSeconds, top + specH + chromaH);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(path, canvas.toBuffer('image/png'));
}

type Context = ReturnType<ReturnType<typeof createCanvas>['getContext']>;

function drawChroma(g: Context, features: AudioFeatures, from: number, top: number) {
  const texture = features.texture;
  if (!texture) return;
  const rowH = chromaH / 12;
  const first = Math.floor(from * texture.rate);
  const last = Math.min(texture.frames, Math.ceil((from + panelSeconds) * texture.rate));
  for (let f = first; f < last; f++) {
    const c = Array.from({ length: 12 }, (_, k) => Math.sqrt(texture.chroma[f * 12 + k]));
    const m = Math.max(...c, 1e-9);
    const x = (f / texture.rate - from) * pxPerSecond;
    for (let k = 0; k < 12; k++) {
      const v = Math.round(255 * (c[k] / m) ** 2);
      g.fillStyle = `rgb(${v},${v},${Math.round(v * 0.5)})`;
      g.fillRect(x, top + chromaH - (k + 1) * rowH, Math.ceil(pxPerSecond / texture.rate) + 1, Math.ceil(rowH));
    }
  }
}

function drawLoudness(g: Context, features: AudioFeatures, from: number, top: number) {
  g.strokeStyle = '#8cf';
  g.beginPath();
  const rowsPerPx = features.rate / pxPerSecond;
  for (let x = 0; x < panelSeconds * pxPerSecond; x++) {
    const first = Math.floor(from * features.rate + x * rowsPerPx);
    let sum = 0;
    let n = 0;
    for (let r = first; r < Math.min(features.loudness.length, first + rowsPerPx); r++, n++) sum += features.loudness[r] ** 2;
    if (n === 0) break;
    const y = top + loudH * Math.min(1, Math.max(0, -(10 * Math.log10(sum / n + 1e-10)) / 60));
    if (x === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.stroke();
}

function drawNovelty(g: Context, { novelty, blockSeconds }: NonNullable<Overlay['novelty']>, from: number, top: number) {
  const largest = Math.max(1e-9, ...novelty);
  g.strokeStyle = '#fff';
  g.beginPath();
  for (let t = Math.floor(from / blockSeconds); t < Math.min(novelty.length, (from + panelSeconds) / blockSeconds); t++) {
    const [x, y] = [(t * blockSeconds - from) * pxPerSecond, top + loudH * (1 - Math.max(0, novelty[t]) / largest)];
    if (t === Math.floor(from / blockSeconds)) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.stroke();
}

function drawAxis(g: Context, from: number, top: number, duration: number) {
  g.fillStyle = '#fff';
  g.font = '11px sans-serif';
  for (let s = 0; s < panelSeconds && from + s <= duration; s++) {
    const x = s * pxPerSecond;
    g.fillRect(x, top, 1, s % 10 === 0 ? 8 : 3);
    if (s % 10 === 0) {
      const t = from + s;
      g.fillText(`${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`, x + 2, top + 14);
    }
  }
}

function drawOverlay(g: Context, { detected = [], marked = [], downbeats = [] }: Overlay, from: number, top: number) {
  const xOf = (t: number) => (t - from) * pxPerSecond;
  const inPanel = (t: number) => t >= from && t < from + panelSeconds;
  g.fillStyle = 'rgba(255,255,255,0.8)';
  for (const d of downbeats.filter(inPanel)) g.fillRect(xOf(d), top + specH + chromaH + loudH + 9, 2, 2);
  g.fillStyle = '#0f0';
  for (const t of marked.filter(inPanel)) g.fillRect(xOf(t) - 1, top, 3, (specH + chromaH) / 2);
  g.fillStyle = '#f33';
  for (const t of detected.filter(inPanel)) g.fillRect(xOf(t) - 1, top + (specH + chromaH) / 2, 3, (specH + chromaH) / 2 + loudH);
}
