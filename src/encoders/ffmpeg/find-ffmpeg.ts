import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { UsageError } from '../../errors.ts';
import { runFfmpeg } from './ffmpeg-process.ts';

/** Where an ffmpeg came from, in the order they are tried. */
export const ffmpegSources = ['--ffmpeg', 'FFMPEG_PATH', 'PATH', '@ffmpeg-installer/ffmpeg'] as const;
export type FfmpegSource = (typeof ffmpegSources)[number];

/** An ffmpeg that runs, and what it can do. */
export interface FfmpegInfo {
  readonly path: string;
  readonly source: FfmpegSource;
  /** ffmpeg's first line, e.g. `ffmpeg version 6.1.1-3 Copyright (c) 2000-2023 …`, reduced to the version. */
  readonly version: string;
  /** Names of the video and audio encoders it lists (`libx264`, `libvpx-vp9`, `aac`, …). */
  readonly encoders: readonly string[];
}

export interface Candidate {
  readonly source: FfmpegSource;
  /** Undefined where the source has nothing to offer (the variable is not set, the package not installed). */
  readonly path: string | undefined;
  /** Why it has no path, for the message that lists what was tried. */
  readonly absent?: string;
}

export interface FindFfmpegInput {
  /** `--ffmpeg PATH`, already checked to be non-empty. */
  readonly explicit?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The encoders the output needs, e.g. `libx264` and `aac`; a candidate without one of them is passed over. */
  readonly encoders?: readonly string[];
}

/**
 * Finds an ffmpeg that runs and has the encoders: `--ffmpeg`, then `FFMPEG_PATH`, then `ffmpeg` on
 * PATH, then the static build inside @ffmpeg-installer/ffmpeg (from 2018, so a system ffmpeg is
 * preferred). A path the user named (flag or variable) that does not work is an error, not skipped:
 * silently using another ffmpeg than the one asked for would hide the mistake.
 */
export async function findFfmpeg(input: FindFfmpegInput, candidates?: readonly Candidate[]): Promise<FfmpegInfo> {
  const needed = input.encoders ?? [];
  const encoder = needed.join(' and ');
  const tried: string[] = [];
  for (const candidate of candidates ?? (await ffmpegCandidates(input))) {
    if (candidate.path === undefined) {
      tried.push(`${candidate.source}: ${candidate.absent}`);
      continue;
    }
    const named = candidate.source === '--ffmpeg' || candidate.source === 'FFMPEG_PATH';
    const problem = await probeFfmpeg(candidate.path).then(
      (info) => {
        const missing = needed.filter((name) => !info.encoders.includes(name));
        return { info, why: missing.length > 0 ? `has no ${missing.join(' or ')} encoder` : undefined };
      },
      (error: Error) => ({ info: undefined, why: `does not run (${error.message.split('\n')[0]})` }),
    );
    if (problem.info && !problem.why) return { ...problem.info, source: candidate.source };
    if (named) {
      const where = candidate.source === '--ffmpeg' ? '--ffmpeg' : 'FFMPEG_PATH';
      throw new UsageError(
        `Invalid ${where} ${JSON.stringify(candidate.path)}: that ffmpeg ${problem.why}; give a working ffmpeg${encoder ? ` built with ${encoder}` : ''}, or unset it to use the one zsweep finds`,
      );
    }
    tried.push(`${candidate.source} (${candidate.path}): ${problem.why}`);
  }
  throw new UsageError(
    `No usable ffmpeg${encoder ? ` with ${encoder}` : ''} (tried ${tried.join('; ')}): install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg), ` +
      'or run npm install again so that @ffmpeg-installer/ffmpeg brings its own, or give --ffmpeg PATH; GIF output (--out NAME.gif) needs no ffmpeg',
  );
}

