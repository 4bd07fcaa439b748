import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { audioCutOf, buildConcatArgs, flattenFfmpegArgs } from '../encoders/ffmpeg/ffmpeg-args.ts';
import { runFfmpeg } from '../encoders/ffmpeg/ffmpeg-process.ts';
import { muxAudio } from '../encoders/ffmpeg/mux-audio.ts';
import { formats } from '../encoders/formats.ts';
import { readVideoComment } from '../encoders/metadata/read-video-comment.ts';
import { UsageError } from '../errors.ts';
import type { PendingFile } from '../output/output-file.ts';
import { temporaryName } from '../output/temporary-name.ts';
import { asWriteFailed } from '../output/write-errors.ts';
import { recipeComment } from '../recipe/recipe.ts';
import { buildConcatList } from './concat-list.ts';
import type { Manifest } from './manifest.ts';
import { describeIndices, planSegments, segmentFileName } from './plan-segments.ts';
import { presentSegments } from './render-segments.ts';

export interface JoinSegmentsInput {
  readonly folder: string;
  readonly manifest: Manifest;
  /** The final file, prepared (checked, not yet written): committed here once complete. */
  readonly output: PendingFile;
  readonly ffmpegPath: string;
  readonly signal?: AbortSignal;
  /** The soundtrack of an audio-driven render (its content already checked against the recipe). */
  readonly audio?: string;
}

/**
 * Joins a work folder's segments into the final file without re-encoding, commits it, and removes the
 * work folder. When segments are missing, says which (and writes nothing).
 */
export async function joinSegments(input: JoinSegmentsInput): Promise<{ backend: string }> {
  const { folder, manifest, output, ffmpegPath, signal, audio } = input;
  const { recipe, format } = manifest;
  const codec = formats[format].video;
  const plan = planSegments(recipe.frames, manifest.segmentFrames);
  const present = await presentSegments(folder, format);
  const missing = plan.filter((s) => !present.has(s.index)).map((s) => s.index);
  if (missing.length > 0) {
    throw new UsageError(
      `Cannot join ${JSON.stringify(folder)}: ${missing.length} of ${plan.length} segments are missing (${describeIndices(missing)}); render them (the same command, or the --shard that owns them), then join again`,
    );
  }
  const backend = await segmentBackends(
    folder,
    plan.map((s) => segmentFileName(s.index, format)),
    manifest,
    ffmpegPath,
  );
  const list = join(folder, temporaryName('concat'));
  const silentVideo = `${list}.${format}`;
  try {
    await writeFile(list, buildConcatList(plan, recipe.fps, format));
    // With a soundtrack, the joined video is an intermediate file and the track is muxed in after,
    // in one piece (segments are video alone), copying the video stream.
    const joined = audio === undefined ? output.tempPath : silentVideo;
    await runFfmpeg(
      ffmpegPath,
      flattenFfmpegArgs(buildConcatArgs({ codec, list, path: joined, comment: recipeComment(recipe, backend) })),
      { signal },
    );
    if (audio !== undefined) {
      await muxAudio(ffmpegPath, {
        codec,
        video: joined,
        audio,
        durationSeconds: recipe.frames / recipe.fps,
        path: output.tempPath,
        audioCut: audioCutOf(recipe.audio),
      });
    }
    await output.commit();
  } catch (error) {
    await output.discard();
    throw asWriteFailed(error, output.target);
  } finally {
    await rm(list, { force: true });
    await rm(silentVideo, { force: true });
  }
  // The segments are as large as the video itself, and the video now holds all of them.
  await rm(folder, { recursive: true, force: true });
  return { backend };
}

/**
 * Which backends evaluated the segments, from each segment's own recipe comment (`cpu`, or `cpu+gpu`
 * when shards ran on different machines), for the joined file's recipe. Also a check that every
 * segment is one of this render's: a segment of another recipe is refused.
 */
async function segmentBackends(folder: string, names: readonly string[], manifest: Manifest, ffmpegPath: string): Promise<string> {
  const backends = new Set<string>();
  const expected = JSON.stringify(manifest.recipe);
  for (const name of names) {
    const comment = await readVideoComment(join(folder, name), ffmpegPath).catch(() => undefined);
    let parsed: { backend?: unknown } | undefined;
    try {
      parsed = comment === undefined ? undefined : JSON.parse(comment);
    } catch {
      parsed = undefined;
    }
    const { backend, ...recipe } = parsed ?? {};
    if (typeof backend !== 'string' || JSON.stringify(recipe) !== expected) {
      throw new UsageError(
        `Segment ${JSON.stringify(join(folder, name))} is unreadable or of another render: remove it and render it again (the same command, or the --shard that owns it)`,
      );
    }
    backends.add(backend);
  }
  return [...backends].sort().join('+');
}
