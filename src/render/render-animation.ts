import { mkdir, writeFile } from 'node:fs/promises';
import { createAudioSweep } from '../audio/audio-sweep.ts';
import { reactToAudio } from '../audio/react.ts';
import { selectBackend } from '../backends/select-backend.ts';
import { boxDownsample } from './box-downsample.ts';
import { videoCodecs } from '../encoders/ffmpeg/ffmpeg-args.ts';
import { findFfmpeg, type FfmpegInfo } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { createEncoder, needsFfmpeg, type VideoSettings } from '../encoders/select-encoder.ts';
import { createGrid } from '../cppn/pixel-grid.ts';
import { buildNetwork } from '../cppn/network/network.ts';
import { defaultOutputFolder, reactText, type RenderOptions, type SegmentOptions } from '../options/options.ts';
import { freshPath, prepareOutput, type PendingFile } from '../output/output-file.ts';
import { prepareSequenceOutput } from '../output/output-sequence.ts';
import { createProgress } from '../cli/progress-bar.ts';
import { recipeComment } from '../recipe/recipe.ts';
import { renderFrames, type FramePipeline } from './render-frames.ts';
import { joinSegments } from '../segments/join-segments.ts';
import { manifestVersion, openWorkFolder } from '../segments/manifest.ts';
import { planSegments, workFolderOf } from '../segments/plan-segments.ts';
import { renderSegments } from '../segments/render-segments.ts';
import { wholeRender } from '../segments/shard.ts';
import { createSweep, type Sweep } from '../cppn/sweep.ts';
import { asUsageError, asWriteFailed } from '../output/write-errors.ts';

export interface RenderResult {
  /** The file written; for a shard, its work folder. */
  readonly path: string;
  /** The backend that actually evaluated the frames. */
  readonly backend: string;
  readonly seconds: number;
  /** The ffmpeg that wrote a video; undefined for other formats. */
  readonly ffmpeg?: FfmpegInfo;
  /** For a shard: how many segments its work folder holds now, of how many. */
  readonly segments?: { readonly present: number; readonly total: number };
}

/**
 * A render: seeded network → latent per frame → backend → RGBA → encoder (the loop is render-frames.ts).
 * Writes to a temporary file and renames it onto the target only when complete; on any error or
 * abort the temporary file is removed and an existing target is untouched. A long video goes through
 * segments in a work folder instead, kept across runs so that a render can resume (docs/long-renders.md).
 */
export async function render(options: RenderOptions, { signal }: { signal?: AbortSignal } = {}): Promise<RenderResult> {
  const { recipe, segments } = options;
  const { width, height, frames, fps, aa } = recipe;
  const started = performance.now();
  // Found and checked before anything is written or evaluated: a missing ffmpeg costs no time.
  const ffmpeg = needsFfmpeg(options.format)
    ? await findFfmpeg({ explicit: options.ffmpeg, env: process.env, encoder: videoCodecs[options.format].encoder })
    : undefined;
  const target = options.out ?? await defaultTarget(options);
  // A shard writes no final file: `zsweep join` does, once every shard is done.
  const output = segments?.shard !== undefined ? undefined : options.format === 'png-sequence'
    ? await prepareSequenceOutput(target, { force: options.force, frames })
    : await prepareOutput(target, { force: options.force, fresh: options.out === undefined });
  const recipeFile = options.recipeOut === undefined ? undefined : await prepareOutput(options.recipeOut, { force: options.force, option: 'recipe-out' });

  const network = buildNetwork(recipe.network, recipe.seed);
  // Supersampling evaluates a grid aa times as fine over the same picture, then shrinks each frame.
  const grid = createGrid(width * aa, height * aa, recipe.scale);
  const sweep = createRenderSweep(options);
  const backend = await selectBackend(options.backend, { network, grid });
  // Supersampled frames are shrunk by an exact box average of each aa × aa block (aa 1: as they are).
  const downscale = (rgba: Uint8ClampedArray) => boxDownsample(rgba, grid.width, grid.height, aa);
  const pipeline: FramePipeline = { recipe, backend, grid, sweep, downscale };
  if (!options.quiet) {
    process.stderr.write(`zsweep: ${width}×${height}${aa > 1 ? ` (supersampled ${aa}×)` : ''}, ${frames} frames at ${fps} fps, seed ${recipe.seed}, backend ${backend.name}\n`);
    if (ffmpeg) process.stderr.write(`zsweep: ffmpeg ${ffmpeg.version} (${ffmpeg.source}: ${ffmpeg.path})\n`);
    if (options.audio && recipe.audio) {
      const { name, durationSeconds, analysisSeconds } = options.audio;
      process.stderr.write(`zsweep: audio ${name}, ${durationSeconds.toFixed(1)} s (analysed in ${analysisSeconds.toFixed(1)} s), ${reactText(recipe.audio.react)}, ${recipe.audio.turns} turn${recipe.audio.turns === 1 ? '' : 's'}\n`);
    }
  }
  const video = ffmpeg && options.crf !== undefined ? { crf: options.crf, ffmpegPath: ffmpeg.path, audio: options.audio?.path } : undefined;

  let done: { backend: string; segments?: RenderResult['segments'] };
  try {
    done = segments && video && ffmpeg
      ? await renderInSegments(options, segments, { pipeline, target, output, video, ffmpeg, signal, audio: options.audio?.path })
      : await renderWhole(options, { pipeline, output: output!, video, signal });
    if (recipeFile) {
      await writeFile(recipeFile.tempPath, JSON.stringify({ ...recipe, backend: done.backend }, null, 2) + '\n');
      await recipeFile.commit();
    }
  } catch (error) {
    await output?.discard();
    await recipeFile?.discard();
    throw error;
  } finally {
    await backend.close();
  }
  const path = segments?.shard !== undefined ? workFolderOf(target) : output?.target ?? target;
  return { path, backend: done.backend, seconds: (performance.now() - started) / 1000, ffmpeg, segments: done.segments };
}

