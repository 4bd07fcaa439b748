import { createRequire } from 'node:module';
import type { ZodType } from 'zod';
import { pulseDrives, speedDrives } from '../audio/react.ts';
import { colourModes } from '../cppn/colour.ts';
import { transitions } from '../cppn/journey.ts';
import { activationNames } from '../cppn/network/activations.ts';
import type { BreedStep } from '../cppn/network/breed-network.ts';
import { inputKinds } from '../cppn/network/inputs.ts';
import { architectures } from '../cppn/network/network.ts';
import { loops } from '../cppn/sweep.ts';
import { videoQualities } from '../encoders/ffmpeg/video-quality.ts';
import { platformNames } from '../encoders/platform-targets.ts';
import { UsageError } from '../errors.ts';
import { version } from '../version.ts';
import { jsonDeeperThan } from './json-depth.ts';
import { limits, maxLatentValue, maxPaletteStops, maxPixels, maxSide } from './limits.ts';
import { type Recipe, recipeVersion } from './recipe.ts';

/** Beats a recipe may list: a day-long track at the fastest tempo allowed (limits.bpm). */
const maxBeatTimes = (limits.durationSeconds.max * limits.bpm.max) / 60;
/** A recipe is input from a stranger: bounded in size before it is parsed at all. */
export const maxRecipeBytes = 64 * 1024;
/**
 * And in depth: a cross's partner nests its own bred steps three levels deeper, so this allows crosses
 * of crosses 80 deep, and stops a small file nested thousands deep before it overflows the stack.
 */
export const maxRecipeDepth = 250;

/**
 * The schema, built on first use: zod is loaded only when a recipe is read (--from, a segmented
 * render's manifest), not on every start, where it was a fifth of the compiled CLI's start-up.
 */
