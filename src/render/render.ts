import { prepareFfmpeg } from '../encoders/ffmpeg/ffmpeg-process.ts';
import type { FfmpegInfo } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { videoCodecOf } from '../encoders/formats.ts';
import type { Recipe } from '../recipe/recipe.ts';
import { startBackend } from './frame-pipeline.ts';
import { type LookReport, measureLook, measureLookReport, measurePrecision } from './measure-look.ts';
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
export async function render(asked: RenderRequest, control: RenderControl = {}): Promise<RenderResult> {
  const pending = control.ffmpeg;
  // Its failure (no ffmpeg with the encoder) is reported where the request takes it, after the look is
  // measured; handled now, so that a quick failure is not an unhandled rejection that ends the process.
  pending?.catch(() => {});
  switch (asked.kind) {
    case 'animation': {
      // ffmpeg is found, its own questions are answered, and the backend starts (worker threads, the
      // GPU probe) while the look is measured on this thread: none of them needs the others.
      const video = videoCodecOf(asked.output.format) !== undefined;
      if (video) {
        void (pending ?? Promise.resolve(asked.ffmpeg)).then(
          (ffmpeg) => ffmpeg && prepareFfmpeg(ffmpeg.path),
          () => {},
        );
      }
      const started = startBackend(asked.recipe, asked.backend);
      // Its failure (an explicit --backend gpu that cannot run) is reported where the render takes it.
      started.catch(() => {});
      let request: AnimationRequest;
      try {
        const recipe = asked.look ? await measuredAnimation(asked, control) : asked.recipe;
        request = { ...(await withFfmpeg(asked, pending)), recipe, look: undefined };
      } catch (error) {
        await started.then(
          (backend) => backend.close(),
          () => {},
        );
        throw error;
      }
      return renderAnimation(request, control, started);
    }
    case 'still':
      return renderStill(await measured(await withFfmpeg(asked, pending), control.signal), control);
    case 'sheet':
      return renderContactSheet(await measuredSheet(await withFfmpeg(asked, pending), control.signal), control);
  }
}

/** The request with the ffmpeg that was still being found. */
async function withFfmpeg<T extends RenderRequest>(request: T, pending: Promise<FfmpegInfo> | undefined): Promise<T> {
  return pending ? { ...request, ffmpeg: await pending } : request;
}

/** The animation's recipe with its look measured over the loop as it will play, soundtrack included; what the user should know is an event. */
async function measuredAnimation(request: AnimationRequest, { signal, onEvent }: RenderControl): Promise<Recipe> {
  const { recipe, report } = await measureLookReport(request.recipe, request.look!, { signal, audio: request.audio });
  if (hasNews(report)) onEvent?.({ type: 'look', ...report });
  return recipe;
}

function hasNews(report: LookReport): boolean {
  return report.reached !== undefined || report.flat === true;
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
