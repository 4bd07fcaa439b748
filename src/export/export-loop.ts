import type { Recipe } from '../recipe/recipe.ts';
import type { ExportKind } from './export-kinds.ts';
import { isfShader } from './isf-shader.ts';
import { loopShader } from './loop-shader.ts';
import { type PageFit, pageHtml } from './page-html.ts';
import type { PlayerDesign } from './player-script.ts';
import { playerScript } from './player-script.ts';
import { shadertoyShader } from './shadertoy-shader.ts';
import { stillPng } from './still-png.ts';

/** What to export: a recipe whose look is measured already (render/measure-look.ts), as one kind of file. */
export interface ExportRequest {
  readonly recipe: Recipe;
  readonly kind: ExportKind;
  /** For a page: fill the window, or a fixed size. */
  readonly fit: PageFit;
}

/**
 * The text of the exported file. Every kind wraps the same GLSL (export/loop-shader.ts), so a loop
 * looks the same in a page, a VJ's host and Shadertoy; pages and components also carry frame 0 as a
 * small PNG, shown where WebGL2 is missing.
 */
export async function exportLoop({ recipe, kind, fit }: ExportRequest): Promise<string> {
  const glsl = loopShader(recipe);
  if (kind === 'isf') return isfShader(recipe, glsl);
  if (kind === 'shadertoy') return shadertoyShader(recipe, glsl);
  const design: PlayerDesign = {
    glsl,
    frames: recipe.frames,
    fps: recipe.fps,
    width: recipe.width,
    height: recipe.height,
    still: `data:image/png;base64,${Buffer.from(await stillPng(recipe)).toString('base64')}`,
    seed: recipe.seed,
  };
  return kind === 'page' ? pageHtml(design, recipe, fit) : playerScript(design);
}
