import type { Argv, CommandModule } from 'yargs';
import { ffmpegOnce } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { parseStillOptions, type StillArgs } from '../options/still-options.ts';
import { draftOfStored } from '../recipe/recipe-draft.ts';
import { render } from '../render/render.ts';
import type { CommandContext } from './command-context.ts';
import { printEvents } from './print-events.ts';
import { readFrom } from './read-from.ts';
import { audioOptions, optionAliases, text, videoOnly, withSharedOptions } from './shared-options.ts';

/** `zsweep still`: one frame as a picture of any size, supersampled. */
export function stillCommand({ signal, env }: CommandContext): CommandModule {
  return {
    command: 'still',
    describe: 'render one frame as an image at any size (PNG, JPEG, WebP), supersampled',
    builder: (command: Argv) =>
      withSharedOptions(command, ['recipe-out', ...videoOnly, ...audioOptions])
        .option('aa', text('supersampling: samples per pixel along each axis, 1 to 4', '2'))
        .option('cell', text('with --from SHEET: which cell of a contact sheet (zsweep grid), numbered from 1 as labelled'))
        .option('frame', text('which frame of the sweep, counted from 0', '0'))
        .option('out', { ...text('output image (.png, .jpg, .webp)', 'output/still-SEED.png'), alias: optionAliases.out }),
    handler: async (argv) => {
      const args = argv as StillArgs & { from?: string; cell?: string };
      // A video's recipe is read with any ffmpeg (the still itself needs none).
      const stored = await readFrom(args, ffmpegOnce({ env }));
      // A still made from a PNG frame shows that frame unless --frame says otherwise.
      const { request, quiet } = parseStillOptions(args, { base: stored && draftOfStored(stored), storedFrame: stored?.frame });
      const printer = printEvents({ quiet });
      try {
        const result = await render(request, { signal, onEvent: printer.onEvent });
        printer.stop();
        process.stdout.write(`${result.path}\nseed ${result.seed}\n`);
      } finally {
        printer.stop();
      }
    },
  };
}
