import { writeFile } from 'node:fs/promises';
import type { Backend } from '../backends/backend.ts';
import type { Encoder, VideoSettings } from '../encoders/encoder.ts';
import { audioCutOf } from '../encoders/ffmpeg/ffmpeg-args.ts';
import type { FfmpegInfo } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { encoderOf, encodingInput, type Format, formats, type VideoFormatName } from '../encoders/formats.ts';
import { platformEncodingFor, platformTargets } from '../encoders/platform-targets.ts';
import { RenderInterrupted, UsageError, ZsweepError } from '../errors.ts';
import { defaultOutputFolder, defaultTarget, type PendingFile, prepareOutput } from '../output/output-file.ts';
import { prepareSequenceOutput } from '../output/output-sequence.ts';
import { asUsageError, asWriteFailed } from '../output/write-errors.ts';
import { recipeComment } from '../recipe/recipe.ts';
import { joinSegments } from '../segments/join-segments.ts';
import { manifestVersion, openWorkFolder } from '../segments/manifest.ts';
import { planSegments, workFolderOf } from '../segments/plan-segments.ts';
import { renderSegments } from '../segments/render-segments.ts';
import { wholeRender } from '../segments/shard.ts';
import { createFlashGuard } from './flash-guard.ts';
import { type FramePipeline, openFramePipeline } from './frame-pipeline.ts';
import { limitFlashes } from './limit-flashes.ts';
import { musicSweep } from './music-sweep.ts';
import { progressEvents } from './progress-events.ts';
import { renderFrames } from './render-frames.ts';
import type { AnimationRequest, RenderControl, RenderResult, SegmentPlan } from './render-request.ts';

/**
 * An animation: seeded network → latent per frame → backend → RGBA → encoder (the loop is
 * render-frames.ts). Writes to a temporary file and renames it onto the target only when complete; on
 * any error or abort the temporary file is removed and an existing target is untouched. A long video
 * goes through segments in a work folder instead, kept across runs so that a render can resume
 * (docs/long-renders.md). `started` is the recipe's backend, already started (render.ts); it is closed
 * here whatever happens.
 */
export async function renderAnimation(
  asked: AnimationRequest,
  control: RenderControl = {},
  started?: Promise<Backend>,
): Promise<RenderResult> {
  // Until a pipeline takes it (and then closes it), the started backend is closed here.
  const unclaimed = { started };
  try {
    return await renderWith(asked, control, unclaimed);
  } finally {
    await unclaimed.started?.then(
      (backend) => backend.close(),
      () => {},
    );
  }
}

