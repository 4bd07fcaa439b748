import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type VideoQuality, videoQualities } from '../encoders/ffmpeg/video-quality.ts';
import type { VideoFormatName } from '../encoders/formats.ts';
import { UsageError } from '../errors.ts';
import { temporaryName } from '../output/temporary-name.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { parseRecipe } from '../recipe/recipe-schema.ts';

export const manifestFileName = 'manifest.json';
/** Bumped when the work folder's layout changes, so an old folder is refused rather than misread. */
export const manifestVersion = 1;

/**
 * What the segments in a work folder are of: everything that changes their bytes. Segments are joined
 * without re-encoding, so every one must come from the same recipe and the same encoder settings.
 */
export interface Manifest {
  readonly zsweepParts: typeof manifestVersion;
  readonly format: VideoFormatName;
  /** The ffmpeg encoder, e.g. libx264. */
  readonly encoder: string;
  readonly crf: number;
  /** The encoder's level of effort, where the recipe has one (absent in folders of recipes made before levels existed). */
  readonly quality?: VideoQuality;
  /**
   * The ffmpeg build. The joined file keeps the first segment's stream headers (H.264's SPS/PPS); another
   * build of x264 or libvpx may write different ones, and its segments would then decode wrongly.
   */
  readonly ffmpeg: string;
  /** Frames in every segment but the last. */
  readonly segmentFrames: number;
  readonly segments: number;
  readonly recipe: Recipe;
}

/**
 * The first field in which two manifests differ, as `seed is "2" there, "1" here`; undefined when they
 * match. Compared as JSON, so that the check is exactly "would these segments be the same bytes".
 */
export function manifestDifference(found: Manifest, expected: Manifest): string | undefined {
  const walk = (a: unknown, b: unknown, path: string): string | undefined => {
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const difference = walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
        if (difference) return difference;
      }
      return undefined;
    }
    return JSON.stringify(a) === JSON.stringify(b)
      ? undefined
      : `${path.replace(/^recipe\./, '')} is ${JSON.stringify(a) ?? 'absent'} there, ${JSON.stringify(b) ?? 'absent'} here`;
  };
  return walk(found, expected, '');
}

/** Reads and checks a work folder's manifest; anything unreadable or malformed is a one-line UsageError. */
export async function readManifest(folder: string): Promise<Manifest> {
  const path = join(folder, manifestFileName);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new UsageError(
        `${JSON.stringify(folder)} is not a zsweep work folder: it has no ${manifestFileName} (it is made by a segmented render, e.g. --out loop.mp4 makes loop.mp4.parts)`,
      );
    }
    throw error;
  });
  return parseManifest(text, path);
}

export function parseManifest(text: string, source: string): Manifest {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON (${(error as Error).message.split('\n')[0]}): remove the work folder to start again`);
  }
  const integer = (value: unknown, min: number) => Number.isInteger(value) && (value as number) >= min;
  if (
    typeof data !== 'object' ||
    data === null ||
    data.zsweepParts !== manifestVersion ||
    (data.format !== 'mp4' && data.format !== 'webm') ||
    typeof data.encoder !== 'string' ||
    typeof data.ffmpeg !== 'string' ||
    !integer(data.crf, 0) ||
    (data.quality !== undefined && !videoQualities.includes(data.quality as VideoQuality)) ||
    !integer(data.segmentFrames, 1) ||
    !integer(data.segments, 1) ||
    typeof data.recipe !== 'object'
  ) {
    throw new UsageError(
      `${source} is not a manifest this zsweep reads (format ${manifestVersion}): remove the work folder to start again, or use the zsweep that made it`,
    );
  }
  const recipe = parseRecipe(JSON.stringify(data.recipe), source);
  const { zsweepParts, format, encoder, crf, quality, ffmpeg, segmentFrames, segments } = data as unknown as Manifest;
  return { zsweepParts, format, encoder, crf, ...(quality === undefined ? {} : { quality }), ffmpeg, segmentFrames, segments, recipe };
}

/**
 * Makes the work folder and its manifest, or checks the manifest already there. The manifest is
 * created atomically and only once (a hard link fails if the name exists), so shards starting
 * together on a shared filesystem agree on one manifest; a folder of another render is refused.
 */
export async function openWorkFolder(
  folder: string,
  manifest: Manifest,
  { replace = false, sharded = false } = {},
): Promise<'created' | 'resumed' | 'replaced'> {
  // Shards start together: one that wiped the folder could wipe another's fresh segments, so they never do.
  const startOver = sharded ? `remove ${JSON.stringify(folder)} to start over` : 'start over with --force (its segments are removed)';
  if (await createManifest(folder, manifest)) return 'created';
  const found = await readManifest(folder);
  const difference = manifestDifference(found, manifest);
  if (!difference) return 'resumed';
  if (replace && !sharded) {
    // --force: the old render's segments go, and this one starts afresh in the same folder.
    await rm(folder, { recursive: true, force: true });
    if (await createManifest(folder, manifest)) return 'replaced';
    throw new UsageError(`Work folder ${JSON.stringify(folder)} was started again by another run at the same time: run the command again`);
  }
  if (found.ffmpeg !== manifest.ffmpeg && manifestDifference({ ...found, ffmpeg: manifest.ffmpeg }, manifest) === undefined) {
    // Another build of x264 or libvpx may write other stream headers, and the join copies the first segment's.
    throw new UsageError(
      `Work folder ${JSON.stringify(folder)} was started with ffmpeg ${found.ffmpeg}, and this run found ffmpeg ${manifest.ffmpeg}: segments of two builds may not join cleanly. Finish it with the first one (--ffmpeg PATH or FFMPEG_PATH), or ${startOver}`,
    );
  }
  throw new UsageError(
    `Work folder ${JSON.stringify(folder)} holds segments of another render (${difference}): ${startOver}, or choose another --out`,
  );
}

/** Writes the folder's manifest if it has none, atomically and only once; false when one is there. */
async function createManifest(folder: string, manifest: Manifest): Promise<boolean> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, manifestFileName);
  const temp = join(folder, temporaryName(manifestFileName));
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await rm(temp, { force: true });
  }
}
