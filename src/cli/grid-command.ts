import type { Argv, CommandModule } from 'yargs';
import { ffmpegOnce } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { videoCodecOf } from '../encoders/formats.ts';
import { type GridArgs, parseGridOptions } from '../options/grid-options.ts';
import { render } from '../render/render.ts';
import type { CommandContext } from './command-context.ts';
import { printEvents } from './print-events.ts';
import { audioOptions, optionAliases, text, withSharedOptions } from './shared-options.ts';

/** `zsweep grid`: a contact sheet of many seeds, to pick one. */
export function gridCommand({ signal, env }: CommandContext): CommandModule {
  return {
    command: 'grid',
    describe: "a contact sheet of many seeds' loops, one numbered cell each (PNG, or a video of them all playing)",
    builder: (command: Argv) =>
      withSharedOptions(command, [
        'seed',
        'from',
        'recipe-out',
        'size',
        'aa',
        'shard',
        'segment-seconds',
        'segment-threshold',
        ...audioOptions,
      ])
        .option('seeds', text('seeds: ranges and single seeds separated by commas, e.g. 1-16 or 3,42,sunrise', '1-16'))
        .option('cell', text('size of each cell in pixels', '160'))
        .option('columns', text('cells per row', 'square'))
        .option('out', {
          ...text(
            "output: a picture (.png stores every cell's recipe for --from SHEET --cell N; .jpg, .webp) or every loop playing (.mp4, .webm, .gif)",
            'output/grid-FIRST-LAST.png',
          ),
          alias: optionAliases.out,
        }),
    handler: async (argv) => {
      const { request, quiet, ffmpeg: explicit } = parseGridOptions(argv as GridArgs);
      const codec = videoCodecOf(request.output.format);
      // Found and checked before anything is evaluated: a missing ffmpeg costs no time.
      const ffmpeg = codec ? await ffmpegOnce({ explicit, env, encoders: [codec.encoder] })() : undefined;
      const printer = printEvents({ quiet });
      try {
        const result = await render({ ...request, ...(ffmpeg ? { ffmpeg } : {}) }, { signal, onEvent: printer.onEvent });
        printer.stop();
        process.stdout.write(`${result.path}\n`);
      } finally {
        printer.stop();
      }
    },
  };
}
