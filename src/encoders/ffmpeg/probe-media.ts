import { open, stat } from 'node:fs/promises';
import { runFfmpeg } from './ffmpeg-process.ts';

/**
 * What a file holds, as far as the platforms' rules ask: read from the file itself, not from what
 * zsweep meant to write. ffmpeg describes the streams (as ffprobe would: zsweep ships ffmpeg only);
 * the MP4's boxes are read here, for what ffmpeg does not say (the index's place, edit lists, the
 * exact length).
 */
export interface MediaInfo {
  readonly bytes: number;
  /** ffmpeg's demuxer names, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `png_pipe`. */
  readonly container: string;
  readonly durationSeconds: number | undefined;
  readonly video?: {
    readonly codec: string;
    readonly profile?: string;
    readonly pixelFormat: string;
    readonly width: number;
    readonly height: number;
    readonly fps?: number;
  };
  readonly audio?: { readonly codec: string; readonly profile?: string; readonly sampleRate: number; readonly channels: string };
  /** MP4 only: the index (moov) before the media data, and whether any track has an edit list. */
  readonly mp4?: { readonly moovFirst: boolean; readonly editLists: boolean };
}

export async function probeMedia(ffmpegPath: string, path: string): Promise<MediaInfo> {
  const { size } = await stat(path);
  // A copy to nowhere: ffmpeg reads the whole file (so a truncated one fails) and describes its input on stderr.
  const { stderr } = await runFfmpeg(ffmpegPath, [
    '-hide_banner',
    '-nostdin',
    '-i',
    `file:${path}`,
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'null',
    '-',
  ]);
  const described = parseFfmpegDescription(stderr);
  const mp4 = /\bmp4\b/.test(described.container) ? await readMp4Boxes(path) : undefined;
  return {
    bytes: size,
    ...described,
    ...(mp4 ? { mp4: { moovFirst: mp4.moovFirst, editLists: mp4.editLists } } : {}),
    durationSeconds: mp4?.durationSeconds ?? described.durationSeconds,
  };
}

/** The input's description as ffmpeg prints it (4.x and 5.x word it alike): container, length, first video and audio streams. */
export function parseFfmpegDescription(stderr: string): Omit<MediaInfo, 'bytes' | 'mp4'> {
  const container = /^Input #0, ([^ ]+), from/m.exec(stderr)?.[1]?.replace(/,$/, '') ?? 'unknown';
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  const durationSeconds = duration ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]) : undefined;
  const videoLine = /Stream #0:\d+.*?: Video: (.*)$/m.exec(stderr)?.[1];
  const audioLine = /Stream #0:\d+.*?: Audio: (.*)$/m.exec(stderr)?.[1];
  const video = videoLine === undefined ? undefined : parseVideoLine(videoLine);
  const audio = audioLine === undefined ? undefined : parseAudioLine(audioLine);
  return { container, durationSeconds, ...(video ? { video } : {}), ...(audio ? { audio } : {}) };
}

function parseVideoLine(line: string): MediaInfo['video'] {
  const codec = /^(\w+)/.exec(line)?.[1] ?? 'unknown';
  const profile = /^\w+ \(([^)]+)\)/.exec(line)?.[1];
  const size = /, (\d+)x(\d+)/.exec(line);
  const fps = /, (\d+(?:\.\d+)?) fps/.exec(line);
  // The pixel format follows the codec's parentheses: `yuv420p(tv, bt709)`, or `rgba` for a PNG.
  const pixelFormat = /^\w+, ([a-z0-9_]+)[(,]/.exec(line)?.[1] ?? /\), ([a-z0-9_]+)[(,]/.exec(line)?.[1] ?? 'unknown';
  return {
    codec,
    ...(profile && !profile.includes('/') ? { profile } : {}),
    pixelFormat,
    width: size ? Number(size[1]) : 0,
    height: size ? Number(size[2]) : 0,
    ...(fps ? { fps: Number(fps[1]) } : {}),
  };
}

