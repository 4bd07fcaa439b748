import { namedPalette, paletteNames } from '../../cppn/palette.ts';
import type { Recipe } from '../../recipe/recipe.ts';

/** Text as one shell word: left bare when safe, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w.,:/=+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The command line that renders the same bytes as the page's render of `recipe` into `out`. A design
 * whose look was measured (its speed's path, its levels) or that was bred carries numbers no option can
 * spell out exactly (levels), or that the command would measure again and could find otherwise (a
 * speed at another fps, a pingpong's ends): it is rendered from its recipe file (`recipeFile`, which the
 * page saves at the render's size), with only the size given. So is one PNG: the command line refuses
 * a length for it, and its recipe records one. Anything else is spelled out option by option, the path
 * included, since the defaults may change between versions. The CPU backend, as the page's renders
 * run: a GPU's rounding differs in the last bits.
 */
export function cliCommand(recipe: Recipe, out: string, recipeFile: string): string {
  const { network, sweep } = recipe;
  const size = [`--size`, `${recipe.width}x${recipe.height}`];
  const tail = ['--backend', 'cpu', '--out', out];
  // A live page fills the window, as the page's export does: its size is the recipe's shape, not --size.
  if (out.endsWith('.html')) return ['npx', 'zsweep', 'export', '--from', recipeFile, '--out', out].map(shellWord).join(' ');
  if (needsRecipeFile(recipe, out)) return ['npx', 'zsweep', '--from', recipeFile, ...size, ...tail].map(shellWord).join(' ');
  const vector = (values: readonly number[]) => (values.every((v) => v === values[0]) ? String(values[0]) : values.join(','));
  const palette = recipe.colour === 'palette' && recipe.palette ? ['--palette', paletteWord(recipe.palette)] : [];
  const words = [
    'npx',
    'zsweep',
    '--seed',
    recipe.seed,
    ...size,
    ...['--fps', String(recipe.fps), '--frames', String(recipe.frames)],
    ...['--arch', network.arch, '--layers', String(network.layers), '--hidden', String(network.hidden)],
    ...['--activation', network.activation, '--beta', String(network.beta), '--latent', String(network.latent)],
    ...['--inputs', network.inputs, '--colour', recipe.colour, ...palette, '--levels', 'none'],
    ...['--scale', String(recipe.scale), '--loop', sweep.loop, '--radius', String(sweep.radius)],
    ...['--z-centre', vector(sweep.centre), '--z-from', vector(sweep.from), '--z-to', vector(sweep.to)],
    ...(recipe.aa === 1 ? [] : ['--aa', String(recipe.aa)]),
    ...tail,
  ];
  return words.map(shellWord).join(' ');
}

/** Whether `cliCommand` reads the design from its recipe file (which the page must offer beside the command). */
export function needsRecipeFile(recipe: Recipe, out: string): boolean {
  return (
    Boolean(recipe.breed?.length) ||
    recipe.speed !== undefined ||
    recipe.levels !== undefined ||
    out.endsWith('.png') ||
    out.endsWith('.html')
  );
}

/** A palette by its name where it is a named one, else its stops. */
function paletteWord(palette: readonly string[]): string {
  const same = (stops: readonly string[]) => stops.length === palette.length && stops.every((stop, i) => stop === palette[i]);
  return paletteNames.find((name) => same(namedPalette(name)!)) ?? palette.join(',');
}
