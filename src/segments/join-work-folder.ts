import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { hashFile } from '../audio/read-audio.ts';
import type { FfmpegInfo } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { formats } from '../encoders/formats.ts';
import { invalidOption, UsageError } from '../errors.ts';
import { prepareOutput } from '../output/output-file.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { joinSegments } from './join-segments.ts';
import { readManifest } from './manifest.ts';

export interface JoinRequest {
  /** The work folder, `OUT.parts`. */
  readonly folder: string;
  /** The video to write. */
  readonly out: string;
  readonly force: boolean;
  /** The soundtrack of an audio-driven render, muxed into the joined video. */
  readonly audio: string | undefined;
  /** Joining copies the streams: any ffmpeg will do, with or without the encoder. */
  readonly ffmpeg: FfmpegInfo;
}

/** `zsweep join FOLDER`: the segments that shards left in a work folder, joined into the video. */
export async function joinWorkFolder(
  request: JoinRequest,
  { signal }: { signal?: AbortSignal } = {},
): Promise<{ path: string; backend: string }> {
  const { folder, out, force, ffmpeg } = request;
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(
      `Invalid folder ${JSON.stringify(folder)}: no such folder; give the work folder a segmented render made beside its video, e.g. zsweep join loop.mp4.parts`,
    );
  }
  const manifest = await readManifest(folder);
  if (extname(out).slice(1).toLowerCase() !== manifest.format) {
    throw new UsageError(
      `Invalid --out ${JSON.stringify(out)}: the segments in ${JSON.stringify(folder)} are ${formats[manifest.format].video.label} for a .${manifest.format}; give --out ending in .${manifest.format}`,
    );
  }
  const audio = await checkSoundtrack(manifest.recipe, request.audio);
  const output = await prepareOutput(out, { force });
  const { backend } = await joinSegments({ folder, manifest, output, ffmpegPath: ffmpeg.path, signal, audio });
  return { path: out, backend };
}

/** An audio-driven render's track must be given to the join, and be the one its recipe names. */
async function checkSoundtrack(recipe: Recipe, audio: string | undefined): Promise<string | undefined> {
  if (!recipe.audio) {
    if (audio !== undefined) throw invalidOption('audio', audio, 'no --audio: these segments were rendered without a soundtrack');
    return undefined;
  }
  const { file, sha256 } = recipe.audio;
  if (audio === undefined) {
    throw new UsageError(
      `Missing --audio: these segments were rendered to the track ${JSON.stringify(file)} (sha256 ${sha256.slice(0, 12)}…); give it with --audio FILE so the video plays it`,
    );
  }
  const info = await stat(audio).catch(() => undefined);
  if (!info?.isFile())
    throw invalidOption('audio', audio, `the track ${JSON.stringify(file)} the segments were rendered to; no such file, check the path`);
  if ((await hashFile(audio)) !== sha256) {
    throw invalidOption(
      'audio',
      audio,
      `the track ${JSON.stringify(file)} (sha256 ${sha256.slice(0, 12)}…) the segments were rendered to; this file's content differs`,
    );
  }
  return audio;
}
