import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { canvasModule } from '../encoders/canvas-module.ts';

const require = createRequire(import.meta.url);
let registered = false;

/**
 * The family for labels: DejaVu Sans from an npm package, so contact sheets look the same on every
 * machine, fonts installed or not.
 */
export function labelFont(): string {
  if (!registered) {
    const folder = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    canvasModule().GlobalFonts.registerFromPath(join(folder, 'DejaVuSans.ttf'), 'zsweep-label');
    registered = true;
  }
  return 'zsweep-label';
}
