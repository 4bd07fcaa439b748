import { asciiJson, type Recipe } from '../recipe/recipe.ts';
import { type PlayerDesign, playerScript } from './player-script.ts';

/** How the page shows the loop: filling the window, or at a fixed size in CSS pixels, centred. */
export type PageFit = { readonly kind: 'window' } | { readonly kind: 'size'; readonly width: number; readonly height: number };

/**
 * One self-contained HTML file that plays the loop: the `<zsweep-loop>` element and its script
 * inline, the still as a data URL, the recipe for provenance. Its Content-Security-Policy allows no
 * request at all (`default-src 'none'`), so it works from file://, offline and in OBS's browser source.
 */
export function pageHtml(design: PlayerDesign, recipe: Recipe, fit: PageFit): string {
  const element =
    fit.kind === 'window' ? '<zsweep-loop></zsweep-loop>' : `<zsweep-loop width="${fit.width}" height="${fit.height}"></zsweep-loop>`;
  const layout =
    fit.kind === 'window'
      ? 'zsweep-loop{display:block;width:100vw;height:100vh}'
      : 'body{display:grid;place-items:center;min-height:100vh}';
  const script = (text: string) => text.replaceAll('</', '<\\/');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="generator" content="zsweep ${recipe.zsweep}">
<title>zsweep loop · seed ${escapeHtml(recipe.seed)}</title>
<style>html,body{margin:0;background:#000;overflow:hidden}${layout}</style>
</head>
<body>
${element}
<script type="application/json" id="zsweep-recipe">${script(asciiJson(recipe))}</script>
<script>${script(playerScript(design))}
window.zsweepLoop = document.querySelector('zsweep-loop');</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
