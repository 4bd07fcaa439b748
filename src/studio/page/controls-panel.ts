import { colourModes, defaultPaletteName } from '../../cppn/colour.ts';
import { activationNames } from '../../cppn/network/activations.ts';
import { inputKinds } from '../../cppn/network/inputs.ts';
import { architectures } from '../../cppn/network/network.ts';
import { namedPalette, paletteNames } from '../../cppn/palette.ts';
import { loops } from '../../cppn/sweep.ts';
import { namedSpeeds, parsePalette, parseSpeed } from '../../options/look-options.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import type { DesignOption, OptionValue } from './design-edits.ts';
import { element } from './element.ts';

type Control =
  | { readonly option: DesignOption; readonly label: string; readonly kind: 'select'; readonly choices: readonly string[] }
  | {
      readonly option: DesignOption;
      readonly label: string;
      readonly kind: 'range';
      readonly min: number;
      readonly max: number;
      readonly step: number;
      /** A slider over the logarithm, for values that matter by ratio (β, scale). */
      readonly log?: boolean;
    };

/** Every option that shapes the picture, as one table (speed and palette, which take a name or a value of one's own, are rows of their own below). */
const controls: readonly Control[] = [
  { option: 'arch', label: 'Topology', kind: 'select', choices: architectures },
  { option: 'layers', label: 'Layers', kind: 'range', min: 1, max: 16, step: 1 },
  { option: 'hidden', label: 'Width', kind: 'range', min: 1, max: 64, step: 1 },
  { option: 'activation', label: 'Activation', kind: 'select', choices: activationNames },
  { option: 'beta', label: 'β', kind: 'range', min: 1, max: 4096, step: 0.01, log: true },
  { option: 'inputs', label: 'Inputs', kind: 'select', choices: inputKinds },
  { option: 'colour', label: 'Colour', kind: 'select', choices: colourModes },
  { option: 'levels', label: 'Levels', kind: 'select', choices: ['auto', 'none'] },
  { option: 'scale', label: 'Scale', kind: 'range', min: 0.1, max: 10, step: 0.001, log: true },
  { option: 'loop', label: 'Loop', kind: 'select', choices: loops },
  { option: 'latent', label: 'Latent', kind: 'range', min: 1, max: 8, step: 1 },
  { option: 'radius', label: 'Radius', kind: 'range', min: 0, max: 4, step: 0.01 },
  { option: 'fps', label: 'FPS', kind: 'range', min: 5, max: 60, step: 1 },
  { option: 'seconds', label: 'Length (s)', kind: 'range', min: 0.5, max: 20, step: 0.5 },
];

/** The value a control shows for a design (after the edit: a latent the loop raised to 2 reads 2). */
export function currentValue(recipe: Recipe, option: DesignOption): string | number {
  const { network, sweep } = recipe;
  switch (option) {
    case 'arch':
    case 'layers':
    case 'hidden':
    case 'activation':
    case 'beta':
    case 'latent':
    case 'inputs':
      return network[option];
    case 'loop':
    case 'radius':
      return sweep[option];
    case 'seconds':
      return Math.round((recipe.frames / recipe.fps) * 100) / 100;
    case 'levels':
      return recipe.levels ? 'auto' : 'none';
    default:
      return recipe[option as 'seed' | 'colour' | 'scale' | 'fps' | 'width' | 'height'];
  }
}

/** Ticks of a log slider, from its minimum to its maximum. */
const logTicks = 1000;

function fromTicks({ min, max }: { min: number; max: number }, ticks: number): number {
  if (ticks <= 0) return min;
  if (ticks >= logTicks) return max;
  return Number(Math.exp(Math.log(min) + (ticks / logTicks) * (Math.log(max) - Math.log(min))).toPrecision(4));
}

function toTicks({ min, max }: { min: number; max: number }, value: number): number {
  return Math.round(((Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min))) * logTicks);
}

const shown = (value: number) => String(Number(value.toPrecision(4)));

export interface ControlsPanel {
  readonly element: HTMLElement;
  /** Shows the design's values (after undo, a pick, a dropped file). */
  update(recipe: Recipe): void;
}

/**
 * The form: `onInput` while a control moves (the preview follows), `onChange` when it is let go (a
 * step in the history).
 */
