import { mkdir, writeFile } from 'node:fs/promises';
import { createAudioSweep } from './audio/audio-sweep.ts';
import { reactToAudio } from './audio/react.ts';
import { selectBackend } from './backends/select-backend.ts';
import { toRgba } from './colour.ts';
import { createDownscaler } from './downscale.ts';
import { videoCodecs } from './encoders/ffmpeg-args.ts';
import { findFfmpeg, type FfmpegInfo } from './encoders/find-ffmpeg.ts';
import { createEncoder, needsFfmpeg } from './encoders/select-encoder.ts';
import { createGrid } from './grid.ts';
import { buildNetwork } from './network/network.ts';
import { defaultOutputFolder, reactText, type RenderOptions } from './options.ts';
import { freshPath, prepareOutput } from './output-file.ts';
import { prepareSequenceOutput } from './output-sequence.ts';
import { createProgress } from './progress.ts';
import { recipeComment } from './recipe.ts';
import { createSweep, type Sweep } from './sweep.ts';

export interface RenderResult {
  readonly path: string;
  /** The backend that actually evaluated the frames. */
  readonly backend: string;
  readonly seconds: number;
  /** The ffmpeg that wrote a video; undefined for other formats. */
  readonly ffmpeg?: FfmpegInfo;
}

/** Thrown when a render is stopped by its signal (Ctrl-C); the partial file is already removed. */
export class RenderInterrupted extends Error {
  override readonly name = 'RenderInterrupted';
}

/**
 * The one loop that joins the pipeline: seeded network → latent per frame → backend → RGBA → encoder.
 * Writes to a temporary file and renames it onto the target only when complete; on any error or
 * abort the temporary file is removed and an existing target is untouched.
 */
export async function render(options: RenderOptions, { signal }: { signal?: AbortSignal } = {}): Promise<RenderResult> {
  const { recipe } = options;
  const { width, height, frames, fps, aa } = recipe;
  const started = performance.now();
  // Found and checked before anything is written or evaluated: a missing ffmpeg costs no time.
  const ffmpeg = needsFfmpeg(options.format)
    ? await findFfmpeg({ explicit: options.ffmpeg, env: process.env, encoder: videoCodecs[options.format].encoder })
    : undefined;
  const target = options.out ?? await defaultTarget(options);
  const output = options.format === 'png-sequence'
    ? await prepareSequenceOutput(target, { force: options.force, frames })
    : await prepareOutput(target, { force: options.force });
  const recipeFile = options.recipeOut === undefined ? undefined : await prepareOutput(options.recipeOut, { force: options.force });

  const network = buildNetwork(recipe.network, recipe.seed);
  // Supersampling evaluates a grid aa times as fine over the same picture, then shrinks each frame.
  const grid = createGrid(width * aa, height * aa, recipe.scale);
  const downscale = createDownscaler(width, height, aa);
  const sweep = createRenderSweep(options);
  const backend = await selectBackend(options.backend, { network, grid });
  if (!options.quiet) {
    process.stderr.write(`zsweep: ${width}×${height}${aa > 1 ? ` (supersampled ${aa}×)` : ''}, ${frames} frames at ${fps} fps, seed ${recipe.seed}, backend ${backend.name}\n`);
    if (ffmpeg) process.stderr.write(`zsweep: ffmpeg ${ffmpeg.version} (${ffmpeg.source}: ${ffmpeg.path})\n`);
    if (options.audio && recipe.audio) {
      const { name, durationSeconds, analysisSeconds } = options.audio;
      process.stderr.write(`zsweep: audio ${name}, ${durationSeconds.toFixed(1)} s (analysed in ${analysisSeconds.toFixed(1)} s), ${reactText(recipe.audio.react)}, ${recipe.audio.turns} turn${recipe.audio.turns === 1 ? '' : 's'}\n`);
    }
  }

  const progress = createProgress(frames, { quiet: options.quiet, label: 'rendering' });
  let encoder;
  try {
    encoder = await createEncoder(
      options.format,
      { path: output.tempPath, width, height, fps, frames, comment: recipeComment(recipe, backend.name) },
      ffmpeg && options.crf !== undefined ? { crf: options.crf, ffmpegPath: ffmpeg.path, audio: options.audio?.path } : undefined,
    );
    // Frame n+1 is evaluated while frame n is encoded, where the backend runs off the main thread.
    const evaluate = (frame: number) => {
      const promise = backend.evaluate(sweep(frame, frames));
      // If encoding fails first, this evaluation's own failure must not surface as an unhandled rejection.
      promise.catch(() => {});
      return promise;
    };
    let next = evaluate(0);
    for (let frame = 0; frame < frames; frame++) {
      const outputs = await next;
      if (signal?.aborted) throw new RenderInterrupted('render interrupted');
      // A fresh array per frame: the encoder owns it until written, and gifenc needs it to own its buffer.
      // Converted before the next evaluation starts, since a backend may reuse its output array.
      const rgba = downscale(toRgba(outputs, recipe.colour, new Uint8ClampedArray(grid.width * grid.height * 4)));
      if (frame + 1 < frames) next = evaluate(frame + 1);
      await encoder.writeFrame(rgba);
      progress.update(frame + 1);
      // Let signal handlers run between frames.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await encoder.finish();
    if (recipeFile) {
      await writeFile(recipeFile.tempPath, JSON.stringify({ ...recipe, backend: backend.name }, null, 2) + '\n');
      await recipeFile.commit();
    }
    await output.commit();
  } catch (error) {
    await encoder?.abort();
    await output.discard();
    await recipeFile?.discard();
    throw error;
  } finally {
    progress.stop();
    await backend.close();
  }
  return { path: target, backend: backend.name, seconds: (performance.now() - started) / 1000, ffmpeg };
}

/** z per frame: at constant speed, or, with a soundtrack, as the track drives it (worked out for all frames here, before the loop). */
function createRenderSweep({ recipe, audio }: RenderOptions): Sweep {
  const { sweep, network, seed, frames, fps } = recipe;
  if (!recipe.audio || !audio) return createSweep(sweep, network.latent, seed);
  const { react, turns } = recipe.audio;
  const motion = reactToAudio(audio.features, react, turns, frames, fps);
  return createAudioSweep(sweep, network.latent, seed, motion, react.pulseAmount, turns);
}

async function defaultTarget(options: RenderOptions): Promise<string> {
  await mkdir(defaultOutputFolder, { recursive: true });
  // A fresh name rather than a refusal: repeating `zsweep --seed 42` should just work.
  return freshPath(defaultOutputFolder, `zsweep-${options.recipe.seed.replace(/[^\w.-]+/g, '_')}`, `.${options.format}`);
}
