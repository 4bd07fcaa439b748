import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildConcatArgs, flattenFfmpegArgs } from '../encoders/ffmpeg-args.ts';
import { runFfmpeg } from '../encoders/ffmpeg-process.ts';
import { readVideoComment } from '../encoders/read-video-comment.ts';
import type { PendingFile } from '../output-file.ts';
import { recipeComment } from '../recipe.ts';
import { UsageError } from '../usage-error.ts';
import { asWriteFailed } from '../write-failed.ts';
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
}

/**
 * Joins a work folder's segments into the final file without re-encoding, commits it, and removes the
 * work folder. When segments are missing, says which (and writes nothing).
 */
export async function joinSegments(input: JoinSegmentsInput): Promise<{ backend: string }> {
  const { folder, manifest, output, ffmpegPath, signal } = input;
  const { recipe, format } = manifest;
  const plan = planSegments(recipe.frames, manifest.segmentFrames);
  const present = await presentSegments(folder, format);
  const missing = plan.filter((s) => !present.has(s.index)).map((s) => s.index);
  if (missing.length > 0) {
    throw new UsageError(`Cannot join ${JSON.stringify(folder)}: ${missing.length} of ${plan.length} segments are missing (${describeIndices(missing)}); render them (the same command, or the --shard that owns them), then join again`);
  }
  const backend = await segmentBackends(folder, plan.map((s) => segmentFileName(s.index, format)), manifest, ffmpegPath);
  const list = join(folder, `.concat.${process.pid}-${randomBytes(4).toString('hex')}.zsweep-tmp`);
  try {
    await writeFile(list, buildConcatList(plan, recipe.fps, format));
    await runFfmpeg(ffmpegPath, flattenFfmpegArgs(buildConcatArgs({ format, list, path: output.tempPath, comment: recipeComment(recipe, backend) })), { signal });
    // ── After joining, finish the file here ──────────────────────────────────────────────────────────
    // Whatever works on the whole video (adding a soundtrack with `-c:v copy`, …) goes here, on
    // output.tempPath, leaving a complete file at that same path: it is committed next.
    await output.commit();
  } catch (error) {
    await output.discard();
    throw asWriteFailed(error, output.target);
  } finally {
    await rm(list, { force: true });
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
      throw new UsageError(`Segment ${JSON.stringify(join(folder, name))} is unreadable or of another render: remove it and render it again (the same command, or the --shard that owns it)`);
    }
    backends.add(backend);
  }
  return [...backends].sort().join('+');
}
