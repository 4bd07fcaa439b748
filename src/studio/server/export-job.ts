import { writeFile } from 'node:fs/promises';
import { exportLoop } from '../../export/export-loop.ts';
import { type ExportOptions, parseExportOptions } from '../../options/export-options.ts';
import { prepareOutput } from '../../output/output-file.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { draftOfRecipe } from '../../recipe/recipe-draft.ts';
import { measureLook } from '../../render/measure-look.ts';
import type { RenderResult } from '../../render/render-request.ts';

/**
 * The page's design as `zsweep export --from DESIGN.json --out NAME.html` reads it: checked by the
 * command's own rules (a design that follows music is refused with its reason), the page filling the
 * window. Throws a UsageError of one line.
 */
export function exportOptionsOf(recipe: Recipe, out: string): ExportOptions {
  // As a recipe file is read: what describes how a file was made is not part of the design.
  const { video: _, encoding: __, ...design } = recipe;
  return parseExportOptions({ out, quiet: true }, { base: draftOfRecipe(design) });
}

/**
 * Writes the live page of the design to `target` and its recipe beside it (`NAME.json`, what the
 * copied command reads): the same bytes as the command line's export of that recipe.
 */
export async function runExportJob(recipe: Recipe, target: string, { signal }: { signal: AbortSignal }): Promise<RenderResult> {
  const started = performance.now();
  const options = exportOptionsOf(recipe, target);
  const measured = await measureLook(options.recipe, options.look, { signal });
  const contents = await exportLoop({ recipe: measured, kind: options.kind, fit: options.fit });
  signal.throwIfAborted();
  const recipePath = target.replace(/\.[a-z0-9]+$/, '.json');
  for (const [path, text] of [
    [recipePath, `${JSON.stringify(measured, null, 2)}\n`],
    [target, contents],
  ] as const) {
    const output = await prepareOutput(path, { force: false, fresh: true });
    try {
      await writeFile(output.tempPath, text);
      await output.commit();
    } catch (error) {
      await output.discard();
      throw error;
    }
  }
  return { path: target, seed: measured.seed, backend: 'webgl2', seconds: (performance.now() - started) / 1000 };
}
