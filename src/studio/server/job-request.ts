import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ffmpegOnce } from '../../encoders/ffmpeg/find-ffmpeg.ts';
import { videoCodecOf } from '../../encoders/formats.ts';
import { UsageError } from '../../errors.ts';
import { parseRenderOptions } from '../../options/render-options.ts';
import { defaultTarget } from '../../output/output-file.ts';
import { draftOfRecipe } from '../../recipe/recipe-draft.ts';
import { parseRecipe } from '../../recipe/recipe-schema.ts';
import type { AnimationRequest } from '../../render/render-request.ts';

/** What the page may render: an animation file, or one PNG of its first frame. */
export const studioFormats = ['mp4', 'webm', 'gif', 'png'] as const;
export type StudioFormat = (typeof studioFormats)[number];

/**
 * A render the page asks for, `{ "recipe": {…}, "format": "mp4" }`, checked as a recipe file and as the
 * command line's options are (even sizes for MP4, a GIF's frame rate): the page names no path, so the
 * file and its recipe go into the output folder under fresh names the server chooses. Anything wrong
 * is a UsageError of one line.
 */
export async function parseJobRequest(
  body: Buffer,
  { outFolder, env }: { outFolder: string; env: Readonly<Record<string, string | undefined>> },
): Promise<AnimationRequest> {
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    throw new UsageError('the render request is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError('the render request is not a JSON object');
  const extra = Object.keys(data).filter((key) => key !== 'recipe' && key !== 'format');
  if (extra.length > 0) throw new UsageError(`the render request has unknown fields ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  const { recipe: raw, format } = data as { recipe?: unknown; format?: unknown };
  if (!studioFormats.includes(format as StudioFormat)) throw new UsageError(`the render format must be one of ${studioFormats.join(', ')}`);
  const recipe = parseRecipe(JSON.stringify(raw ?? null), "the page's recipe");
  if (recipe.audio) throw new UsageError('the studio renders without a soundtrack: render this recipe with zsweep --from and --audio');
  const target = await freshPair(outFolder, `zsweep-${recipe.seed}`, `.${format}`);
  // No video settings from the recipe: the page chose the format, the codec's default quality follows.
  const { video: _, ...picture } = recipe;
  const { request } = parseRenderOptions(
    { out: target, recipeOut: target.replace(/\.[a-z0-9]+$/, '.json'), backend: 'cpu' },
    { base: draftOfRecipe(picture), env },
  );
  const codec = videoCodecOf(request.output.format);
  const ffmpeg = codec ? await ffmpegOnce({ env, encoders: [codec.encoder] })() : undefined;
  return { ...request, ...(ffmpeg ? { ffmpeg } : {}) };
}

/** `NAME.ext` (or `NAME-2.ext` …) where neither it nor its recipe `NAME.json` exists yet. */
async function freshPair(folder: string, name: string, ext: string): Promise<string> {
  const first = await defaultTarget(folder, name, ext);
  const base = first.slice(0, -ext.length);
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
    if (!taken.includes(true)) return join(stem + ext);
  }
}
