import { extname } from 'node:path';
import { videoCodecs } from '../encoders/ffmpeg-args.ts';
import { findFfmpeg } from '../encoders/find-ffmpeg.ts';
import type { JoinOptions } from '../options.ts';
import { prepareOutput } from '../output-file.ts';
import { UsageError } from '../usage-error.ts';
import { joinSegments } from './join-segments.ts';
import { readManifest } from './manifest.ts';

/** `zsweep join FOLDER`: the segments that shards left in a work folder, joined into the video. */
export async function joinWorkFolder(options: JoinOptions, { signal }: { signal?: AbortSignal } = {}): Promise<{ path: string; backend: string }> {
  const { folder, out, force } = options;
  const manifest = await readManifest(folder);
  if (extname(out).slice(1).toLowerCase() !== manifest.format) {
    throw new UsageError(`Invalid --out ${JSON.stringify(out)}: the segments in ${JSON.stringify(folder)} are ${videoCodecs[manifest.format].label} for a .${manifest.format}; give --out ending in .${manifest.format}`);
  }
  // Joining copies the streams: any ffmpeg will do, with or without the encoder.
  const ffmpeg = await findFfmpeg({ explicit: options.ffmpeg, env: process.env });
  const output = await prepareOutput(out, { force });
  const { backend } = await joinSegments({ folder, manifest, output, ffmpegPath: ffmpeg.path, signal });
  return { path: out, backend };
}
