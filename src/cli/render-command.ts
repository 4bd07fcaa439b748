import { stat } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { ffmpegOnce } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { ffmpegEncodersOf } from '../encoders/formats.ts';
import { formatBytes } from '../encoders/sized-encoder.ts';
import { parseMusicArgs } from '../options/music-options.ts';
import { parseAudioRequest, parseRenderOptions, type RenderArgs, renderFormat } from '../options/render-options.ts';
import { given, parseFfmpegPath } from '../options/values.ts';
import { draftOfStored } from '../recipe/recipe-draft.ts';
import { render } from '../render/render.ts';
import { checkFile } from './check-command.ts';
import type { CommandContext } from './command-context.ts';
import { printEvents } from './print-events.ts';
import { readAudioOnTheOne } from './read-audio-on-the-one.ts';
import { readFrom } from './read-from.ts';
import { text, withSharedOptions } from './shared-options.ts';

/** `zsweep [render]`: an animation, the default command. */
export function renderCommand({ signal, env }: CommandContext): CommandModule {
  return {
    command: ['render', '$0'],
    describe: 'render an animation (the default command)',
    builder: (command: Argv) =>
      withSharedOptions(command).option(
        'cell',
        text('with --from SHEET: which cell of a contact sheet (zsweep grid), numbered from 1 as labelled'),
      ),
    handler: async (argv) => {
      const args = argv as RenderArgs & { from?: string; cell?: string };
      const format = renderFormat(args);
      // One ffmpeg for the whole command, found when first needed: to read a video's recipe, decode
      // the soundtrack, or write the video (then it must have the codec's encoder).
      // Every encoder the render needs is checked before anything is read or rendered: a missing aac fails now, not mid-render.
      const encoders = ffmpegEncodersOf(format, args.audio !== undefined);
      const ffmpeg = ffmpegOnce({ explicit: given(args.ffmpeg, parseFfmpegPath), env, encoders });
      const stored = await readFrom(args, ffmpeg);
      const base = stored && draftOfStored(stored);
      // The soundtrack is read and analysed before the rest is checked: its length can set the video's.
      const audioPath = parseAudioRequest(args, base);
      const onTheOne =
        audioPath === undefined
          ? undefined
          : await readAudioOnTheOne(audioPath, parseMusicArgs(args), base ?? {}, { ffmpeg, signal, args });
      const audio = onTheOne?.audio;
      const { request, quiet, warnings } = parseRenderOptions(args, { base, audio, env });
      if (!quiet && onTheOne?.note) process.stderr.write(`zsweep: ${onTheOne.note}\n`);
      if (!quiet) for (const warning of warnings) process.stderr.write(`zsweep: warning: ${warning}\n`);
      // Looked for while the render starts its backend and measures its look (an ffmpeg start costs
      // about 0.2 s); checked before any frame is evaluated or anything written.
      const found = encoders.length > 0 ? ffmpeg() : undefined;
      const printer = printEvents({ quiet });
      try {
        const result = await render(request, { signal, onEvent: printer.onEvent, ...(found ? { ffmpeg: found } : {}) });
        printer.stop();
        // A shard prints its work folder: the video is written by `zsweep join` once every shard is done.
        process.stdout.write(`${result.path}\nseed ${result.seed}\n`);
        if (!quiet)
          process.stderr.write(
            `zsweep: done in ${result.seconds.toFixed(1)} s${await sizeNote(result.path, request.recipe.encoding?.maxBytes)}\n`,
          );
        // What was meant is not proof: the written file itself is read back and checked.
        const target = request.recipe.target;
        if (target && request.segments?.shard === undefined) {
          const report = await checkFile(result.path, target, { explicit: result.ffmpeg?.path, env });
          if (!quiet) process.stderr.write(`zsweep: checked ${report.replace(/\n/g, '\n  ')}\n`);
        }
      } finally {
        printer.stop();
      }
    },
  };
}

/** `, 1.84 MB` (and the cap, when there is one) for the summary; nothing for a frame sequence's folder. */
async function sizeNote(path: string, maxBytes: number | undefined): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return '';
  return `, ${formatBytes(info.size)}${maxBytes === undefined ? '' : ` (at most ${formatBytes(maxBytes)})`}`;
}
