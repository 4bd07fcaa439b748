import type { ReactSpec } from '../audio/react.ts';
import type { ColourMode } from '../cppn/colour.ts';
import type { Levels } from '../cppn/levels.ts';
import type { ActivationName } from '../cppn/network/activations.ts';
import type { BreedStep } from '../cppn/network/breed-network.ts';
import type { InputKind } from '../cppn/network/inputs.ts';
import type { Architecture } from '../cppn/network/network.ts';
import type { Palette } from '../cppn/palette.ts';
import type { Loop } from '../cppn/sweep.ts';
import type { Recipe, RecipeAudio } from './recipe.ts';

/**
 * Part of a recipe, as a recipe file, a preset or the command line gives it: checked, typed values,
 * each field absent where that source says nothing. Drafts are merged (the command line over a recipe
 * or preset), then completed with the defaults into a Recipe (options/).
 */
export interface RecipeDraft {
  readonly seed?: string;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** The length: frames, or seconds (turned into frames at the fps). At most one of the two. */
  readonly frames?: number;
  readonly durationSeconds?: number;
  readonly aa?: number;
  readonly arch?: Architecture;
  readonly layers?: number;
  readonly hidden?: number;
  readonly activation?: ActivationName;
  readonly beta?: number;
  readonly latent?: number;
  readonly inputs?: InputKind;
  readonly scale?: number;
  readonly colour?: ColourMode;
  readonly palette?: Palette;
  /** `auto`: measured over the loop before rendering; `none`: the raw outputs; or levels already measured (a recipe's). */
  readonly levels?: Levels | 'auto' | 'none';
  /** Motion per frame at 30 fps that the radius (or path length) is measured to give; with a radius, only a record of it. */
  readonly speed?: number;
  readonly loop?: Loop;
  readonly radius?: number;
  /** One number for every latent dimension, or one per dimension. */
  readonly centre?: readonly number[];
  readonly from?: readonly number[];
  readonly to?: readonly number[];
  /** From a recipe only: the studio's mutations and crosses of the seed's network. */
  readonly breed?: readonly BreedStep[];
  readonly react?: ReactSpec;
  readonly turns?: number;
  /** From a recipe only: the soundtrack it was made with, which a render of it must be given again. */
  readonly soundtrack?: Pick<RecipeAudio, 'file' | 'sha256'>;
  /** From a recipe only: the video format and quality it was encoded with. */
  readonly video?: Recipe['video'];
  /** From a recipe only: its beat grid, its excerpt of the track, and the platform it was made for. */
  readonly beat?: Recipe['beat'];
  readonly audioStartSeconds?: number;
  readonly fadeSeconds?: number;
  readonly target?: Recipe['target'];
  /** From a recipe only: its GIF encoder's generation and size cap. */
  readonly encoding?: Recipe['encoding'];
  /** From a recipe only: its journey through the song, and the dimensions it travels in. */
  readonly journey?: Recipe['journey'];
  readonly journeyLatent?: number;
}

/** A recipe as a draft: every field it has. */
export function draftOfRecipe(recipe: Recipe): RecipeDraft {
  const { network, sweep } = recipe;
  return {
    seed: recipe.seed,
    width: recipe.width,
    height: recipe.height,
    fps: recipe.fps,
    frames: recipe.frames,
    aa: recipe.aa,
    ...network,
    scale: recipe.scale,
    colour: recipe.colour,
    ...(recipe.palette ? { palette: recipe.palette } : {}),
    // A recipe without levels was made with none (or before they existed): it keeps the raw outputs.
    levels: recipe.levels ?? 'none',
    ...(recipe.speed === undefined ? {} : { speed: recipe.speed }),
    loop: sweep.loop,
    radius: sweep.radius,
    centre: sweep.centre,
    from: sweep.from,
    to: sweep.to,
    ...(recipe.breed ? { breed: recipe.breed } : {}),
    ...(recipe.video ? { video: recipe.video } : {}),
    ...(recipe.beat ? { beat: recipe.beat } : {}),
    ...(recipe.target ? { target: recipe.target } : {}),
    ...(recipe.encoding ? { encoding: recipe.encoding } : {}),
    ...(recipe.journey ? { journey: recipe.journey } : {}),
    ...(recipe.audio?.startSeconds === undefined ? {} : { audioStartSeconds: recipe.audio.startSeconds }),
    ...(recipe.audio?.fadeSeconds === undefined ? {} : { fadeSeconds: recipe.audio.fadeSeconds }),
    ...(recipe.audio
      ? {
          soundtrack: { file: recipe.audio.file, sha256: recipe.audio.sha256 },
          react: recipe.audio.react,
          ...(sweep.loop === 'none' ? {} : { turns: recipe.audio.turns }),
        }
      : {}),
  };
}

/** What a file read with --from gives: its recipe, less a contact sheet cell's size (a command's own default then applies). */
export function draftOfStored({ recipe, cell }: { recipe: Recipe; cell?: true }): RecipeDraft {
  const { width: _width, height: _height, ...draft } = draftOfRecipe(recipe);
  return cell ? draft : draftOfRecipe(recipe);
}

/**
 * The command line over a base (a recipe or a preset): each value given wins. A length given on the
 * command line replaces the base's length, and so does a soundtrack new to the base (it sets its own).
 */
export function mergeDrafts(base: RecipeDraft, over: RecipeDraft, { newSoundtrack = false } = {}): RecipeDraft {
  const merged: Record<string, unknown> = { ...base };
  // What a recipe measured (the path's size for its speed, its levels) was measured for its picture:
  // once the command line changes what is drawn or how fast, it is measured again.
  if (lookInputs.some((key) => over[key] !== undefined) || (newSoundtrack && base.soundtrack === undefined)) {
    const pathGiven = over.radius !== undefined || over.from !== undefined || over.to !== undefined;
    if (base.speed !== undefined && !pathGiven) {
      delete merged.radius;
      delete merged.from;
      delete merged.to;
    }
    if (typeof base.levels === 'object') merged.levels = 'auto';
  }
  if (over.frames !== undefined || over.durationSeconds !== undefined || (newSoundtrack && base.soundtrack === undefined)) {
    delete merged.frames;
    delete merged.durationSeconds;
  }
  for (const [key, value] of Object.entries(over)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as RecipeDraft;
}

/** The options that change a loop's motion or its range of outputs. */
const lookInputs = [
  'seed',
  'fps',
  'frames',
  'durationSeconds',
  'arch',
  'layers',
  'hidden',
  'activation',
  'beta',
  'latent',
  'inputs',
  'scale',
  'colour',
  'palette',
  'speed',
  'loop',
  'radius',
  'centre',
  'from',
  'to',
  'react',
  'turns',
  // Never on the command line (breeding comes from a recipe), but the studio breeds with these drafts.
  'breed',
] as const satisfies readonly (keyof RecipeDraft)[];