function buildSchema() {
  const { z } = createRequire(import.meta.url)('zod') as typeof import('zod');
  const range = (r: { min: number; max: number; exclusiveMin?: boolean }) =>
    r.exclusiveMin ? z.number().gt(r.min).lte(r.max) : z.number().gte(r.min).lte(r.max);
  const integer = (r: { min: number; max: number }) => z.number().int().gte(r.min).lte(r.max);
  const vector = z.array(z.number().gte(-maxLatentValue).lte(maxLatentValue)).min(1).max(limits.latent.max);
  // Recursive, since a cross's partner is itself bred; maxRecipeDepth bounds its depth before parsing.
  const breedStep: ZodType<BreedStep> = z.lazy(() =>
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('mutate'), seed: z.string().min(1).max(200), strength: range(limits.mutationStrength) }),
      z.strictObject({
        kind: z.literal('cross'),
        mix: z.number().gte(0).lte(1),
        partner: z.strictObject({ seed: z.string().min(1).max(200), breed: breedSteps.optional() }),
      }),
    ]),
  );
  const breedSteps = z.array(breedStep).max(limits.breedSteps.max);
  const paletteStops = z
    .array(z.string().regex(/^#[0-9a-f]{6}$/))
    .min(2)
    .max(maxPaletteStops);

  return z
    .strictObject({
      zsweep: z.string().max(64),
      recipe: z.literal(recipeVersion),
      seed: z.string().min(1).max(200),
      width: z.number().int().gte(2).lte(maxSide),
      height: z.number().int().gte(2).lte(maxSide),
      fps: range(limits.fps),
      frames: integer(limits.frames),
      aa: integer(limits.aa),
      network: z.strictObject({
        arch: z.enum(architectures),
        layers: integer(limits.layers),
        hidden: integer(limits.hidden),
        activation: z.enum(activationNames),
        beta: range(limits.beta),
        latent: integer(limits.latent),
        inputs: z.enum(inputKinds),
        journeyLatent: integer(limits.journeyLatent).optional(),
      }),
      scale: range(limits.scale),
      colour: z.enum(colourModes),
      palette: paletteStops.optional(),
      levels: z
        .strictObject({ low: z.array(z.number().gte(-1).lte(1)).length(3), high: z.array(z.number().gte(-1).lte(1)).length(3) })
        .optional(),
      speed: range(limits.speed).optional(),
      sweep: z.strictObject({
        loop: z.enum(loops),
        radius: range(limits.radius),
        centre: vector,
        from: vector,
        to: vector,
      }),
      breed: breedSteps.optional(),
      audio: z
        .strictObject({
          file: z.string().min(1).max(255),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          react: z.strictObject({
            speed: z.enum(speedDrives),
            pulse: z.enum(pulseDrives),
            pulseAmount: range(limits.pulseAmount),
          }),
          turns: range(limits.turns),
          startSeconds: range(limits.audioStartSeconds).optional(),
          fadeSeconds: range(limits.fadeSeconds).optional(),
        })
        .optional(),
      video: z
        .strictObject({ format: z.enum(['mp4', 'webm']), crf: z.number().int().gte(0).lte(63), quality: z.enum(videoQualities).optional() })
        .optional(),
      beat: z
        .strictObject({
          bpm: range(limits.bpm),
          beatsPerBar: integer(limits.beatsPerBar),
          firstBeatSeconds: z.number().gte(0).lte(limits.durationSeconds.max),
          downbeat: z.number().int().gte(0).lt(limits.beatsPerBar.max),
          bars: integer(limits.bars).optional(),
          accent: range(limits.pulseAmount).optional(),
          times: z.array(z.number().gte(0).lte(limits.durationSeconds.max)).max(maxBeatTimes).optional(),
        })
        .optional(),
      journey: z
        .strictObject({
          sections: z.array(z.number().gt(0).lte(limits.durationSeconds.max)).max(limits.sections.max),
          transition: z.enum(transitions),
          palettes: z.array(paletteStops).min(1).max(limits.sections.max).optional(),
        })
        .optional(),
      target: z.enum(platformNames).optional(),
      encoding: z
        .strictObject({
          gif: z.literal(2).optional(),
          maxBytes: z.number().int().gte(limits.maxBytes.min).lte(limits.maxBytes.max).optional(),
          reduced: z
            .strictObject({
              fps: z.number().gt(0).lte(limits.fps.max),
              width: z.number().int().gte(1).lte(maxSide),
              height: z.number().int().gte(1).lte(maxSide),
            })
            .optional(),
        })
        .optional(),
      /** Which backend rendered it: informational, ignored when rendering again. */
      backend: z.string().max(64).optional(),
    })
    .superRefine((recipe, context) => {
      if (recipe.width * recipe.height > maxPixels) {
        context.addIssue({ code: 'custom', path: ['width'], message: `width × height is at most ${maxPixels / 1e6} megapixels` });
      }
      if ((recipe.colour === 'palette') !== (recipe.palette !== undefined)) {
        context.addIssue({ code: 'custom', path: ['palette'], message: 'is present exactly when colour is "palette"' });
      }
      if (recipe.levels?.low.some((low, c) => !(low < (recipe.levels?.high[c] ?? low)))) {
        context.addIssue({ code: 'custom', path: ['levels'], message: 'each low is below its high' });
      }
      if ((recipe.journey !== undefined) !== (recipe.network.journeyLatent !== undefined)) {
        context.addIssue({ code: 'custom', path: ['journey'], message: 'is present exactly when network.journeyLatent is' });
      }
      if (recipe.journey !== undefined && (recipe.audio === undefined || recipe.sweep.loop !== 'circle')) {
        context.addIssue({ code: 'custom', path: ['journey'], message: 'needs a soundtrack (audio) and a circle sweep' });
      }
      if (recipe.journey?.sections.some((t, k, all) => k > 0 && !(t > all[k - 1]))) {
        context.addIssue({ code: 'custom', path: ['journey', 'sections'], message: 'must be in ascending order' });
      }
      if (recipe.journey?.palettes !== undefined && recipe.colour !== 'palette') {
        context.addIssue({ code: 'custom', path: ['journey', 'palettes'], message: 'needs colour "palette"' });
      }
      for (const key of ['centre', 'from', 'to'] as const) {
        if (recipe.sweep[key].length !== recipe.network.latent) {
          context.addIssue({
            code: 'custom',
            path: ['sweep', key],
            message: `needs ${recipe.network.latent} number${recipe.network.latent === 1 ? '' : 's'}, one per latent dimension`,
          });
        }
      }
    });
}

let schema: ReturnType<typeof buildSchema> | undefined;

/**
 * Parses and checks a recipe's JSON text. Anything wrong (too large, not JSON, a key that could
 * pollute prototypes, a newer format, an unknown field, a wrong type, a value out of range) is a
 * UsageError of one line that names the source and the field.
 */
export function parseRecipe(text: string, source: string): Recipe {
  if (Buffer.byteLength(text, 'utf8') > maxRecipeBytes) {
    throw new UsageError(`Recipe in ${source} is larger than ${maxRecipeBytes / 1024} KiB: not a zsweep recipe`);
  }
  if (jsonDeeperThan(text, maxRecipeDepth)) {
    throw new UsageError(`Recipe in ${source} nests deeper than ${maxRecipeDepth} levels: not a zsweep recipe`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text, (key, value) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        throw new UsageError(`Recipe in ${source} has a forbidden key ${JSON.stringify(key)}: a recipe holds only zsweep's own fields`);
      }
      return value;
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Recipe in ${source} is not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`Recipe in ${source} is not a JSON object: expected a zsweep recipe`);
  }
  if (!('zsweep' in data) || !('recipe' in data)) {
    throw new UsageError(`${source} holds no zsweep recipe: its JSON has no "zsweep" and "recipe" fields`);
  }
  const format = (data as { recipe?: unknown }).recipe;
  if (typeof format === 'number' && format > recipeVersion) {
    const by = (data as { zsweep?: unknown }).zsweep;
    throw new UsageError(
      `Recipe in ${source} has format ${format}${typeof by === 'string' ? ` (zsweep ${by.slice(0, 20)})` : ''}; this zsweep ${version} reads format ${recipeVersion}: upgrade zsweep to render it`,
    );
  }
  schema ??= buildSchema();
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || '(top level)';
    const unknown = issue.code === 'unrecognized_keys' ? ` ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` : '';
    throw new UsageError(`Invalid recipe field ${field}${unknown} in ${source}: ${issue.message.replace(/\s+/g, ' ')}`);
  }
  return result.data as Recipe;
}