function parseAudioLine(line: string): MediaInfo['audio'] {
  const codec = /^(\w+)/.exec(line)?.[1] ?? 'unknown';
  const profile = /^\w+ \(([^)]+)\)/.exec(line)?.[1];
  return {
    codec,
    ...(profile && !profile.includes('/') ? { profile } : {}),
    sampleRate: Number(/, (\d+) Hz/.exec(line)?.[1] ?? 0),
    channels: /Hz, ([^,]+),/.exec(line)?.[1] ?? 'unknown',
  };
}

/** Boxes that hold other boxes, on the way to the edit lists (moov → trak → edts → elst), and how deep they go. */
const containers = new Set(['moov', 'trak', 'edts']);
const maxContainerDepth = 8;
/** An index (moov) larger than this is not read: hours of video at a high frame rate need a few MiB. */
const maxMoovBytes = 64 * 1024 * 1024;
const maxTopLevelBoxes = 10_000;

/** Walks an MP4's top-level boxes (reading only their headers, and the moov in full). */
export async function readMp4Boxes(path: string): Promise<{ moovFirst: boolean; editLists: boolean; durationSeconds?: number }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(16);
    let at = 0;
    let moovAt = -1;
    let mdatAt = -1;
    let moov: Buffer | undefined;
    // A real MP4 has a handful of top-level boxes; a file of thousands of tiny ones is not read to its end.
    for (let count = 0; at + 8 <= size && count < maxTopLevelBoxes; count++) {
      await file.read(header, 0, 16, at);
      let length = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (length === 1) length = Number(header.readBigUInt64BE(8));
      else if (length === 0) length = size - at;
      if (length < 8) break;
      // A length is only what the file claims: never more than the file holds, nor a moov beyond reason.
      length = Math.min(length, size - at);
      if (type === 'moov' && moovAt < 0) {
        moovAt = at;
        if (length > maxMoovBytes) break;
        moov = Buffer.alloc(length);
        await file.read(moov, 0, length, at);
      }
      if (type === 'mdat' && mdatAt < 0) mdatAt = at;
      at += length;
    }
    const boxes = moov ? childBoxes(moov, 8) : [];
    const mvhd = boxes.find((box) => box.type === 'mvhd');
    const durationSeconds = mvhd && moov ? movieSeconds(moov, mvhd) : undefined;
    return {
      moovFirst: moovAt >= 0 && (mdatAt < 0 || moovAt < mdatAt),
      editLists: moov ? hasEditList(moov, 8) : false,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
    };
  } finally {
    await file.close();
  }
}

function childBoxes(buffer: Buffer, from: number, end = buffer.length): { type: string; start: number; end: number }[] {
  const boxes = [];
  for (let at = from; at + 8 <= end; ) {
    const length = buffer.readUInt32BE(at);
    if (length < 8 || at + length > end) break;
    boxes.push({ type: buffer.toString('latin1', at + 4, at + 8), start: at, end: at + length });
    at += length;
  }
  return boxes;
}

function hasEditList(buffer: Buffer, from: number, end = buffer.length, depth = 0): boolean {
  return childBoxes(buffer, from, end).some(
    (box) =>
      box.type === 'elst' ||
      (containers.has(box.type) && depth < maxContainerDepth && hasEditList(buffer, box.start + 8, box.end, depth + 1)),
  );
}

/** mvhd: version, flags, then (by version) 32- or 64-bit times, the timescale and the duration; undefined when the box is too short or says nothing. */
function movieSeconds(buffer: Buffer, box: { start: number; end: number }): number | undefined {
  const version = buffer[box.start + 8];
  const body = box.start + 12;
  if (body + (version === 1 ? 36 : 20) > box.end) return undefined;
  const seconds =
    version === 1
      ? Number(buffer.readBigUInt64BE(body + 20)) / buffer.readUInt32BE(body + 16)
      : buffer.readUInt32BE(body + 12) / buffer.readUInt32BE(body + 8);
  return Number.isFinite(seconds) ? seconds : undefined;
}