/** Every frame into one encoder, one file. */
async function renderWhole(
  options: RenderOptions,
  { pipeline, output, video, signal }: { pipeline: FramePipeline; output: PendingFile; video?: VideoSettings; signal?: AbortSignal },
): Promise<{ backend: string }> {
  const { recipe, backend } = pipeline;
  const { width, height, fps, frames } = recipe;
  const progress = createProgress(frames, { quiet: options.quiet, label: 'rendering' });
  let encoder;
  try {
    encoder = await createEncoder(options.format, { path: output.tempPath, width, height, fps, frames, comment: recipeComment(recipe, backend.name) }, video);
    await renderFrames(pipeline, encoder, { start: 0, end: frames, signal, onFrame: (frame) => progress.update(frame + 1) });
    await encoder.finish();
    await output.commit();
  } catch (error) {
    await encoder?.abort();
    throw asWriteFailed(error, output.target);
  } finally {
    progress.stop();
  }
  return { backend: backend.name };
}

/**
 * The missing segments of this shard (all of them, without --shard) into the work folder beside the
 * target; then, for a whole render, the join into the target.
 */
async function renderInSegments(
  options: RenderOptions,
  { segmentFrames, shard }: SegmentOptions,
  input: {
    pipeline: FramePipeline; target: string; output: PendingFile | undefined; video: VideoSettings; ffmpeg: FfmpegInfo;
    signal?: AbortSignal; audio?: string;
  },
): Promise<{ backend: string; segments?: RenderResult['segments'] }> {
  const { pipeline, target, output, ffmpeg, signal, audio } = input;
  // Segments are video alone: the soundtrack is muxed into the joined file, in one piece.
  const video = { ...input.video, audio: undefined };
  const format = options.format as keyof typeof videoCodecs;
  const folder = workFolderOf(target);
  const total = planSegments(pipeline.recipe.frames, segmentFrames).length;
  const manifest = {
    zsweepParts: manifestVersion, format, encoder: videoCodecs[format].encoder, crf: video.crf, ffmpeg: ffmpeg.version,
    segmentFrames, segments: total, recipe: pipeline.recipe,
  } as const;
  const opened = await openWorkFolder(folder, manifest).catch((error) => { throw asUsageError(error, folder); });
  if (!options.quiet) {
    const share = shard ? `; shard ${shard.index}/${shard.count} renders its share` : '';
    process.stderr.write(`zsweep: ${folder}: ${total} segments of ${segmentFrames} frames (${opened})${share}; if stopped, the same command resumes\n`);
  }
  const done = await renderSegments({ pipeline, folder, format, segmentFrames, shard: shard ?? wholeRender, video, quiet: options.quiet, signal });
  if (shard !== undefined) {
    if (!options.quiet) {
      process.stderr.write(done.present === done.total
        ? `zsweep: all ${done.total} segments are there: zsweep join ${folder} --out ${target}\n`
        : `zsweep: ${done.present} of ${done.total} segments are there; when every shard is done: zsweep join ${folder} --out ${target}\n`);
    }
    return { backend: pipeline.backend.name, segments: done };
  }
  return joinSegments({ folder, manifest, output: output!, ffmpegPath: ffmpeg.path, signal, audio });
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
  await mkdir(defaultOutputFolder, { recursive: true }).catch((error) => { throw asUsageError(error, defaultOutputFolder); });
  // A fresh name rather than a refusal: repeating `zsweep --seed 42` should just work.
  return freshPath(defaultOutputFolder, `zsweep-${options.recipe.seed.replace(/[^\w.-]+/g, '_')}`, `.${options.format}`);
}
