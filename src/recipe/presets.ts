import { namedPalette, type Palette } from '../cppn/palette.ts';
import type { RecipeDraft } from './recipe-draft.ts';

/**
 * The nine example images of the post "Abstract Art with ML", by the slug of their title, each
 * designed anew on zsweep's generator to look like its name (the post's own pictures cannot be
 * reproduced by anyone: its TensorFlow.js ignored the seed in its initialiser). They keep the post's
 * seeds; topology, β, colours and speed were chosen by rendering candidates and looking at them
 * (docs/look.md has the contact sheet).
 */
export interface Preset {
  readonly slug: string;
  readonly title: string;
  /** What it looks like, for `zsweep presets`. */
  readonly look: string;
  readonly draft: RecipeDraft & { readonly seed: string };
}

const storm: Palette = ['#04060b', '#0a1322', '#16243a', '#2c4463', '#9fb8d4', '#ffffff'];
const purple: Palette = ['#0d0418', '#2a0b4a', '#5b1f96', '#9d4edd', '#e0aaff', '#fff0ff'];
/** Glass between dark leading: every other stop is the lead, so neighbouring panes are parted by a dark line. */
const glass: Palette = ['#140a06', '#e74c3c', '#f39c12', '#140a06', '#3498db', '#1abc9c', '#140a06', '#9b59b6', '#f1c40f', '#140a06'];
/** Dark and light in turn: the picture's contour lines. */
const contours: Palette = Array.from({ length: 13 }, (_, i) => (i % 2 ? '#e8e8f0' : '#06060a'));

export const presets: readonly Preset[] = [
  {
    slug: 'complexity',
    title: 'Complexity',
    look: 'intricate folds in full colour',
    draft: { seed: '6130076054', arch: 'resnet', beta: 48, colour: 'rgb', speed: 2 },
  },
  {
    slug: 'streams',
    title: 'Streams',
    look: 'blue water streaming',
    draft: { seed: '2321123', arch: 'perceptron', beta: 6, activation: 'sin', colour: 'palette', palette: ocean(), speed: 2 },
  },
  {
    slug: 'lines',
    title: 'Lines',
    look: 'black and white contour lines',
    draft: { seed: '9183923745', arch: 'perceptron', beta: 6, colour: 'palette', palette: contours, speed: 1.5 },
  },
  {
    slug: 'alices-purple-rabbit',
    title: "Alice's purple rabbit",
    look: 'soft purple silk',
    draft: { seed: '6828398570', arch: 'resnet', beta: 27.9, colour: 'palette', palette: purple, speed: 2 },
  },
  {
    slug: 'the-storm',
    title: 'The Storm',
    look: 'dark clouds with bright strokes',
    draft: { seed: '3742851', arch: 'resnet', beta: 24, colour: 'palette', palette: storm, speed: 2 },
  },
  {
    slug: 'prism',
    title: 'Prism',
    look: 'glassy spectral colours',
    draft: { seed: '4397', arch: 'perceptron', beta: 24, colour: 'hsv', speed: 2 },
  },
  {
    slug: 'gradient',
    title: 'Gradient',
    look: 'smooth, slow colour gradients',
    draft: { seed: '3742849', arch: 'densenet', beta: 16, colour: 'oklab', speed: 1.2 },
  },
  {
    slug: 'excess',
    title: 'Excess',
    look: 'everything at once, lively',
    draft: { seed: '2321175', arch: 'perceptron', beta: 96, colour: 'hsv', speed: 5 },
  },
  {
    slug: 'stained',
    title: 'Stained',
    look: 'stained glass: coloured panes, dark leading',
    draft: { seed: '6828398584', arch: 'resnet', beta: 16, colour: 'palette', palette: glass, speed: 1.2 },
  },
];

function ocean(): Palette {
  return namedPalette('ocean') as Palette;
}

/** A preset as a draft, for options given on the command line to override. */
export function presetDraft(preset: Preset): RecipeDraft {
  return preset.draft;
}

export function findPreset(slug: string): Preset | undefined {
  return presets.find((preset) => preset.slug === slug.trim().toLowerCase());
}
