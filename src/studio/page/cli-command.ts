import { namedPalette, paletteNames } from '../../cppn/palette.ts';
import { namedSpeeds } from '../../options/look-options.ts';
import type { Recipe } from '../../recipe/recipe.ts';

/** Text as one shell word: left bare when safe, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w.,:/=+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The command line that renders the same frames as the page: every option of the design spelled out,
 * since the defaults may change between versions. A bred design has no options for its mutations, so
 * it is rendered from its recipe file (which the page saves as `recipeFile`, at the render's size),
 * and so is a design whose look was measured at another shape than the render's (`measuredAt`, the
 * design's own size): the command would measure it again at the render's and could come out
 * slightly other. From the file, only the size is given: a length or fps would measure it again.
 */
export function cliCommand(
  recipe: Recipe,
  out: string,
  recipeFile: string,
  measuredAt: { width: number; height: number } = recipe,
): string {
  const { network, sweep } = recipe;
  const size = [`--size`, `${recipe.width}x${recipe.height}`];
  const length = [...size, `--fps`, String(recipe.fps), `--frames`, String(recipe.frames)];
  const target = ['--out', out];
  const measured = recipe.speed !== undefined || recipe.levels !== undefined;
  const reshaped = measuredAt.width * recipe.height !== measuredAt.height * recipe.width;
  if (recipe.breed?.length || (measured && reshaped)) {
    return ['npx', 'zsweep', '--from', recipeFile, ...size, ...target].map(shellWord).join(' ');
  }
  const vector = (values: readonly number[]) => (values.every((v) => v === values[0]) ? String(values[0]) : values.join(','));
  // A measured path is asked for by its speed, not its size: the command measures it as the page did,
  // and so do its levels, which no option can spell out.
  const path =
    recipe.speed !== undefined
      ? ['--speed', speedWord(recipe.speed), ...(sweep.loop === 'none' ? [] : ['--z-centre', vector(sweep.centre)])]
      : sweep.loop === 'circle'
        ? ['--radius', String(sweep.radius), '--z-centre', vector(sweep.centre)]
        : ['--z-from', vector(sweep.from), '--z-to', vector(sweep.to)];
  const palette = recipe.colour === 'palette' && recipe.palette ? ['--palette', paletteWord(recipe.palette)] : [];
  const words = [
    'npx',
    'zsweep',
    '--seed',
    recipe.seed,
    ...length,
    ...['--arch', network.arch, '--layers', String(network.layers), '--hidden', String(network.hidden)],
    ...['--activation', network.activation, '--beta', String(network.beta), '--latent', String(network.latent)],
    ...['--inputs', network.inputs, '--colour', recipe.colour, ...palette, '--levels', recipe.levels ? 'auto' : 'none'],
    ...['--scale', String(recipe.scale), '--loop', sweep.loop, ...path],
    ...(recipe.aa === 1 ? [] : ['--aa', String(recipe.aa)]),
    ...target,
  ];
  return words.map(shellWord).join(' ');
}

/** A speed by its name where it has one. */
function speedWord(speed: number): string {
  return Object.entries(namedSpeeds).find(([, value]) => value === speed)?.[0] ?? String(speed);
}

/** A palette by its name where it is a named one, else its stops. */
function paletteWord(palette: readonly string[]): string {
  const same = (stops: readonly string[]) => stops.length === palette.length && stops.every((stop, i) => stop === palette[i]);
  return paletteNames.find((name) => same(namedPalette(name)!)) ?? palette.join(',');
}
