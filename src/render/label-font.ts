import { fileURLToPath } from 'node:url';
import { canvasModule } from '../encoders/canvas-module.ts';

/**
 * DejaVu Sans 2.37 (its licence is beside it), shipped with zsweep so contact sheets look the same on
 * every machine, fonts installed or not. The build copies fonts/ into dist/, so the compiled CLI finds
 * it beside itself too.
 */
const fontFile = new URL('./fonts/DejaVuSans.ttf', import.meta.url);
let registered = false;

/** The family for labels. */
export function labelFont(): string {
  if (!registered) {
    canvasModule().GlobalFonts.registerFromPath(fileURLToPath(fontFile), 'zsweep-label');
    registered = true;
  }
  return 'zsweep-label';
}
