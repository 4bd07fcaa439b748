import { colourModes } from '../../cppn/colour.ts';
import { activationNames } from '../../cppn/network/activations.ts';
import { inputKinds } from '../../cppn/network/inputs.ts';
import { architectures } from '../../cppn/network/network.ts';
import { loops } from '../../cppn/sweep.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import type { DesignOption } from './design-edits.ts';
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

/** Every option that shapes the picture, as one table: adding one (palette, levels, speed) is one row. */
const controls: readonly Control[] = [
  { option: 'arch', label: 'Topology', kind: 'select', choices: architectures },
  { option: 'layers', label: 'Layers', kind: 'range', min: 1, max: 16, step: 1 },
  { option: 'hidden', label: 'Width', kind: 'range', min: 1, max: 64, step: 1 },
  { option: 'activation', label: 'Activation', kind: 'select', choices: activationNames },
  { option: 'beta', label: 'β', kind: 'range', min: 1, max: 4096, step: 0.01, log: true },
  { option: 'inputs', label: 'Inputs', kind: 'select', choices: inputKinds },
  { option: 'colour', label: 'Colour', kind: 'select', choices: colourModes },
  { option: 'scale', label: 'Scale', kind: 'range', min: 0.1, max: 10, step: 0.001, log: true },
  { option: 'loop', label: 'Loop', kind: 'select', choices: loops },
  { option: 'latent', label: 'Latent', kind: 'range', min: 1, max: 8, step: 1 },
  { option: 'radius', label: 'Radius', kind: 'range', min: 0, max: 4, step: 0.01 },
  { option: 'fps', label: 'FPS', kind: 'range', min: 5, max: 60, step: 1 },
  { option: 'seconds', label: 'Length (s)', kind: 'range', min: 0.5, max: 20, step: 0.5 },
];

function currentValue(recipe: Recipe, option: DesignOption): string | number {
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
    default:
      return recipe[option as 'seed' | 'colour' | 'scale' | 'fps' | 'width' | 'height'];
  }
}

const shown = (value: number) => (Number.isInteger(value) ? String(value) : value.toPrecision(3));

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
  onInput: (option: DesignOption, value: string | number) => void;
  onChange: (option: DesignOption, value: string | number) => void;
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
            min: control.log ? Math.log(control.min) : control.min,
            max: control.log ? Math.log(control.max) : control.max,
            step: control.log ? 0.001 : control.step,
          });
    const read = (): string | number => {
      if (control.kind === 'select') return input.value;
      const raw = Number(input.value);
      return control.log ? Number(Math.exp(raw).toPrecision(4)) : raw;
    };
    const write = (value: string | number) => {
      if (control.kind === 'select') input.value = String(value);
      else input.value = String(control.log ? Math.log(Number(value)) : value);
      output.textContent = control.kind === 'select' ? '' : shown(Number(value));
    };
    input.addEventListener('input', () => {
      const value = read();
      if (control.kind === 'range') output.textContent = shown(Number(value));
      handlers.onInput(control.option, value);
    });
    input.addEventListener('change', () => handlers.onChange(control.option, read()));
    const row = element('label', { class: 'control', for: id }, element('span', {}, control.label), input, output);
    return { row, write, option: control.option };
  });
  const form = element('form', { class: 'controls', autocomplete: 'off' }, ...rows.map((r) => r.row));
  form.addEventListener('submit', (event) => event.preventDefault());
  return {
    element: form,
    update(recipe) {
      for (const row of rows) row.write(currentValue(recipe, row.option));
    },
  };
}
