import { closest, distance } from 'fastest-levenshtein';
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../errors.ts';
import { version } from '../version.ts';
import { benchCommand } from './bench-command.ts';
import { checkCommand } from './check-command.ts';
import type { CommandContext } from './command-context.ts';
import { exportCommand } from './export-command.ts';
import { gridCommand } from './grid-command.ts';
import { infoCommand } from './info-command.ts';
import { joinCommand } from './join-command.ts';
import { presetsCommand } from './presets-command.ts';
import { renderCommand } from './render-command.ts';
import { optionAliases, sharedOptions } from './shared-options.ts';
import { stillCommand } from './still-command.ts';
import { studioCommand } from './studio-command.ts';

const commandNames = ['still', 'grid', 'join', 'presets', 'info', 'bench', 'check', 'studio', 'export'];

/** Every option of every command, for suggestions when one is mistyped. */
const knownOptions = [
  ...Object.keys(sharedOptions),
  ...Object.values(optionAliases),
  ...['aa', 'frame', 'seeds', 'cell', 'columns', 'json', 'help', 'version', 'file', 'port', 'host', 'open'],
];

/** The examples `zsweep --help` shows: each one runs as written (scripts/check-examples.mts). */
export const examples: readonly [string, string][] = [
  ['$0', 'a seamless 4-second 512×512 loop of a random seed into output/ (MP4)'],
  ['$0 still --seed 42 --size 3000x3000', 'album art: one frame, 3000×3000, supersampled'],
  ['$0 grid --seeds 1-16', 'a contact sheet of seeds 1 to 16, to pick one'],
  ['$0 --from output/grid-1-16.png --cell 11', 'the loop of cell 11 of that sheet'],
  ['$0 grid --seeds 1-9 --arch resnet --out sheet.mp4', 'nine loops playing at once'],
  ['$0 --preset the-storm', "one of nine presets named after the post's example images"],
  ['$0 --seed 42 --size 1080x1080 --duration 8', 'a bigger, longer loop of seed 42'],
  ['$0 --seed 7 --out loop.gif --force', 'a GIF, replacing an existing file'],
  ['$0 --from loop.gif --size 1080x1080 --out loop.mp4', "the GIF's picture again from its recipe, bigger, as MP4"],
  ['$0 --arch perceptron --colour hsv', "the post's 8×32 tanh network, in HSV"],
  ['$0 --seed 42 --speed calm --palette dusk', 'slower, in the colours of a named palette'],
  ['$0 --loop pingpong --latent 1 --speed calm', "the post's single-z style, there and back"],
  ['$0 --out frames/%04d.png --aa 2', 'one PNG per frame, supersampled for smooth edges'],
  ['$0 -s 720x720 -d 0:06 -o clip.webm', 'short options; durations as 6, 6s, 0:06, 1m30s or 250ms'],
  ['$0 --audio song.mp3 --seed 42', 'a music visualiser: the track drives z and plays in the MP4'],
  ['$0 --audio song.mp3 --react speed=bass,pulse=treble --turns 3', 'bass drives the motion, treble the pulses, 3 turns in all'],
  ['$0 --audio song.mp3 --audio-start 0:02 --audio-end 0:05', 'only that part of the track drives the motion and plays, faded in and out'],
  ['$0 --bars 4 --bpm 120', 'a seamless loop exactly 4 bars long (8.000 s), accents on the beats'],
  [
    '$0 --audio song.mp3 --for spotify-canvas --bpm 120 --out canvas.mp4',
    'a Spotify Canvas: 9:16, whole bars, no sound, checked when written',
  ],
  ['$0 check canvas.mp4 --for spotify-canvas', "check any file against a platform's rules"],
  ['$0 info --audio song.mp3', "a track's tempo and first beats"],
  ['$0 --seed 42 --duration 60 --shard auto/4 --out long.mp4', 'one of 4 machines renders its share of a 1-minute video'],
  ['$0 join long.mp4.parts', 'then the shares are joined into long.mp4'],
  ['$0 info', 'which ffmpeg and backends would be used'],
  ['$0 export --seed 42 --out loop.html', 'the loop as one self-contained web page that plays it live on the GPU'],
];