async function renderWith(
  asked: AnimationRequest,
  { signal, onEvent }: RenderControl,
  unclaimed: { started?: Promise<Backend> },
): Promise<RenderResult> {
  const request = await withFlashLimit(asked, { signal, onEvent });
  const { recipe, segments, ffmpeg } = request;
  const format: Format = formats[request.output.format];
  const started = performance.now();
  if (format.video && !ffmpeg) throw new Error(`a ${format.label} render needs request.ffmpeg (findFfmpeg)`);
  const target =
    request.output.path ??
    (await defaultTarget(request.output.folder ?? defaultOutputFolder, `zsweep-${recipe.seed}`, `.${format.extensions[0]}`));
  // A shard writes no final file: `zsweep join` does, once every shard is done.
  const output =
    segments?.shard !== undefined
      ? undefined
      : format.sequence
        ? await prepareSequenceOutput(target, { force: request.output.force, frames: recipe.frames })
        : await prepareOutput(target, { force: request.output.force, fresh: request.output.path === undefined });
  const recipeFile =
    request.recipeOut === undefined
      ? undefined
      : await prepareOutput(request.recipeOut, { force: request.output.force, option: 'recipe-out' });

  let pipeline: FramePipeline | undefined;
  let done: { backend: string; segments?: RenderResult['segments'] };
  try {
    const early = unclaimed.started;
    unclaimed.started = undefined;
    pipeline = await openFramePipeline(recipe, request.backend, { sweep: musicSweep(recipe, request.audio), started: early });
    onEvent?.({
      type: 'started',
      kind: 'animation',
      width: recipe.width,
      height: recipe.height,
      frames: recipe.frames,
      fps: recipe.fps,
      aa: recipe.aa,
      seed: recipe.seed,
      backend: pipeline.backend.name,
      ...(recipe.speed === undefined ? {} : { speed: { speed: recipe.speed, radius: recipe.sweep.radius } }),
      ...(ffmpeg ? { ffmpeg } : {}),
      ...(request.audio && recipe.audio ? { audio: { track: request.audio, react: recipe.audio.react, turns: recipe.audio.turns } } : {}),
      ...(recipe.beat ? { beat: recipe.beat } : {}),
      ...(recipe.target ? { target: recipe.target } : {}),
    });
    // Only --flash-limit off, said on the command line, lets a flashing file be written.
    const guarded = request.flashGuard !== false;
    const platform = recipe.target ? platformTargets[recipe.target] : undefined;
    // A platform without sound (Spotify Canvas) gets none: the track only drives the motion.
    const sound = platform?.sound === 'none' ? undefined : request.audio?.path;
    const cut = sound === undefined ? undefined : audioCutOf(recipe.audio);
    const video: VideoSettings | undefined =
      ffmpeg && recipe.video
        ? {
            crf: recipe.video.crf,
            ...(recipe.video.quality ? { quality: recipe.video.quality } : {}),
            ffmpegPath: ffmpeg.path,
            audio: sound,
            ...(cut ? { audioCut: cut } : {}),
            ...(platform?.encoding ? { platform: platformEncodingFor(platform, recipe.frames / recipe.fps) } : {}),
          }
        : undefined;
    done =
      segments && video && ffmpeg
        ? await renderInSegments(request, segments, { pipeline, guarded, target, output, video, ffmpeg, signal, onEvent })
        : await renderWhole(request, { pipeline, guarded, output: output!, video, signal, onEvent });
    if (recipeFile) {
      await writeFile(recipeFile.tempPath, `${JSON.stringify({ ...recipe, backend: done.backend }, null, 2)}\n`);
      await recipeFile.commit();
    }
  } catch (error) {
    await output?.discard();
    await recipeFile?.discard();
    throw error;
  } finally {
    await pipeline?.backend.close();
  }
  const path = segments?.shard !== undefined ? workFolderOf(target) : (output?.target ?? target);
  return {
    path,
    seed: recipe.seed,
    backend: done.backend,
    seconds: (performance.now() - started) / 1000,
    ...(ffmpeg ? { ffmpeg } : {}),
    ...(done.segments ? { segments: done.segments } : {}),
  };
}

interface Run {
  readonly pipeline: FramePipeline;
  /** Whether the frames written are watched for flashes (render/flash-guard.ts). */
  readonly guarded: boolean;
  readonly signal?: AbortSignal;
  readonly onEvent?: RenderControl['onEvent'];
}

