import type { Argv, CommandModule } from 'yargs';
import { type GridArgs, parseGridOptions } from '../options/grid-options.ts';
import { render } from '../render/render.ts';
import type { CommandContext } from './command-context.ts';
import { printEvents } from './print-events.ts';
import { audioOptions, optionAliases, text, videoOnly, withSharedOptions } from './shared-options.ts';

/** `zsweep grid`: a contact sheet of many seeds, to pick one. */
export function gridCommand({ signal }: CommandContext): CommandModule {
  return {
    command: 'grid',
    describe: 'a contact sheet of many seeds, one labelled cell each (PNG)',
    builder: (command: Argv) =>
      withSharedOptions(command, ['seed', 'from', 'recipe-out', 'frames', 'duration', 'fps', 'size', 'aa', ...videoOnly, ...audioOptions])
        .option('seeds', text('seeds: ranges and single seeds separated by commas, e.g. 1-16 or 3,42,sunrise', '1-16'))
        .option('cell', text('size of each cell in pixels', '160'))
        .option('columns', text('cells per row', 'square'))
        .option('out', { ...text('output image (.png, .jpg, .webp)', 'output/grid-FIRST-LAST.png'), alias: optionAliases.out }),
    handler: async (argv) => {
      const { request, quiet } = parseGridOptions(argv as GridArgs);
      const printer = printEvents({ quiet });
      try {
        const result = await render(request, { signal, onEvent: printer.onEvent });
        printer.stop();
        process.stdout.write(`${result.path}\n`);
      } finally {
        printer.stop();
      }
    },
  };
}
