import { renderAnimation } from './render-animation.ts';
import { renderContactSheet } from './render-contact-sheet.ts';
import type { RenderControl, RenderRequest, RenderResult } from './render-request.ts';
import { renderStill } from './render-still.ts';

export type { RenderControl, RenderEvent, RenderRequest, RenderResult } from './render-request.ts';

/**
 * The render pipeline as a library: a checked request in (options/ makes one from the command line),
 * progress out as events, the result returned. It writes only the files it was asked for and never
 * to the terminal; a signal stops it, leaving no partial file.
 */
export function render(request: RenderRequest, control: RenderControl = {}): Promise<RenderResult> {
  switch (request.kind) {
    case 'animation':
      return renderAnimation(request, control);
    case 'still':
      return renderStill(request, control);
    case 'sheet':
      return renderContactSheet(request, control);
  }
}
