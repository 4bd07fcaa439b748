import { prepareFfmpeg } from '../encoders/ffmpeg/ffmpeg-process.ts';
import { videoCodecOf } from '../encoders/formats.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { startBackend } from './frame-pipeline.ts';
import { measureLook, measurePrecision } from './measure-look.ts';
import { renderAnimation } from './render-animation.ts';
import { renderContactSheet } from './render-contact-sheet.ts';
import type { RenderControl, RenderRequest, RenderResult, SheetRequest, StillRequest } from './render-request.ts';
import { renderStill } from './render-still.ts';

export type { RenderControl, RenderEvent, RenderRequest, RenderResult } from './render-request.ts';

/**
 * The render pipeline as a library: a checked request in (options/ makes one from the command line),
 * progress out as events, the result returned. It writes only the files it was asked for and never
 * to the terminal; a signal stops it, leaving no partial file.
 */
export async function render(request: RenderRequest, control: RenderControl = {}): Promise<RenderResult> {
  switch (request.kind) {
    case 'animation': {
      // ffmpeg's own questions are answered, and the backend starts (worker threads, the GPU probe),
      // while the look is measured on this thread: none of them needs the others.
      if (request.ffmpeg && videoCodecOf(request.output.format)) prepareFfmpeg(request.ffmpeg.path);
      if (!request.look) return renderAnimation(request, control);
      const started = startBackend(request.recipe, request.backend);
      // Its failure (an explicit --backend gpu that cannot run) is reported where the render takes it.
      started.catch(() => {});
      let recipe: Recipe;
      try {
        recipe = await measureLook(request.recipe, request.look, { signal: control.signal });
      } catch (error) {
        await started.then(
          (backend) => backend.close(),
          () => {},
        );
        throw error;
      }
      return renderAnimation({ ...request, recipe, look: undefined }, control, started);
    }
    case 'still':
      return renderStill(await measured(request, control.signal), control);
    case 'sheet':
      return renderContactSheet(await measuredSheet(request, control.signal), control);
  }
}

/** The request with its recipe's look measured (render/measure-look.ts): what every file then records. */
async function measured<T extends StillRequest>(request: T, signal: AbortSignal | undefined): Promise<T> {
  if (!request.look) return request;
  return { ...request, recipe: await measureLook(request.recipe, request.look, { signal }), look: undefined };
}

async function measuredSheet(request: SheetRequest, signal: AbortSignal | undefined): Promise<SheetRequest> {
  const { look } = request;
  if (!look) return request;
  const recipes: Recipe[] = [];
  for (const recipe of request.recipes) {
    recipes.push(await measureLook(recipe, look, { precision: measurePrecision.coarse, signal }));
  }
  return { ...request, recipes, look: undefined };
}
