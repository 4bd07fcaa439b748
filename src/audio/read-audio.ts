import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FfmpegLookup } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { FfmpegFailed, invalidOption } from '../errors.ts';
import { analyseAudio } from './analyse-audio.ts';
import type { AudioFeatures } from './audio-analyser.ts';

/** The part of the track a render reads: from `startSeconds` to `endSeconds` or the track's end. */
export interface AudioExcerpt {
  readonly startSeconds: number;
  readonly endSeconds?: number;
  /** --audio-start as the user wrote it (`0:20`), for messages; absent when the start is the recipe's. */
  readonly startAsWritten?: string;
}

/** A track given with --audio, checked and analysed: what the options and the render need of it. */
export interface AudioTrack {
  /** As given, for ffmpeg to read again when muxing. */
  readonly path: string;
  /** The file's name without its folder, for the recipe and messages. */
  readonly name: string;
  /** Hex SHA-256 of the file's bytes: a recipe names its audio by content, not by path. */
  readonly sha256: string;
  /** The length of the excerpt read (the whole track unless --audio-start/--audio-end). */
  readonly durationSeconds: number;
  /** Where the excerpt starts in the track, in seconds. */
  readonly startSeconds: number;
  /** The excerpt's features: row 0 is its start. */
  readonly features: AudioFeatures;
  /** How long the decoding and analysis took, for the benchmark and the progress line. */
  readonly analysisSeconds: number;
  /** The excerpt was moved to start on a downbeat the tracker found (cli/read-audio-on-the-one.ts): its first beat is a bar's first. */
  readonly onDownbeat?: boolean;
}

const expected = 'an audio file ffmpeg can decode (wav, mp3, flac, m4a, ogg, …)';

/**
 * Checks, hashes and analyses the file given with --audio. Every problem with the file is a
 * UsageError of one line; nothing is written.
 */
export async function readAudio(
  path: string,
  { ffmpeg, signal, excerpt = { startSeconds: 0 } }: { ffmpeg: FfmpegLookup; signal?: AbortSignal; excerpt?: AudioExcerpt },
): Promise<AudioTrack> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile())
    throw invalidOption('audio', path, `${expected}; ${info ? 'that is a folder, not a file' : 'no such file, check the path'}`);
  const found = await ffmpeg();
  const { startSeconds, endSeconds } = excerpt;
  const wanted = endSeconds === undefined ? undefined : endSeconds - startSeconds;
  const started = performance.now();
  // Hashing and decoding read the file at the same time; neither holds it in memory.
  const [sha256, features] = await Promise.all([
    hashFile(path),
    analyseAudio(found.path, path, { signal, range: { startSeconds, ...(wanted === undefined ? {} : { seconds: wanted }) } }).catch(
      (error: unknown) => {
        if (!(error instanceof FfmpegFailed) || signal?.aborted) throw error;
        // ffmpeg's last line for a file without sound (a silent video, an image) is advice about -map, not the reason.
        if (/matches no streams/.test(error.message)) throw invalidOption('audio', path, `${expected}; this file has no audio stream`);
        const said = error.message.split('\n').slice(1).pop()?.trim() ?? error.message;
        throw invalidOption('audio', path, `${expected}; ffmpeg said: ${said.replace(/^file:/, '')}`);
      },
    ),
  ]);
  if (features.samples === 0) {
    const name = JSON.stringify(basename(path));
    if (excerpt.startAsWritten !== undefined)
      throw invalidOption('audio-start', excerpt.startAsWritten, `a time within the track ${name}, which ends before it`);
    if (startSeconds > 0)
      throw invalidOption('audio', path, `a track that lasts past the recipe's start at ${startSeconds} s; ${name} ends before it`);
    throw invalidOption('audio', path, `${expected}; ffmpeg decoded no sound from it`);
  }
  const decoded = features.samples / features.sampleRate;
  return {
    path,
    name: basename(path),
    sha256,
    durationSeconds: wanted === undefined ? decoded : Math.min(decoded, wanted),
    startSeconds,
    features,
    analysisSeconds: (performance.now() - started) / 1000,
  };
}

/** The SHA-256 of a file's bytes, read as a stream: how a recipe names its track. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