/** yargs for parsing (options/ checks the values): one module per command. */
export function buildParser(args: readonly string[], context: CommandContext): Argv {
  refuseBooleanValues(args);
  return (
    yargs([...args])
      // English whatever the user's locale: the help is written in English, and explainYargsMessage reads yargs' English.
      .locale('en')
      .scriptName('zsweep')
      .usage(
        '$0 [render] [options]\n\nRenders a looping animation from a seeded random neural network (a CPPN) by sweeping its latent input z.',
      )
      .command(renderCommand(context))
      .command(stillCommand(context))
      .command(gridCommand(context))
      .command(joinCommand(context))
      .command(benchCommand)
      .command(presetsCommand)
      .command(infoCommand(context))
      .command(checkCommand(context))
      .command(studioCommand(context))
      .command(exportCommand(context))
      .example([...examples])
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
        throw new UsageError(explainYargsMessage(message ?? error?.message ?? 'invalid arguments', args, knownOptions));
      })
  );
}

/** yargs reads `--quiet=yes` as false without a word; a switch given a value other than true or false is refused instead. */
function refuseBooleanValues(args: readonly string[]): void {
  for (const arg of args) {
    const match = /^--(force|quiet)=(.*)$/.exec(arg);
    if (match && match[2] !== 'true' && match[2] !== 'false') {
      throw new UsageError(
        `Invalid --${match[1]} ${JSON.stringify(match[2])}: --${match[1]} is a switch; give it alone (--${match[1]}), or leave it out`,
      );
    }
  }
}

/** Turns yargs' own complaints into one line that names the option and the fix. */
export function explainYargsMessage(message: string, args: readonly string[], knownOptions: readonly string[] = []): string {
  if (/^Not enough non-option arguments/.test(message))
    return args[0] === 'check'
      ? 'Missing the file: zsweep check FILE --for TARGET, e.g. zsweep check canvas.mp4 --for spotify-canvas'
      : 'Missing the work folder: zsweep join FOLDER, e.g. zsweep join loop.mp4.parts';
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  // The help that lists this command's options: `zsweep still --help` for still, and so on.
  const command = commandNames.includes(args[0] ?? '') ? ` ${args[0]}` : '';
  const help = `zsweep${command} --help`;
  if (missing) return `Missing value for --${missing[1]}: give one after it, e.g. --${missing[1]} VALUE (see ${help})`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const name = unknown[1].split(', ')[0];
    const typedAsOption = args.some((arg) => arg.replace(/^-+/, '').split('=')[0] === name && arg.startsWith('-'));
    if (typedAsOption) {
      const dashes = (option: string) => (option.length === 1 ? '-' : '--');
      const guess = nearest(
        name,
        knownOptions.filter((option) => option.length > 1),
      );
      // An option of another command (--crf for still) is named as such, not "corrected" to itself.
      if (guess === name) return `Option ${dashes(name)}${name} is not one of zsweep${command || ' render'}'s: see ${help} for the options`;
      const suggestion = guess ? `did you mean ${dashes(guess)}${guess}? ` : '';
      return `Unknown option ${dashes(name)}${name}${command ? ` for zsweep${command}` : ''}: ${suggestion}see ${help} for the options`;
    }
    const guess = nearest(name, ['render', ...commandNames]);
    return `Unknown command or argument ${JSON.stringify(name)}: ${guess ? `did you mean zsweep ${guess}? ` : ''}the commands are render (the default), still, grid, join, presets, info, bench, check, studio and export; see zsweep --help`;
  }
  return `${message.replace(/\s+/g, ' ').trim()} (see ${help})`;
}

/** The closest of `candidates` to a mistyped name, if it is close enough to be what was meant. */
function nearest(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  // A name cut short (`--fram`) means the option it begins.
  const completions = candidates.filter((candidate) => candidate.startsWith(name.toLowerCase()));
  if (completions.length > 0 && name.length >= 3) return completions.reduce((a, b) => (b.length < a.length ? b : a));
  const guess = closest(name.toLowerCase(), [...candidates]);
  // One edit in four letters, at least one: `seeed` finds seed, `colr` colour; `xyz` finds nothing.
  return distance(name.toLowerCase(), guess) <= Math.max(1, Math.floor(name.length / 4)) ? guess : undefined;
}
