import type { Argv, CommandModule } from 'yargs';
import { given, parseFfmpegPath } from '../options/values.ts';
import type { CommandContext } from './command-context.ts';
import { describeSetup } from './describe-setup.ts';

/** `zsweep info`: which ffmpeg and backends zsweep would use here. */
export function infoCommand({ env }: CommandContext): CommandModule {
  return {
    command: 'info',
    describe: 'show the ffmpeg and evaluation backends zsweep would use',
    builder: (command: Argv) => command.option('ffmpeg', { type: 'string', requiresArg: true, describe: 'try this ffmpeg first' }),
    handler: async (argv) => {
      const explicit = given((argv as { ffmpeg?: string }).ffmpeg, parseFfmpegPath);
      process.stdout.write(await describeSetup({ explicit, env }));
    },
  };
}
