import { RenderRefused } from '../errors.ts';
import { countFlashes, flashesPerSecondLimit, regionLuminance } from './count-flashes.ts';

/** Watches the frames a render writes, and stops it before a file that flashes is complete. */
export interface FlashGuard {
  /**
   * Frame `frame`, as written (width × height × 4), and whether it is the last this render writes;
   * throws `RenderRefused` once the frames flash too often.
   */
  see(rgba: Uint8ClampedArray, frame: number, last: boolean): void;
}

/**
 * The last guard against a harmful file, whatever made it flash (a path, an accent, a palette): the
 * flashes a second (WCAG 2.3.1, count-flashes.ts) of the frames actually written, at the size
 * written. Each second of video, the last three seconds are counted, so every one-second window is
 * seen whole; the measuring before the render (measure-look.ts, limit-flashes.ts) should leave
 * nothing for it to find.
 */
export function createFlashGuard({ fps, width, height }: { fps: number; width: number; height: number }): FlashGuard {
  const span = Math.max(2, Math.ceil(fps));
  const window: Float64Array[] = [];
  let first = 0;
  let sinceCheck = 0;
  return {
    see(rgba, frame, last) {
      if (window.length === 0) first = frame;
      window.push(regionLuminance(rgba, width, height));
      if (window.length > 3 * span) {
        window.shift();
        first++;
      }
      if (++sinceCheck < span && !last) return;
      sinceCheck = 0;
      const flashes = countFlashes(window, fps);
      if (flashes > flashesPerSecondLimit) {
        throw new RenderRefused(
          `refused: frames ${first}–${frame} flash ${flashes} times a second, more than WCAG 2.3.1's 3, which can trigger seizures; lower --speed (or --turns, --pulse-amount for music)`,
        );
      }
    },
  };
}
