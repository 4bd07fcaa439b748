/**
 * Long videos are encoded in segments of a few seconds, each its own file, so that a crash loses at
 * most one segment and machines can share the work. Pure planning: which frames go in which file.
 */

/** Segments of 4 s: a crash costs at most 4 s of video, and 10 minutes make 150 files. */
export const defaultSegmentSeconds = 4;
/** Videos longer than 30 s are segmented; shorter ones take a minute or two and are written in one go. */
export const defaultSegmentThresholdSeconds = 30;

export interface Segment {
  /** From 0, in playing order. */
  readonly index: number;
  /** The first frame, counted from 0 in the whole sweep. */
  readonly start: number;
  /** One past the last frame. */
  readonly end: number;
}

/** Frames per segment for `seconds` at `fps`: whole frames, at least one. */
export function segmentFrameCount(seconds: number, fps: number): number {
  return Math.max(1, Math.round(seconds * fps));
}

/** Consecutive segments of `segmentFrames` frames each (the last may be shorter) covering every frame. */
export function planSegments(frames: number, segmentFrames: number): Segment[] {
  const segments: Segment[] = [];
  for (let start = 0, index = 0; start < frames; start += segmentFrames, index++) {
    segments.push({ index, start, end: Math.min(frames, start + segmentFrames) });
  }
  return segments;
}

/** A segment's file in the work folder: numbered, so that a listing sorts in playing order. */
export function segmentFileName(index: number, format: string): string {
  return `part-${String(index).padStart(6, '0')}.${format}`;
}

/** The index of a segment file named by `segmentFileName`, or undefined for any other name. */
export function segmentIndexOf(name: string, format: string): number | undefined {
  const match = /^part-(\d{6,})\.(\w+)$/.exec(name);
  return match && match[2] === format ? Number(match[1]) : undefined;
}

/** The work folder of a segmented render: beside the output, named after it. */
export function workFolderOf(target: string): string {
  return `${target}.parts`;
}

/** `3, 7-9, 12`: indices in ranges, short enough for one line. At most `limit` items are spelled out. */
export function describeIndices(indices: readonly number[], limit = 12): string {
  const ranges: string[] = [];
  for (let i = 0; i < indices.length; i++) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    ranges.push(j === i ? `${indices[i]}` : `${indices[i]}-${indices[j]}`);
    i = j;
  }
  return ranges.length > limit ? `${ranges.slice(0, limit).join(', ')}, … (${ranges.length - limit} more ranges)` : ranges.join(', ');
}
