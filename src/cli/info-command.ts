import type { Argv, CommandModule } from 'yargs';
import { readAudio } from '../audio/read-audio.ts';
import { ffmpegOnce } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { invalidOption } from '../errors.ts';
import { given, parseFfmpegPath, parseInteger } from '../options/values.ts';
import { limits } from '../recipe/limits.ts';
import type { CommandContext } from './command-context.ts';
import { describeSetup } from './describe-setup.ts';
import { describeTrack, describeTrackJson } from './describe-track.ts';
import { text } from './shared-options.ts';

/** `zsweep info`: which ffmpeg and backends zsweep would use here; with --audio, a track's tempo, beats and sections. */
export function infoCommand({ env, signal }: CommandContext): CommandModule {
  return {
    command: 'info',
    describe: 'show the ffmpeg and evaluation backends zsweep would use; with --audio, the tempo, beats and sections of a track',
    builder: (command: Argv) =>
      command
        .option('ffmpeg', { type: 'string', requiresArg: true, describe: 'try this ffmpeg first' })
        .option('audio', text('a track: print its tempo (BPM), first beats and sections instead'))
        .option('beats-per-bar', text('beats in a bar, for the downbeat', '4'))
        .option('json', {
          type: 'boolean',
          describe: 'with --audio: print the tempo, every beat and downbeat, the confidence and the sections as JSON',
        }),
    handler: async (argv) => {
      const args = argv as { ffmpeg?: string; audio?: string; beatsPerBar?: string; json?: boolean };
      const explicit = given(args.ffmpeg, parseFfmpegPath);
      if (args.audio === undefined) {
        if (args.beatsPerBar !== undefined) throw invalidOption('beats-per-bar', args.beatsPerBar, '--audio FILE with it');
        if (args.json) throw invalidOption('json', 'true', "--audio FILE with it: --json prints a track's beats");
        process.stdout.write(await describeSetup({ explicit, env }));
        return;
      }
      if (args.audio.trim() === '') throw invalidOption('audio', args.audio, 'an audio file, e.g. --audio song.mp3');
      const beatsPerBar = given(args.beatsPerBar, (raw) => parseInteger('beats-per-bar', raw, limits.beatsPerBar)) ?? 4;
      const track = await readAudio(args.audio, { ffmpeg: ffmpegOnce({ explicit, env }), signal });
      process.stdout.write(args.json ? describeTrackJson(track, { beatsPerBar }) : describeTrack(track, { beatsPerBar }));
    },
  };
}
