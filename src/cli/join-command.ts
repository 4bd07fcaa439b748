import type { Argv, CommandModule } from 'yargs';
import { findFfmpeg } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { type JoinArgs, parseJoinOptions } from '../options/join-options.ts';
import { joinWorkFolder } from '../segments/join-work-folder.ts';
import type { CommandContext } from './command-context.ts';
import { optionAliases, sharedOptions, text } from './shared-options.ts';

/** `zsweep join FOLDER`: the shares of a segmented render, joined into its video. */
export function joinCommand({ signal, env }: CommandContext): CommandModule {
  return {
    command: 'join <folder>',
    describe: "join a segmented render's work folder (OUT.parts) into its video, once every shard is done",
    builder: (command: Argv) =>
      command
        .positional('folder', { type: 'string', describe: 'the work folder, e.g. loop.mp4.parts' })
        .option('out', { ...text('the video to write', 'the folder name without .parts'), alias: optionAliases.out })
        .option('force', { ...sharedOptions.force, alias: optionAliases.force })
        .option('quiet', { ...sharedOptions.quiet, alias: optionAliases.quiet })
        .option('ffmpeg', sharedOptions.ffmpeg)
        .option('audio', text('the track of an audio-driven render, muxed into the joined video')),
    handler: async (argv) => {
      const { folder, out, force, audio, ffmpeg } = parseJoinOptions(argv as JoinArgs);
      // Joining copies the streams: any ffmpeg will do, with or without the encoder.
      const found = await findFfmpeg({ explicit: ffmpeg, env });
      const result = await joinWorkFolder({ folder, out, force, audio, ffmpeg: found }, { signal });
      process.stdout.write(`${result.path}\n`);
    },
  };
}
