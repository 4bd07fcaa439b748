/**
 * The pictures and figures of docs/look.md: a contact sheet of the nine presets, a grid of 16 seeds
 * per topology at its defaults, and the motion per frame of each topology before and after --speed.
 *
 *   node --import tsx scripts/look-sheets.mts [folder]     (default docs/look)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { architectures } from '../src/cppn/network/network.ts';
import { completePicture, recipeOf } from '../src/options/complete-picture.ts';
import { presets } from '../src/recipe/presets.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { openFramePipeline } from '../src/render/frame-pipeline.ts';
import { measureLook } from '../src/render/measure-look.ts';
import { render } from '../src/render/render.ts';

const folder = process.argv[2] ?? 'docs/look';
mkdirSync(folder, { recursive: true });
const shape = { width: 128, height: 128, fps: 30, frames: 120, aa: 1 };

// The nine presets, each at its first frame, named.
const presetPictures = presets.map((preset) => completePicture(preset.draft));
await render({
  kind: 'sheet',
  recipes: presetPictures.map((picture) => recipeOf(picture, shape)),
  labels: presets.map((preset) => preset.slug),
  look: presetPictures[0].look,
  cell: 128,
  columns: 9,
  output: { format: 'png', path: join(folder, 'presets.png'), force: true },
  backend: 'cpu',
});

// 16 seeds of each topology with no options but its name.
for (const arch of architectures) {
  const pictures = Array.from({ length: 16 }, (_, i) => completePicture({ arch, seed: String(i + 1) }));
  await render({
    kind: 'sheet',
    recipes: pictures.map((picture) => recipeOf(picture, { ...shape, width: 96, height: 96 })),
    look: pictures[0].look,
    cell: 96,
    columns: 8,
    output: { format: 'png', path: join(folder, `grid-${arch}.png`), force: true },
    backend: 'cpu',
  });
}

/** Mean change per channel between consecutive frames of the whole loop (0–255), and the luminance spread of frame 0. */
async function motionOf(recipe: Recipe): Promise<{ motion: number; spread: number }> {
  const { width, height, frames } = recipe;
  const { backend, sweep, colouring } = await openFramePipeline(recipe, 'cpu');
  let previous: Uint8ClampedArray | undefined;
  let total = 0;
  let spread = 0;
  for (let frame = 0; frame <= frames; frame++) {
    const rgba = colouring(await backend.evaluate(sweep(frame % frames, frames)), new Uint8ClampedArray(width * height * 4));
    if (previous) for (let i = 0; i < rgba.length; i++) if (i % 4 !== 3) total += Math.abs(rgba[i] - previous[i]);
    if (frame === 0) {
      const luma = Array.from(
        { length: width * height },
        (_, p) => 0.2126 * rgba[p * 4] + 0.7152 * rgba[p * 4 + 1] + 0.0722 * rgba[p * 4 + 2],
      );
      const mean = luma.reduce((a, b) => a + b, 0) / luma.length;
      spread = Math.sqrt(luma.reduce((a, b) => a + (b - mean) ** 2, 0) / luma.length);
    }
    previous = rgba;
  }
  await backend.close();
  return { motion: total / (frames * width * height * 3), spread };
}

const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
console.log('| topology | before: motion per frame | before: luminance spread | after: motion per frame | after: luminance spread |');
console.log('| --- | --- | --- | --- | --- |');
for (const arch of architectures) {
  const before: { motion: number; spread: number }[] = [];
  const after: { motion: number; spread: number }[] = [];
  for (let seed = 1; seed <= 8; seed++) {
    // Before: the old defaults (β 256, the circle of radius 1 about the origin, raw outputs).
    const old = completePicture({ arch, seed: String(seed), beta: 256, radius: 1, centre: [0], levels: 'none' });
    before.push(await motionOf(recipeOf(old, shape)));
    const picture = completePicture({ arch, seed: String(seed) });
    after.push(await motionOf(await measureLook(recipeOf(picture, shape), picture.look)));
  }
  const column = (rows: { motion: number; spread: number }[], key: 'motion' | 'spread') => range(rows.map((row) => row[key]));
  console.log(
    `| ${arch} | ${column(before, 'motion')} | ${column(before, 'spread')} | ${column(after, 'motion')} | ${column(after, 'spread')} |`,
  );
}
