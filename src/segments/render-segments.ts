import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Encoder, VideoSettings } from '../encoders/encoder.ts';
import { formats, type VideoFormatName } from '../encoders/formats.ts';
import { trackTemporary } from '../output/output-file.ts';
import { temporaryName } from '../output/temporary-name.ts';
import { asWriteFailed } from '../output/write-errors.ts';
import { recipeComment } from '../recipe/recipe.ts';
import type { FlashGuard } from '../render/flash-guard.ts';
import type { FramePipeline } from '../render/frame-pipeline.ts';
import { progressEvents } from '../render/progress-events.ts';
import { renderFrames } from '../render/render-frames.ts';
import type { RenderControl } from '../render/render-request.ts';
import { planSegments, segmentFileName, segmentIndexOf } from './plan-segments.ts';
import { ownsSegment, type Shard } from './shard.ts';

export interface RenderSegmentsInput {
  readonly pipeline: FramePipeline;
  /** The work folder, already opened with its manifest (see manifest.ts). */
  readonly folder: string;
  readonly format: VideoFormatName;
  readonly segmentFrames: number;
  readonly shard: Shard;
  readonly video: VideoSettings;
  readonly signal?: AbortSignal;
  readonly onEvent?: RenderControl['onEvent'];
  /** A fresh flash guard for each segment's frames (render/flash-guard.ts); none when absent. */
  readonly guard?: () => FlashGuard;
}

export interface SegmentsDone {
  /** Segments this run encoded. */
  readonly rendered: number;
  /** Segments in the folder now, from every shard. */
  readonly present: number;
  readonly total: number;
}

/**
 * Encodes this shard's segments that are not in the work folder yet, each into a temporary file that
 * is synced and renamed into place only when complete: a crash, kill -9 or reboot loses at most the
 * segments being written, and running again continues from the first missing one.
 */
export async function renderSegments(input: RenderSegmentsInput): Promise<SegmentsDone> {
  const { pipeline, folder, format, segmentFrames, shard, video, signal, onEvent, guard } = input;
  const { recipe, backend } = pipeline;
  const plan = planSegments(recipe.frames, segmentFrames);
  const present = await presentSegments(folder, format);
  await removeStaleTemporaries(folder, format, shard);
  const todo = plan.filter((segment) => ownsSegment(shard, segment.index) && !present.has(segment.index));

  const comment = recipeComment(recipe, backend.name);
  const progress = progressEvents(
    onEvent,
    'rendering',
    'frames',
    todo.reduce((sum, s) => sum + s.end - s.start, 0),
  );
  let done = 0;
  for (const segment of todo) {
    const name = segmentFileName(segment.index, format);
    const temp = join(folder, temporaryName(name));
    const untrack = trackTemporary(temp);
    const frames = segment.end - segment.start;
    let encoder: Encoder | undefined;
    try {
      // A fresh encoder per segment: each file starts with a keyframe and stands alone.
      encoder = await formats[format].createEncoder({
        path: temp,
        width: recipe.width,
        height: recipe.height,
        fps: recipe.fps,
        frames,
        comment,
        video,
      });
      await renderFrames(pipeline, encoder, {
        start: segment.start,
        end: segment.end,
        signal,
        onFrame: () => progress(++done),
        guard: guard?.(),
      });
      await encoder.finish();
      await syncFile(temp);
      await rename(temp, join(folder, name));
      await syncFile(folder);
    } catch (error) {
      await encoder?.abort();
      await rm(temp, { force: true });
      throw asWriteFailed(error, join(folder, name));
    } finally {
      untrack();
    }
    present.add(segment.index);
  }
  return { rendered: todo.length, present: plan.filter((s) => present.has(s.index)).length, total: plan.length };
}

/** The segments already complete in the folder: only whole files carry a segment's name. */
export async function presentSegments(folder: string, format: string): Promise<Set<number>> {
  const present = new Set<number>();
  for (const name of await readdir(folder)) {
    const index = segmentIndexOf(name, format);
    if (index !== undefined) present.add(index);
  }
  return present;
}

/**
 * Removes what a killed run left of this shard's segments. Other shards' temporaries are left alone:
 * on a shared filesystem they may be being written right now.
 */
async function removeStaleTemporaries(folder: string, format: string, shard: Shard): Promise<void> {
  for (const name of await readdir(folder)) {
    const match = /^\.(part-\d+\.\w+)\..*\.zsweep-tmp$/.exec(name);
    const index = match ? segmentIndexOf(match[1], format) : undefined;
    if (index !== undefined && ownsSegment(shard, index)) await rm(join(folder, name), { force: true });
  }
}

/**
 * Forces a file (or a folder's entries) to the disk. Without it a rename can reach the disk before the
 * data it names, and after a power cut or reboot the segment would exist but be empty.
 */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
