import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ffmpegOnce } from '../../encoders/ffmpeg/find-ffmpeg.ts';
import { videoCodecOf } from '../../encoders/formats.ts';
import { UsageError } from '../../errors.ts';
import { parseRenderOptions } from '../../options/render-options.ts';
import { defaultTarget, safeFileName } from '../../output/output-file.ts';
import { jsonDeeperThan } from '../../recipe/json-depth.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { draftOfRecipe } from '../../recipe/recipe-draft.ts';
import { maxRecipeDepth, parseRecipe } from '../../recipe/recipe-schema.ts';
import type { AnimationRequest } from '../../render/render-request.ts';
import { exportOptionsOf } from './export-job.ts';

/** What the page may render: an animation file, one PNG of its first frame, or a live web page (zsweep export). */
export const studioFormats = ['mp4', 'webm', 'gif', 'png', 'html'] as const;
export type StudioFormat = (typeof studioFormats)[number];

/** A render the page asked for, checked: what it draws and the format it goes into. */
export interface StudioJob {
  readonly recipe: Recipe;
  readonly format: StudioFormat;
}

/**
 * A render the page asks for, `{ "recipe": {…}, "format": "mp4" }`, checked as a recipe file and as the
 * command line's options are (even sizes for MP4, a GIF's frame rate), at once, so the page hears of
 * a mistake before the job waits in the queue. Anything wrong is a UsageError of one line.
 */
export function parseJobRequest(body: Buffer, { env }: { env: Env }): StudioJob {
  const text = body.toString('utf8');
  // Checked before parsing: a body nested thousands deep would overflow the stack on the way.
  if (jsonDeeperThan(text, maxRecipeDepth + 1)) throw new UsageError(`the render request nests deeper than ${maxRecipeDepth} levels`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError('the render request is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError('the render request is not a JSON object');
  const extra = Object.keys(data).filter((key) => key !== 'recipe' && key !== 'format');
  if (extra.length > 0) throw new UsageError(`the render request has unknown fields ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  const { recipe: raw, format } = data as { recipe?: unknown; format?: unknown };
  if (!studioFormats.includes(format as StudioFormat)) throw new UsageError(`the render format must be one of ${studioFormats.join(', ')}`);
  const recipe = parseRecipe(JSON.stringify(raw ?? null), "the page's recipe");
  checkStudioLimits(recipe);
  if (recipe.audio) throw new UsageError('the studio renders without a soundtrack: render this recipe with zsweep --from and --audio');
  const job = { recipe, format: format as StudioFormat };
  if (job.format === 'html') exportOptionsOf(recipe, 'check.html');
  else requestOf(job, `check.${job.format}`, env);
  return job;
}

/**
 * What one studio render may ask for, sized for a person at a desk rather than the command line's
 * limits: up to 4K UHD, ten minutes, the network sizes the page offers, 2× supersampling.
 */
export const studioLimits = { maxSide: 3840, maxPixels: 3840 * 2160, maxSeconds: 600, maxLayers: 16, maxHidden: 64, maxAa: 2 } as const;

function checkStudioLimits(recipe: Recipe): void {
  const { maxSide, maxPixels, maxSeconds, maxLayers, maxHidden, maxAa } = studioLimits;
  const why =
    Math.max(recipe.width, recipe.height) > maxSide || recipe.width * recipe.height > maxPixels
      ? `${recipe.width}×${recipe.height} is larger than the studio renders (up to 3840×2160 or 2160×3840)`
      : recipe.frames / recipe.fps > maxSeconds
        ? `${recipe.frames} frames at ${recipe.fps} fps last longer than the studio renders (up to ${maxSeconds / 60} minutes)`
        : recipe.network.layers > maxLayers || recipe.network.hidden > maxHidden
          ? `a network of ${recipe.network.layers} layers of ${recipe.network.hidden} is larger than the studio renders (up to ${maxLayers} of ${maxHidden})`
          : recipe.aa > maxAa
            ? `supersampling ${recipe.aa}× is more than the studio renders (up to ${maxAa}×)`
            : undefined;
  if (why) throw new UsageError(`${why}: render this recipe with zsweep --from`);
}

/**
 * The render request, when the job's turn comes: the page names no path, so the file and its recipe
 * go into the output folder under fresh names the server chooses then.
 */
export async function jobRequest(job: StudioJob, { outFolder, env }: { outFolder: string; env: Env }): Promise<AnimationRequest> {
  const request = requestOf(job, await freshPair(outFolder, `zsweep-${job.recipe.seed}`, `.${job.format}`), env);
  const codec = videoCodecOf(request.output.format);
  const ffmpeg = codec ? await ffmpegOnce({ env, encoders: [codec.encoder] })() : undefined;
  return { ...request, ...(ffmpeg ? { ffmpeg } : {}) };
}

type Env = Readonly<Record<string, string | undefined>>;

/** The command line's own checks and request, as `zsweep --from RECIPE --out TARGET --recipe-out …` would make it. */
function requestOf({ recipe }: StudioJob, target: string, env: Env) {
  // No video settings from the recipe: the page chose the format, the codec's default quality follows.
  const { video: _, ...picture } = recipe;
  return parseRenderOptions(
    { out: target, recipeOut: target.replace(/\.[a-z0-9]+$/, '.json'), backend: 'cpu' },
    { base: draftOfRecipe(picture), env },
  ).request;
}

/** `NAME.ext` (or `NAME-2.ext` …) where neither it nor its recipe `NAME.json` exists yet. */
export async function freshPair(folder: string, name: string, ext: string): Promise<string> {
  // The folder made, the name made safe; the count starts from the name itself, never from a counted one.
  await defaultTarget(folder, name, ext);
  const base = join(folder, safeFileName(name));
  for (let n = 1; ; n++) {
    const stem = n === 1 ? base : `${base}-${n}`;
    const taken = await Promise.all(
      [`${stem}${ext}`, `${stem}.json`].map((path) =>
        access(path).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!taken.includes(true)) return `${stem}${ext}`;
  }
}
