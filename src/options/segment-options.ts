import { type Format, type FormatName, formats } from '../encoders/formats.ts';
import { invalidOption } from '../errors.ts';
import type { SegmentPlan } from '../render/render-request.ts';
import { defaultSegmentSeconds, defaultSegmentThresholdSeconds, segmentFrameCount, workFolderOf } from '../segments/plan-segments.ts';
import { parseShard } from './shard-option.ts';
import { given, parseDuration } from './values.ts';

/** The options of segmented renders, as text. */
export interface SegmentArgs {
  out?: string;
  recipeOut?: string;
  shard?: string;
  segmentSeconds?: string;
  segmentThreshold?: string;
}

/**
 * Segments for a video longer than the threshold, or whenever a shard is asked for. Refused for GIF and
 * PNG rather than ignored: those are written frame by frame in one file and cannot be joined.
 */
export function parseSegments(
  args: SegmentArgs,
  formatName: FormatName,
  frames: number,
  fps: number,
  env: Readonly<Record<string, string | undefined>>,
): SegmentPlan | undefined {
  const format: Format = formats[formatName];
  if (!format.video) {
    const given = (['shard', 'segmentSeconds', 'segmentThreshold'] as const).find((key) => args[key] !== undefined);
    if (given) {
      const option = given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      throw invalidOption(option, args[given], `no --${option}: segments and shards are for video (.mp4, .webm) only`);
    }
    return undefined;
  }
  const seconds =
    given(args.segmentSeconds, (raw) =>
      parseDuration('segment-seconds', raw, { min: 0, max: 3600, example: `${defaultSegmentSeconds}`, exclusiveMin: true }),
    ) ?? defaultSegmentSeconds;
  const threshold =
    given(args.segmentThreshold, (raw) =>
      parseDuration('segment-threshold', raw, { min: 0, max: 1e9, example: `${defaultSegmentThresholdSeconds}` }),
    ) ?? defaultSegmentThresholdSeconds;
  const shard = given(args.shard, (raw) => parseShard(raw, env));
  if (shard === undefined && frames / fps <= threshold) return undefined;
  if (shard !== undefined && args.out === undefined) {
    throw invalidOption(
      'shard',
      args.shard,
      'an --out as well, the same for every shard, e.g. --shard 1/8 --out /shared/loop.mp4 (the shards meet in loop.mp4.parts)',
    );
  }
  if (shard !== undefined && args.recipeOut !== undefined) {
    throw invalidOption(
      'recipe-out',
      args.recipeOut,
      `no --recipe-out with --shard: the recipe is in ${workFolderOf(args.out!)}/manifest.json, and zsweep join writes it into the video`,
    );
  }
  return { segmentFrames: segmentFrameCount(seconds, fps), shard };
}