/** Every frame into one encoder, one file. */
async function renderWhole(
  request: AnimationRequest,
  { pipeline, guarded, output, video, signal, onEvent }: Run & { output: PendingFile; video?: VideoSettings },
): Promise<{ backend: string }> {
  const { recipe, backend } = pipeline;
  const { width, height, fps, frames } = recipe;
  const format: Format = formats[request.output.format];
  const progress = progressEvents(onEvent, 'rendering', 'frames', frames);
  let encoder: Encoder | undefined;
  try {
    encoder = await encoderOf(format)({
      path: output.tempPath,
      width,
      height,
      fps,
      frames,
      comment: recipeComment(recipe, backend.name),
      video,
      ...(request.ffmpeg ? { ffmpegPath: request.ffmpeg.path } : {}),
      ...encodingInput(recipe.encoding),
      // A size cap met only at a lower frame rate or size: the file's recipe records it, and the user is told.
      commentWith: (reduced) => recipeComment({ ...recipe, encoding: { ...recipe.encoding, reduced } }, backend.name),
      onReduced: (reduced, psnr) =>
        onEvent?.({ type: 'reduced', format: format.label, fps, width, height, reduced, ...(psnr === undefined ? {} : { psnr }) }),
    });
    await renderFrames(pipeline, encoder, {
      start: 0,
      end: frames,
      signal,
      onFrame: (frame) => progress(frame + 1),
      ...(guarded ? { guard: createFlashGuard({ fps, width, height }) } : {}),
    });
    await encoder.finish();
    await output.commit();
  } catch (error) {
    await encoder?.abort();
    throw asWriteFailed(error, output.target);
  }
  return { backend: backend.name };
}

/**
 * The missing segments of this shard (all of them, without a shard) into the work folder beside the
 * target; then, for a whole render, the join into the target.
 */
async function renderInSegments(
  request: AnimationRequest,
  { segmentFrames, shard }: SegmentPlan,
  run: Run & { target: string; output: PendingFile | undefined; video: VideoSettings; ffmpeg: FfmpegInfo },
): Promise<{ backend: string; segments?: RenderResult['segments'] }> {
  const { pipeline, guarded, target, output, ffmpeg, signal, onEvent } = run;
  const { fps, width, height } = pipeline.recipe;
  // Segments are video alone: the soundtrack is muxed into the joined file, in one piece.
  const video = { ...run.video, audio: undefined };
  const format = request.output.format as VideoFormatName;
  const codec = formats[format].video;
  const folder = workFolderOf(target);
  const total = planSegments(pipeline.recipe.frames, segmentFrames).length;
  const manifest = {
    zsweepParts: manifestVersion,
    format,
    encoder: codec.encoder,
    crf: video.crf,
    ...(video.quality ? { quality: video.quality } : {}),
    ffmpeg: ffmpeg.version,
    segmentFrames,
    segments: total,
    recipe: pipeline.recipe,
  } as const;
  const opened = await openWorkFolder(folder, manifest, { replace: request.output.force, sharded: shard !== undefined }).catch((error) => {
    throw asUsageError(error, folder);
  });
  onEvent?.({ type: 'segments', folder, total, segmentFrames, opened, ...(shard ? { shard } : {}) });
  const guard = guarded ? () => createFlashGuard({ fps, width, height }) : undefined;
  const done = await renderSegments({
    pipeline,
    folder,
    format,
    segmentFrames,
    shard: shard ?? wholeRender,
    video,
    signal,
    onEvent,
    guard,
  }).catch((error) => {
    // However the stop surfaced (between frames, or ffmpeg killed mid-segment), the finished segments stay.
    if (signal?.aborted) throw new RenderInterrupted('render interrupted', { workFolder: folder });
    if (error instanceof ZsweepError && !(error instanceof UsageError)) {
      error.afterword = `the finished segments are kept in ${folder}: run the same command again to resume`;
    }
    throw error;
  });
  if (shard !== undefined) {
    onEvent?.({ type: 'shard-done', folder, target, present: done.present, total: done.total });
    return { backend: pipeline.backend.name, segments: { present: done.present, total: done.total } };
  }
  return joinSegments({ folder, manifest, output: output!, ffmpegPath: ffmpeg.path, signal, audio: run.video.audio });
}

/** The request with its accents weakened where the frames would flash more than 3 times a second. */
async function withFlashLimit(request: AnimationRequest, { signal, onEvent }: RenderControl): Promise<AnimationRequest> {
  if (!request.flashLimit) return request;
  const limited = await limitFlashes(request.recipe, request.audio, { signal });
  if (!limited) return request;
  onEvent?.({ type: 'flash-limit', ...limited.report });
  return { ...request, recipe: limited.recipe };
}