export function createControlsPanel(handlers: {
  onInput: (option: DesignOption, value: OptionValue) => void;
  onChange: (option: DesignOption, value: OptionValue) => void;
  /** A value typed that the command line would refuse: its one line. */
  onError: (message: string) => void;
}): ControlsPanel {
  const rows = controls.map((control) => {
    const id = `control-${control.option}`;
    const output = element('output', { for: id });
    const input =
      control.kind === 'select'
        ? element('select', { id, name: control.option }, ...control.choices.map((choice) => element('option', { value: choice }, choice)))
        : element('input', {
            id,
            name: control.option,
            type: 'range',
            // A log slider moves in whole ticks, so that both ends are exact: a step of the logarithm
            // would stop short of the top (β 4093, scale 9.998).
            min: control.log ? 0 : control.min,
            max: control.log ? logTicks : control.max,
            step: control.log ? 1 : control.step,
          });
    const read = (): string | number => {
      if (control.kind === 'select') return input.value;
      const raw = Number(input.value);
      return control.log ? fromTicks(control, raw) : raw;
    };
    const write = (value: string | number) => {
      if (control.kind === 'select') input.value = String(value);
      else input.value = String(control.log ? toTicks(control, Number(value)) : value);
      if (control.kind === 'range') showValue(Number(value));
    };
    /** The value beside the slider and, for a log slider, what assistive technology reads instead of its ticks. */
    const showValue = (value: number) => {
      output.textContent = shown(value);
      if (control.kind === 'range' && control.log) input.setAttribute('aria-valuetext', shown(value));
    };
    input.addEventListener('input', () => {
      const value = read();
      if (control.kind === 'range') showValue(Number(value));
      handlers.onInput(control.option, value);
    });
    input.addEventListener('change', () => handlers.onChange(control.option, read()));
    const row = element('label', { class: 'control', for: id }, element('span', {}, control.label), input, output);
    return { row, write, option: control.option };
  });
  const speed = namedOrOwn({
    option: 'speed',
    label: 'Speed',
    names: [...Object.keys(namedSpeeds), 'by radius'],
    placeholder: 'per frame',
    title: 'Mean change per channel per frame at 30 fps (0–255), as --speed',
    valueOf: (name) => namedSpeeds[name as keyof typeof namedSpeeds],
    parse: parseSpeed,
    handlers,
  });
  const palette = namedOrOwn({
    option: 'palette',
    label: 'Palette',
    names: paletteNames,
    placeholder: '#1b1b3a,#693668,…',
    title: 'A named palette, or two or more colours as #rrggbb separated by commas, as --palette',
    valueOf: (name) => namedPalette(name),
    parse: parsePalette,
    handlers,
  });
  const form = element('form', { class: 'controls', autocomplete: 'off' }, ...rows.map((r) => r.row));
  // Speed after the radius it measures, palette after the colour modes.
  form.insertBefore(palette.row, rows.find((r) => r.option === 'levels')!.row);
  form.insertBefore(speed.row, rows.find((r) => r.option === 'fps')!.row);
  form.addEventListener('submit', (event) => event.preventDefault());
  return {
    element: form,
    update(recipe) {
      for (const row of rows) row.write(currentValue(recipe, row.option));
      const speedName = Object.entries(namedSpeeds).find(([, value]) => value === recipe.speed)?.[0];
      speed.write(recipe.speed === undefined ? 'by radius' : speedName, speedName ? '' : String(recipe.speed));
      const stops = recipe.palette ?? namedPalette(defaultPaletteName)!;
      const paletteName = paletteNames.find((name) => String(namedPalette(name)) === String(stops));
      palette.write(paletteName, paletteName ? '' : stops.join(','));
    },
  };
}

/**
 * A control that takes a name from a list or a value of one's own, typed as on the command line and
 * checked by the same parser (a refusal is its one line). A name not in the list (`by radius`) gives
 * no value: it only shows a state the design is in.
 */
function namedOrOwn(control: {
  option: DesignOption;
  label: string;
  names: readonly string[];
  placeholder: string;
  title: string;
  valueOf: (name: string) => OptionValue | undefined;
  parse: (text: string) => OptionValue;
  handlers: { onChange: (option: DesignOption, value: OptionValue) => void; onError: (message: string) => void };
}): { row: HTMLElement; write(name: string | undefined, own: string): void } {
  const id = `control-${control.option}`;
  const select = element(
    'select',
    { id, name: control.option },
    ...control.names.map((name) => element('option', { value: name }, name)),
    element('option', { value: '' }, 'own'),
  );
  const own = element('input', {
    id: `${id}-own`,
    type: 'text',
    size: 9,
    placeholder: control.placeholder,
    title: control.title,
    'aria-label': `${control.label} of your own`,
  });
  select.addEventListener('change', () => {
    const value = control.valueOf(select.value);
    if (value !== undefined) control.handlers.onChange(control.option, value);
    else if (select.value === '') own.focus();
  });
  own.addEventListener('change', () => {
    try {
      control.handlers.onChange(control.option, control.parse(own.value));
    } catch (error) {
      control.handlers.onError((error as Error).message);
    }
  });
  const row = element('label', { class: 'control own', for: id }, element('span', {}, control.label), select, own);
  return {
    row,
    write(name, text) {
      select.value = name ?? '';
      own.value = text;
    },
  };
}
