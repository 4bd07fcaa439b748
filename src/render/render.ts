import type { Recipe } from '../recipe/recipe.ts';
import { measureLook, measurePrecision } from './measure-look.ts';
import { renderAnimation } from './render-animation.ts';
import { renderContactSheet } from './render-contact-sheet.ts';
import type { AnimationRequest, RenderControl, RenderRequest, RenderResult, SheetRequest, StillRequest } from './render-request.ts';
import { renderStill } from './render-still.ts';

export type { RenderControl, RenderEvent, RenderRequest, RenderResult } from './render-request.ts';

/**
 * The render pipeline as a library: a checked request in (options/ makes one from the command line),
 * progress out as events, the result returned. It writes only the files it was asked for and never
 * to the terminal; a signal stops it, leaving no partial file.
 */
export async function render(request: RenderRequest, control: RenderControl = {}): Promise<RenderResult> {
  switch (request.kind) {
    case 'animation':
      return renderAnimation(await measured(request, control.signal), control);
    case 'still':
      return renderStill(await measured(request, control.signal), control);
    case 'sheet':
      return renderContactSheet(await measuredSheet(request, control.signal), control);
  }
}

/** The request with its recipe's look measured (render/measure-look.ts): what every file then records. */
async function measured<T extends AnimationRequest | StillRequest>(request: T, signal: AbortSignal | undefined): Promise<T> {
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
