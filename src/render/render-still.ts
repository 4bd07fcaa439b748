import type { PixelGrid } from '../cppn/pixel-grid.ts';
import { createPixelGrid } from '../cppn/pixel-grid.ts';
import { type Format, formats, pictureOf } from '../encoders/formats.ts';
import { defaultOutputFolder, defaultTarget, prepareOutput } from '../output/output-file.ts';
import { recipeComment } from '../recipe/recipe.ts';
import { boxDownsample } from './box-downsample.ts';
import { openFramePipeline } from './frame-pipeline.ts';
import { nextTurn } from './next-turn.ts';
import { progressEvents } from './progress-events.ts';
import type { RenderControl, RenderResult, StillRequest } from './render-request.ts';

/** Samples evaluated at once: bounds the memory of a still of any size. */
const defaultBandSamples = 1 << 20;

/**
 * One frame of the sweep at any size (album art is 3000×3000), evaluated in bands of rows so that
 * memory is bounded by the band and the picture, not the supersampled picture, and supersampled
 * `aa × aa` times per pixel.
 */
export async function renderStill(request: StillRequest, { signal, onEvent }: RenderControl = {}): Promise<RenderResult> {
  const { recipe, frame, bandSamples = defaultBandSamples } = request;
  const { width, height, aa } = recipe;
  const format: Format = formats[request.output.format];
  const started = performance.now();
  const target =
    request.output.path ??
    (await defaultTarget(request.output.folder ?? defaultOutputFolder, `still-${recipe.seed}`, `.${format.extensions[0]}`));
  const output = await prepareOutput(target, { force: request.output.force, fresh: request.output.path === undefined });
  const samples = createPixelGrid(width * aa, height * aa, recipe.scale);
  const bandRows = Math.min(height, Math.max(1, Math.floor(bandSamples / (width * aa * aa))));
  // One backend for every band: bands differ only in their rows, and starting one (worker threads,
  // kernel compilation) costs far more than a band.
  const bandGrid: PixelGrid = { width: width * aa, height: bandRows * aa, xs: samples.xs, ys: samples.ys.subarray(0, bandRows * aa) };
  let backendName = '';
  try {
    const { backend, sweep, colouring } = await openFramePipeline(recipe, request.backend, { grid: bandGrid });
    backendName = backend.name;
    try {
      onEvent?.({
        type: 'started',
        kind: 'still',
        width,
        height,
        frames: 1,
        fps: recipe.fps,
        aa,
        seed: recipe.seed,
        backend: backend.name,
      });
      const latent = sweep(frame, recipe.frames);
      const picture = pictureOf(format)({ path: output.tempPath, width, height, comment: recipeComment(recipe, backend.name), frame });
      const progress = progressEvents(onEvent, 'still', 'bands', Math.ceil(height / bandRows));
      for (let row = 0, band = 0; row < height; row += bandRows, band++) {
        const rows = Math.min(bandRows, height - row);
        const ys = samples.ys.subarray(row * aa, (row + rows) * aa);
        const bandRgba = colouring(await backend.evaluate(latent, ys), new Uint8ClampedArray(bandGrid.width * ys.length * 4));
        picture.write(boxDownsample(bandRgba, bandGrid.width, ys.length, aa), { x: 0, y: row, width, height: rows });
        progress(band + 1);
        await nextTurn(signal);
      }
      await picture.finish();
    } finally {
      await backend.close();
    }
    await output.commit();
  } catch (error) {
    await output.discard();
    throw error;
  }
  return { path: output.target, seed: recipe.seed, backend: backendName, seconds: (performance.now() - started) / 1000 };
}
