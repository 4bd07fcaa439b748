import { type Segment, segmentFileName } from './plan-segments.ts';

/**
 * The list that ffmpeg's concat demuxer reads to join the segments without re-encoding. Each entry
 * states its duration from the frame count: left to itself the demuxer offsets each file by its
 * container's rounded duration, which leaves a gap of a fraction of a frame at every seam (measured:
 * 10 ticks of 1/15360 s per 4-second MP4 segment with ffmpeg 4.1). File names are relative to the
 * list, which lives in the work folder, and never need quoting (part-000123.mp4).
 */
export function buildConcatList(segments: readonly Segment[], fps: number, format: string): string {
  const lines = ['ffconcat version 1.0'];
  for (const segment of segments) {
    lines.push(`file '${segmentFileName(segment.index, format)}'`);
    // Microseconds: what the demuxer keeps. 4 s at 30 fps (120 frames) is exact.
    lines.push(`duration ${((segment.end - segment.start) / fps).toFixed(6)}`);
  }
  return `${lines.join('\n')}\n`;
}