/** The candidates in order, each with its path or why it has none. */
export async function ffmpegCandidates({ explicit, env }: FindFfmpegInput): Promise<Candidate[]> {
  const onPath = await findOnPath(process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg', env.PATH ?? '');
  const bundled = bundledFfmpeg();
  return [
    explicit === undefined ? { source: '--ffmpeg', path: undefined, absent: 'not given' } : { source: '--ffmpeg', path: explicit },
    // Set but empty counts as unset, as shells make that easy to do by accident.
    env.FFMPEG_PATH ? { source: 'FFMPEG_PATH', path: env.FFMPEG_PATH } : { source: 'FFMPEG_PATH', path: undefined, absent: 'not set' },
    onPath ? { source: 'PATH', path: onPath } : { source: 'PATH', path: undefined, absent: 'no ffmpeg on PATH' },
    bundled.path
      ? { source: '@ffmpeg-installer/ffmpeg', path: bundled.path }
      : { source: '@ffmpeg-installer/ffmpeg', path: undefined, absent: bundled.why },
  ];
}

const probes = new Map<string, Promise<Omit<FfmpegInfo, 'source'>>>();

/** Runs `ffmpeg -encoders` (its banner gives the version), once per path in a process. */
export function probeFfmpeg(path: string): Promise<Omit<FfmpegInfo, 'source'>> {
  let probe = probes.get(path);
  if (!probe) {
    probe = runProbe(path);
    probes.set(path, probe);
    // A failure is not kept: the user may fix the binary and try again in a long-lived process (the studio).
    probe.catch(() => probes.delete(path));
  }
  return probe;
}

async function runProbe(path: string): Promise<Omit<FfmpegInfo, 'source'>> {
  // One start answers both (each start of a system ffmpeg, a hundred shared libraries, costs about
  // 0.2 s): without -hide_banner, ffmpeg prints its banner, version first, on stderr before the list.
  const { stdout, stderr } = await runFfmpeg(path, ['-encoders']);
  return { path, version: parseFfmpegVersion(stderr), encoders: parseEncoders(stdout.toString('utf8')) };
}

/** `ffmpeg version 6.1.1-3 Copyright …` → `6.1.1-3`. */
export function parseFfmpegVersion(text: string): string {
  const match = /^ffmpeg version (\S+)/m.exec(text);
  if (!match) throw new Error(`not ffmpeg: its banner begins ${JSON.stringify(text.slice(0, 60))}`);
  return match[1];
}

/** The video and audio encoders of `ffmpeg -encoders`: lines like ` V..... libx264   libx264 H.264 …`. */
export function parseEncoders(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*[VA][A-Z.]{5}\s+(\S+)/.exec(line);
    if (match && match[1] !== '=') names.push(match[1]);
  }
  return names;
}

async function findOnPath(name: string, pathVariable: string): Promise<string | undefined> {
  for (const folder of pathVariable.split(delimiter)) {
    if (!folder) continue;
    const path = join(folder, name);
    const ok = await access(path, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (ok) return path;
  }
  return undefined;
}

/**
 * The static ffmpeg of @ffmpeg-installer/ffmpeg. Its binary comes in a per-platform optional
 * dependency, packed executable, so it works even where npm does not run install scripts (npm 11
 * asks before running them; the package's only script is a chmod that is then not needed).
 */
function bundledFfmpeg(): { path?: string; why: string } {
  try {
    const require = createRequire(import.meta.url);
    const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
    return { path: installer.path, why: '' };
  } catch (error) {
    // The package throws a string, not an Error, when its platform package is missing.
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { why: /Cannot find module/.test(text) ? 'not installed' : text };
  }
}

/** An ffmpeg found when first needed, then the same one for every later use in the process. */
export type FfmpegLookup = () => Promise<FfmpegInfo>;

/** A lookup that finds an ffmpeg (findFfmpeg) at its first call and remembers it, or the failure. */
export function ffmpegOnce(input: FindFfmpegInput): FfmpegLookup {
  let found: Promise<FfmpegInfo> | undefined;
  return () => (found ??= findFfmpeg(input));
}
