import type { RecipeDraft } from './recipe-draft.ts';

/**
 * The nine example images of the post "Abstract Art with ML", by the slug of their title, with the
 * post's seed, z, β, colour and topology. They use zsweep's own generator, so they are pictures in
 * the spirit of the originals, not the originals: the post's TensorFlow.js ignored the seed in its
 * initialiser, so its exact pictures cannot be reproduced by anyone.
 */
export interface Preset {
  readonly slug: string;
  readonly title: string;
  readonly seed: string;
  /** The post's single z. */
  readonly z: number;
  readonly beta: number;
  readonly arch: 'densenet' | 'perceptron' | 'resnet';
  readonly colour: 'rgb' | 'bw';
}

export const presets: readonly Preset[] = [
  { slug: 'complexity', title: 'Complexity', seed: '6130076054', z: -0.2, beta: 588.1, arch: 'densenet', colour: 'rgb' },
  { slug: 'streams', title: 'Streams', seed: '2321123', z: -0.2, beta: 588.1, arch: 'densenet', colour: 'rgb' },
  { slug: 'lines', title: 'Lines', seed: '9183923745', z: -3.9, beta: 8192, arch: 'densenet', colour: 'bw' },
  { slug: 'alices-purple-rabbit', title: "Alice's purple rabbit", seed: '6828398570', z: 0.9, beta: 27.9, arch: 'resnet', colour: 'rgb' },
  { slug: 'the-storm', title: 'The Storm', seed: '3742851', z: -4, beta: 415.9, arch: 'densenet', colour: 'bw' },
  { slug: 'prism', title: 'Prism', seed: '4397', z: -0.2, beta: 1552.1, arch: 'densenet', colour: 'rgb' },
  { slug: 'gradient', title: 'Gradient', seed: '3742849', z: -0.6, beta: 181.0, arch: 'densenet', colour: 'rgb' },
  { slug: 'excess', title: 'Excess', seed: '2321175', z: -1.6, beta: 8192, arch: 'densenet', colour: 'rgb' },
  { slug: 'stained', title: 'Stained', seed: '6828398584', z: -1.3, beta: 26.0, arch: 'perceptron', colour: 'bw' },
];

/** How far the animation strays from the preset's z: enough to move, little enough to stay that picture. */
export const presetRadius = 0.5;

/**
 * A preset as a draft, for options given on the command line to override. The post's z is one
 * number; the animation circles around the point (z, 0) of a two-dimensional latent, so its first
 * dimension passes through the post's value.
 */
export function presetDraft(preset: Preset): RecipeDraft {
  return {
    seed: preset.seed,
    beta: preset.beta,
    arch: preset.arch,
    colour: preset.colour,
    latent: 2,
    loop: 'circle',
    centre: [preset.z, 0],
    radius: presetRadius,
  };
}

export function findPreset(slug: string): Preset | undefined {
  return presets.find((preset) => preset.slug === slug.trim().toLowerCase());
}
