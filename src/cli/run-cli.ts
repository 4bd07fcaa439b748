import yargs, { type Argv } from 'yargs';
import { readAudio } from '../audio/read-audio.ts';
import { reactSources } from '../audio/react.ts';
import { backendChoices } from '../backends/backend.ts';
import { benchCommand } from './bench-command.ts';
import { colourModes } from '../cppn/colour.ts';
import { FfmpegFailed } from '../encoders/ffmpeg/ffmpeg-process.ts';
import { outputFormats } from '../encoders/select-encoder.ts';
import { describeSetup } from './describe-setup.ts';
import { activationNames } from '../cppn/network/activations.ts';
import { inputKinds } from '../cppn/network/inputs.ts';
import { architectures } from '../cppn/network/network.ts';
import {
  defaults, secondsPerTurn, parseAudioRequest, parseGridOptions, parseInfoOptions, parseJoinOptions, parseRenderOptions,
  parseStillOptions, recipeArgs, type GridArgs, type InfoArgs, type JoinArgs, type RenderArgs, type StillArgs,
} from '../options/options.ts';
import { renderContactSheet } from '../render/render-contact-sheet.ts';
import { renderStill } from '../render/render-still.ts';
import { presetRadius, presets } from '../recipe/presets.ts';
import { readRecipe, readStored, recipeSources } from '../recipe/read-recipe.ts';
import { discardAllSync } from '../output/output-file.ts';
import { render } from '../render/render-animation.ts';
import { RenderInterrupted } from '../render/render-frames.ts';
import { defaultSegmentSeconds, defaultSegmentThresholdSeconds } from '../segments/plan-segments.ts';
import { joinWorkFolder } from '../segments/join-work-folder.ts';
import { loops } from '../cppn/sweep.ts';
import { UsageError } from '../errors.ts';
import { version } from '../version.ts';
import { WriteFailed } from '../output/write-errors.ts';

const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The command line: yargs for parsing, `options.ts` for checking. The only place that exits the
 * process: 0 on success, 2 for a usage error (one line, no stack), 130/143 when interrupted, 1 for a bug.
 */
