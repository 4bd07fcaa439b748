import type { ColourMode } from '../cppn/colour.ts';
import type { NetworkSpec } from '../cppn/network/network.ts';
import { drawSeed } from '../cppn/random.ts';
import type { SweepSpec } from '../cppn/sweep.ts';
import { invalidOption } from '../errors.ts';
import { type Recipe, recipeVersion } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import { version } from '../version.ts';
import { defaultActivation, defaultHidden, defaults } from './defaults.ts';
import { vectorExpected } from './picture-args.ts';

/** The part of a recipe that every command shares: what is drawn, whatever its size and length. */
export interface Picture {
  readonly seed: string;
  readonly network: NetworkSpec;
  readonly scale: number;
  readonly colour: ColourMode;
  readonly sweep: SweepSpec;
}

/**
 * A merged draft's network, colour and sweep, with the defaults for what it leaves out, and the
 * checks that involve several values. A seed is drawn if none was given.
 */
export function completePicture(draft: RecipeDraft): Picture {
  const arch = draft.arch ?? defaults.arch;
  const network: NetworkSpec = {
    arch,
    layers: draft.layers ?? defaults.layers,
    hidden: draft.hidden ?? defaultHidden(arch),
    activation: draft.activation ?? defaultActivation(arch),
    beta: draft.beta ?? defaults.beta,
    latent: draft.latent ?? defaults.latent,
    inputs: draft.inputs ?? defaults.inputs,
  };
  const loop = draft.loop ?? defaults.loop;
  if (loop === 'circle' && network.latent < 2) {
    throw invalidOption(
      'latent',
      network.latent,
      'at least 2 for --loop circle (a circle needs a plane); use --latent 2, or --loop pingpong for a single z',
    );
  }
  const vector = (option: string, values: readonly number[] | undefined, fallback: number): number[] => {
    if (values === undefined || values.length === 1) return new Array<number>(network.latent).fill(values?.[0] ?? fallback);
    if (values.length !== network.latent)
      throw invalidOption(option, values.join(','), vectorExpected(option, network.latent, values.length));
    return [...values];
  };
  return {
    seed: draft.seed ?? drawSeed(),
    network,
    scale: draft.scale ?? defaults.scale,
    colour: draft.colour ?? defaults.colour,
    sweep: {
      loop,
      radius: draft.radius ?? defaults.radius,
      centre: vector('z-centre', draft.centre, defaults.zCentre),
      from: vector('z-from', draft.from, defaults.zFrom),
      to: vector('z-to', draft.to, defaults.zTo),
    },
  };
}

/** A recipe's size and length: what each command decides for itself. */
export interface FrameShape {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  readonly aa: number;
}

/** The recipe of a picture at a shape, written by this zsweep (its fields in the order every file stores them). */
export function recipeOf(picture: Picture, shape: FrameShape, extras: Pick<Recipe, 'audio' | 'video' | 'beat' | 'target'> = {}): Recipe {
  return {
    zsweep: version,
    recipe: recipeVersion,
    seed: picture.seed,
    width: shape.width,
    height: shape.height,
    fps: shape.fps,
    frames: shape.frames,
    aa: shape.aa,
    network: picture.network,
    scale: picture.scale,
    colour: picture.colour,
    sweep: picture.sweep,
    ...(extras.audio ? { audio: extras.audio } : {}),
    ...(extras.video ? { video: extras.video } : {}),
    ...(extras.beat ? { beat: extras.beat } : {}),
    ...(extras.target ? { target: extras.target } : {}),
  };
}
