import { type ColourMode, defaultPaletteName } from '../cppn/colour.ts';
import type { Levels } from '../cppn/levels.ts';
import type { BreedStep } from '../cppn/network/breed-network.ts';
import type { NetworkSpec } from '../cppn/network/network.ts';
import { namedPalette, type Palette } from '../cppn/palette.ts';
import { drawSeed } from '../cppn/random.ts';
import type { SweepSpec } from '../cppn/sweep.ts';
import { invalidOption } from '../errors.ts';
import { type Recipe, recipeVersion } from '../recipe/recipe.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';
import type { LookRequest } from '../render/measure-look.ts';
import { version } from '../version.ts';
import { defaultBeta, defaultCentre, defaults, topologyDefaults } from './defaults.ts';
import { namedSpeeds } from './look-options.ts';
import { vectorExpected } from './picture-args.ts';

const defaultPalette = namedPalette(defaultPaletteName) as Palette;

/** The part of a recipe that every command shares: what is drawn, whatever its size and length. */
export interface Picture {
  readonly seed: string;
  readonly network: NetworkSpec;
  readonly scale: number;
  readonly colour: ColourMode;
  readonly palette?: Palette;
  /** Levels already measured (a recipe's); to be measured when `look.levels`. */
  readonly levels?: Levels;
  /** The speed the path was measured for, when it was (a recipe's); to be measured when `look.speed`. */
  readonly speed?: number;
  readonly sweep: SweepSpec;
  readonly breed?: readonly BreedStep[];
  /** What is measured over the loop before rendering, and set in the recipe (render/measure-look.ts). */
  readonly look: LookRequest;
}

/**
 * A merged draft's network, colour and sweep, with the defaults for what it leaves out, and the
 * checks that involve several values. A seed is drawn if none was given.
 */
export function completePicture(draft: RecipeDraft): Picture {
  const arch = draft.arch ?? defaults.arch;
  const topology = topologyDefaults[arch];
  const activation = draft.activation ?? topology.activation;
  const network: NetworkSpec = {
    arch,
    layers: draft.layers ?? defaults.layers,
    hidden: draft.hidden ?? topology.hidden,
    activation,
    beta: draft.beta ?? defaultBeta(arch, activation),
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
  const centre = defaultCentre(arch, network.latent);
  const sweep: SweepSpec = {
    loop,
    radius: draft.radius ?? defaults.radius,
    centre: draft.centre ? vector('z-centre', draft.centre, 0) : centre,
    from: draft.from ? vector('z-from', draft.from, 0) : centre.map((c) => c + defaults.zFrom),
    to: draft.to ? vector('z-to', draft.to, 0) : centre.map((c) => c + defaults.zTo),
  };
  // A path given (a radius, or the ends of a pingpong) wins over a speed: then nothing is measured.
  const pathGiven = loop === 'circle' ? draft.radius !== undefined : draft.from !== undefined || draft.to !== undefined;
  const levels = draft.levels ?? 'auto';
  const colour = draft.colour ?? defaults.colour;
  return {
    seed: draft.seed ?? drawSeed(),
    network,
    scale: draft.scale ?? defaults.scale,
    colour,
    ...(colour === 'palette' ? { palette: draft.palette ?? defaultPalette } : {}),
    ...(typeof levels === 'object' ? { levels } : {}),
    ...(pathGiven && draft.speed !== undefined ? { speed: draft.speed } : {}),
    sweep,
    ...(draft.breed?.length ? { breed: draft.breed } : {}),
    look: { ...(pathGiven ? {} : { speed: draft.speed ?? namedSpeeds[defaults.speed] }), levels: levels === 'auto' },
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
    ...(picture.palette ? { palette: picture.palette } : {}),
    ...(picture.levels ? { levels: picture.levels } : {}),
    ...(picture.speed === undefined ? {} : { speed: picture.speed }),
    sweep: picture.sweep,
    ...(picture.breed?.length ? { breed: picture.breed } : {}),
    ...(extras.audio ? { audio: extras.audio } : {}),
    ...(extras.video ? { video: extras.video } : {}),
    ...(extras.beat ? { beat: extras.beat } : {}),
    ...(extras.target ? { target: extras.target } : {}),
  };
}