export async function runCli(args: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let interruptedBy: keyof typeof signalExitCodes | undefined;
  const onSignal = (signal: keyof typeof signalExitCodes) => {
    if (interruptedBy) {
      // A second Ctrl-C: stop now, but still leave no partial file behind. A file being opened on
      // libuv's thread pool may appear just after the first sweep, hence a second one a moment later.
      discardAllSync();
      setTimeout(() => {
        discardAllSync();
        process.exit(signalExitCodes[signal]);
      }, 100);
      return;
    }
    interruptedBy = signal;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await buildParser(args, controller.signal).parseAsync();
    process.exitCode = 0;
  } catch (error) {
    if (error instanceof RenderInterrupted || (interruptedBy && controller.signal.aborted)) {
      process.stderr.write(`zsweep: interrupted; no file was written\n`);
      process.exit(signalExitCodes[interruptedBy ?? 'SIGINT']);
    }
    if (error instanceof UsageError) {
      process.stderr.write(`zsweep: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof WriteFailed) {
      process.stderr.write(`zsweep: ${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof FfmpegFailed) {
      // Not a bug in zsweep: ffmpeg's own words say why (disk full, a broken build, …).
      process.stderr.write(`zsweep: ${error.message}\nno file was written\n`);
      process.exit(1);
    }
    process.stderr.write(`zsweep: internal error (please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}

export function buildParser(args: readonly string[], signal: AbortSignal): Argv {
  refuseBooleanValues(args);
  return yargs([...args])
    .scriptName('zsweep')
    .usage('$0 [render] [options]\n\nRenders a looping animation from a seeded random neural network (a CPPN) by sweeping its latent input z.')
    .command(['render', '$0'], 'render an animation (the default command)', (command) => renderOptions(command), async (argv) => {
      const from = (argv as { from?: string }).from;
      const base = from === undefined ? undefined : recipeArgs(await readRecipe(from, { ffmpeg: (argv as { ffmpeg?: string }).ffmpeg }));
      // The soundtrack is read and analysed before the rest is checked: its length can set the video's.
      const request = parseAudioRequest(argv as RenderArgs, base);
      const audio = request && await readAudio(request.path, { ffmpeg: request.ffmpeg, env: process.env, signal });
      const options = parseRenderOptions(argv as RenderArgs, base, audio);
      const result = await render(options, { signal });
      // A shard prints its work folder: the video is written by `zsweep join` once every shard is done.
      process.stdout.write(`${result.path}\nseed ${options.recipe.seed}\n`);
      if (!options.quiet) process.stderr.write(`zsweep: done in ${result.seconds.toFixed(1)} s\n`);
    })
    .command('still', 'render one frame as an image at any size (PNG, JPEG, WebP), supersampled', stillOptions, async (argv) => {
      const from = (argv as { from?: string }).from;
      const stored = from === undefined ? undefined : await readStored(from);
      // A still made from a PNG frame shows that frame unless --frame says otherwise.
      const args = { ...argv, frame: (argv as StillArgs).frame ?? stored?.frame?.toString() } as StillArgs;
      const options = parseStillOptions(args, stored && recipeArgs(stored.recipe));
      const result = await renderStill(options, { signal });
      process.stdout.write(`${result.path}\nseed ${options.recipe.seed}\n`);
    })
    .command('grid', 'a contact sheet of many seeds, one labelled cell each (PNG)', gridOptions, async (argv) => {
      const options = parseGridOptions(argv as GridArgs);
      const result = await renderContactSheet(options, { signal });
      process.stdout.write(`${result.path}\n`);
    })
    .command('join <folder>', "join a segmented render's work folder (OUT.parts) into its video, once every shard is done", (command) => command
      .positional('folder', { type: 'string', describe: 'the work folder, e.g. loop.mp4.parts' })
      .option('out', text('the video to write', 'the folder name without .parts'))
      .option('force', sharedOptions.force)
      .option('quiet', sharedOptions.quiet)
      .option('ffmpeg', sharedOptions.ffmpeg)
      .option('audio', text('the track of an audio-driven render, muxed into the joined video')), async (argv) => {
      const result = await joinWorkFolder(parseJoinOptions(argv as JoinArgs), { signal });
      process.stdout.write(`${result.path}\n`);
    })
    .command(benchCommand)
    .command('presets', "list the post's example images, for --preset", {}, () => {
      for (const p of presets) {
        process.stdout.write(`${p.slug.padEnd(22)} ${p.title.padEnd(22)} seed ${p.seed.padEnd(11)} z ${String(p.z).padEnd(5)} β ${String(p.beta).padEnd(7)} ${p.arch}${p.colour === 'bw' ? ', black and white' : ''}\n`);
      }
      process.stderr.write(`Animations circle (radius ${presetRadius}) around the post's z. These are the post's settings on zsweep's own generator, not the post's exact pictures.\n`);
    })
    .command('info', 'show the ffmpeg and evaluation backends zsweep would use', (command) =>
      command.option('ffmpeg', { type: 'string', requiresArg: true, describe: 'try this ffmpeg first' }), async (argv) => {
      process.stdout.write(await describeSetup({ explicit: parseInfoOptions(argv as InfoArgs).ffmpeg, env: process.env }));
    })
    .example('$0', 'a seamless 4-second 512×512 loop of a random seed into output/ (MP4)')
    .example('$0 still --seed 42 --size 3000x3000', 'album art: one frame, 3000×3000, supersampled')
    .example('$0 grid --seeds 1-16', 'a contact sheet of seeds 1 to 16, to pick one')
    .example('$0 --preset the-storm', "an animation around one of the post's example images")
    .example('$0 --from output/zsweep-42.gif --size 512x512', 'render a file again from its recipe, bigger')
    .example('$0 --seed 42 --size 512x512 --duration 4', 'a bigger, longer loop of seed 42')
    .example('$0 --arch perceptron --beta 64 --colour hsv', "the post's 8×32 tanh network, calmer, in HSV")
    .example('$0 --loop pingpong --latent 1 --z-from -2 --z-to 2', "the post's single-z style, there and back")
    .example('$0 --seed 7 --out loop.gif --force', 'replace an existing file')
    .example('$0 --out frames/%04d.png --aa 2', 'one PNG per frame, supersampled for smooth edges')
    .example('$0 --audio song.mp3 --seed 42', 'a music visualiser: the track drives z and plays in the MP4')
    .example('$0 --audio song.mp3 --react speed=bass,pulse=treble --turns 3', 'bass drives the motion, treble the pulses, 3 turns in all')
    .example('$0 --duration 600 --shard auto/8 --out /shared/long.mp4', 'one of 8 machines renders its share of a 10-minute video')
    .example('$0 join /shared/long.mp4.parts', 'then the shares are joined into /shared/long.mp4')
    .example('$0 info', 'which ffmpeg and backends would be used')
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .strict()
    .exitProcess(false)
    .version(version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // yargs reports its own validation as a YError; anything else came from a command handler.
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(explainYargsMessage(message ?? error?.message ?? 'invalid arguments', args));
    });
}

/** Options of video renders only, refused by the commands that write images. */
const videoOnly = ['crf', 'ffmpeg', 'shard', 'segment-seconds', 'segment-threshold'] as const;

function stillOptions(command: Argv): Argv {
  return renderOptions(command, ['recipe-out', ...videoOnly, ...audioOptions])
    .option('aa', text('supersampling: samples per pixel along each axis, 1 to 4', '2'))
    .option('frame', text('which frame of the sweep, counted from 0', '0'))
    .option('out', text('output image (.png, .jpg, .webp)', 'output/still-SEED.png'));
}

function gridOptions(command: Argv): Argv {
  return renderOptions(command, ['seed', 'from', 'recipe-out', 'frames', 'duration', 'fps', 'size', 'aa', ...videoOnly, ...audioOptions])
    .option('seeds', text('seeds: ranges and single seeds separated by commas, e.g. 1-16 or 3,42,sunrise', '1-16'))
    .option('cell', text('size of each cell in pixels', '160'))
    .option('columns', text('cells per row', 'square'))
    .option('out', text('output image (.png, .jpg, .webp)', 'output/grid-FIRST-LAST.png'));
}

const text = (describe: string, defaultDescription?: string) =>
  ({ type: 'string', describe, requiresArg: true, defaultDescription }) as const;

/** The options shared by render, still and grid, as data so that each command takes the ones it uses. */
const sharedOptions = {
  'seed': text('seed: a whole number or any text; drawn at random (and printed) when omitted', 'random'),
  'size': text('frame size WIDTHxHEIGHT in pixels', defaults.size),
  'frames': text('number of frames (or give --duration)'),
  'duration': text('length in seconds (or give --frames)', `${defaults.durationSeconds}`),
  'fps': text('frames per second (GIF: at most 50)', `${defaults.fps}`),
  'arch': text(`network topology: ${architectures.join(', ')}`, defaults.arch),
  'layers': text('hidden layers', `${defaults.layers}`),
  'hidden': text('units per hidden layer', 'densenet 8, others 32'),
  'activation': text(`hidden activation: ${activationNames.join(', ')}`, 'densenet sigmoid, others tanh'),
  'beta': text('β: hidden weights have variance β / fan-in; higher is busier', `${defaults.beta}`),
  'colour': text(`colour mode: ${colourModes.join(', ')}`, defaults.colour),
  'scale': text('zoom out: the coordinate range is multiplied by it', `${defaults.scale}`),
  'loop': text(`how z moves: ${loops.join(', ')} (circle loops seamlessly)`, defaults.loop),
  'latent': text('dimensions of z', `${defaults.latent}`),
  'radius': text('circle: distance of z from --z-centre', `${defaults.radius}`),
  'z-centre': text('circle: centre of the circle, one number or one per dimension', `${defaults.zCentre}`),
  'z-from': text('pingpong/none: start of z, one number or one per dimension', `${defaults.zFrom}`),
  'z-to': text('pingpong/none: end of z, one number or one per dimension', `${defaults.zTo}`),
  'inputs': text(`per-pixel inputs: ${inputKinds.join(', ')} (x, y, r; x², y²; x, y, r, cos 10r)`, 'standard'),
  'preset': text("start from one of the post's example images (see zsweep presets)"),
  'from': text(`render again from the recipe in a file made by zsweep (${recipeSources.map((s) => '.' + s).join(', ')}); other options override it`),
  'recipe-out': text('also write the recipe as JSON to this file'),
  'out': text(`output file (${outputFormats.map((f) => '.' + f).join(', ')}), or PNG frames: frames/%04d.png`, 'output/zsweep-SEED.mp4'),
  'crf': text('video quality, lower is better: .mp4 0–51, .webm 0–63', '18 for .mp4, 24 for .webm'),
  'aa': text('supersampling 1–4: render aa× larger and shrink, for smooth edges', '1'),
  'ffmpeg': text('the ffmpeg program for .mp4/.webm', 'FFMPEG_PATH, then PATH, then the bundled one'),
  'audio': text('a soundtrack (wav, mp3, flac, m4a, ogg, …) that drives z and plays in the video (.mp4/.webm); the video lasts as long as the track unless --frames/--duration'),
  'react': text(`with --audio, what drives what: speed=${[...reactSources, 'constant'].join('|')}, pulse=${[...reactSources, 'none'].join('|')}, pulse-amount=0–10`, 'speed=loudness,pulse=bass,pulse-amount=0.2'),
  'turns': text('with --audio, times round the path over the whole video', `1 per ${secondsPerTurn} s`),
  'backend': text(`evaluator: ${backendChoices.join(', ')}`, defaults.backend),
  'shard': text('render only share INDEX (from 0) of COUNT into OUT.parts, for zsweep join; auto/COUNT reads JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or PARALLEL_SEQ'),
  'segment-seconds': text('video longer than --segment-threshold is encoded in resumable segments of this many seconds', `${defaultSegmentSeconds}`),
  'segment-threshold': text('seconds of video above which it is rendered in segments (0: always)', `${defaultSegmentThresholdSeconds}`),
  'force': { type: 'boolean', describe: 'replace an existing output file' },
  'quiet': { type: 'boolean', describe: 'no progress on stderr' },
} as const;

type SharedOption = keyof typeof sharedOptions;

/** Only render makes sound: still and grid refuse these (strict mode) rather than ignore them. */
const audioOptions = ['audio', 'react', 'turns'] as const satisfies readonly SharedOption[];

/** Declares the shared options except `omit`: strict mode then refuses those, rather than ignoring them. */
function renderOptions(command: Argv, omit: readonly SharedOption[] = []): Argv {
  for (const [name, spec] of Object.entries(sharedOptions)) {
    if (!omit.includes(name as SharedOption)) command.option(name, spec);
  }
  return command;
}

/** yargs reads `--quiet=yes` as false without a word; a switch given a value other than true or false is refused instead. */
function refuseBooleanValues(args: readonly string[]): void {
  for (const arg of args) {
    const match = /^--(force|quiet)=(.*)$/.exec(arg);
    if (match && match[2] !== 'true' && match[2] !== 'false') {
      throw new UsageError(`Invalid --${match[1]} ${JSON.stringify(match[2])}: --${match[1]} is a switch; give it alone (--${match[1]}), or leave it out`);
    }
  }
}

/** Turns yargs' own complaints into one line that names the option and the fix. */
export function explainYargsMessage(message: string, args: readonly string[]): string {
  if (/^Not enough non-option arguments/.test(message)) return 'Missing the work folder: zsweep join FOLDER, e.g. zsweep join loop.mp4.parts';
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  // The help that lists this command's options: `zsweep still --help` for still, and so on.
  const command = ['still', 'grid', 'join', 'presets', 'info', 'bench'].includes(args[0] ?? '') ? ` ${args[0]}` : '';
  const help = `zsweep${command} --help`;
  if (missing) return `Missing value for --${missing[1]}: give one after it, e.g. --${missing[1]} VALUE (see ${help})`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const name = unknown[1].split(', ')[0];
    const typedAsOption = args.some((arg) => arg.replace(/^-+/, '').split('=')[0] === name && arg.startsWith('-'));
    return typedAsOption
      ? `Unknown option ${name.length === 1 ? '-' : '--'}${name}${command ? ` for zsweep${command}` : ''}: see ${help} for the options`
      : `Unknown command or argument ${JSON.stringify(name)}: the commands are render (the default), still, grid, join, presets, info and bench; see zsweep --help`;
  }
  return `${message.replace(/\s+/g, ' ').trim()} (see ${help})`;
}
