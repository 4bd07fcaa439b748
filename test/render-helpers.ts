import type { AudioTrack } from '../src/audio/read-audio.ts';
import { type FfmpegLookup, ffmpegOnce, findFfmpeg } from '../src/encoders/ffmpeg/find-ffmpeg.ts';
import { ffmpegEncodersOf } from '../src/encoders/formats.ts';
import { parseRenderOptions, type RenderArgs } from '../src/options/render-options.ts';
import { readStoredRecipe } from '../src/recipe/read-recipe.ts';
import type { Recipe } from '../src/recipe/recipe.ts';
import { draftOfRecipe } from '../src/recipe/recipe-draft.ts';
import { type RenderControl, type RenderResult, render } from '../src/render/render.ts';
import { ffmpegPath } from './helpers.ts';

/** The tests' ffmpeg (helpers.ts), found once: tests that do not name another use this one, whatever is on PATH. */
export const testFfmpeg: FfmpegLookup = ffmpegOnce({ explicit: ffmpegPath, env: {} });

/** parseRenderOptions over a recipe (as --from gives it), flattened for assertions. */
export function parseRender(args: RenderArgs, base?: Recipe, audio?: AudioTrack, env: Record<string, string | undefined> = {}) {
  const options = parseRenderOptions(args, { base: base && draftOfRecipe(base), audio, env });
  const { request } = options;
  const { quiet, ffmpeg, warnings } = options;
  return { ...request, format: request.output.format, crf: request.recipe.video?.crf, quiet, ffmpeg, warnings };
}

/** Checks `args` as the command line would and renders them, a video with `args.ffmpeg` or else the bundled ffmpeg. */
export async function renderArgs(
  args: RenderArgs,
  { base, audio, control }: { base?: Recipe; audio?: AudioTrack; control?: RenderControl } = {},
): Promise<RenderResult> {
  const { request } = parseRenderOptions(args, { base: base && draftOfRecipe(base), audio, env: {} });
  const encoders = ffmpegEncodersOf(request.output.format, false);
  const ffmpeg = encoders.length > 0 ? await findFfmpeg({ explicit: args.ffmpeg ?? ffmpegPath, env: {}, encoders }) : undefined;
  return render({ ...request, ...(ffmpeg ? { ffmpeg } : {}) }, control);
}

/** The recipe a zsweep file holds (a video's read with the bundled ffmpeg). */
export async function readRecipe(path: string): Promise<Recipe> {
  return (await readStoredRecipe(path, { ffmpeg: testFfmpeg })).recipe;
}
