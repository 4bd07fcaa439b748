import { closest, distance } from 'fastest-levenshtein';
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../errors.ts';
import { version } from '../version.ts';
import { benchCommand } from './bench-command.ts';
import type { CommandContext } from './command-context.ts';
import { gridCommand } from './grid-command.ts';
import { infoCommand } from './info-command.ts';
import { joinCommand } from './join-command.ts';
import { presetsCommand } from './presets-command.ts';
import { renderCommand } from './render-command.ts';
import { optionAliases, sharedOptions } from './shared-options.ts';
import { stillCommand } from './still-command.ts';

const commandNames = ['still', 'grid', 'join', 'presets', 'info', 'bench'];

/** Every option of every command, for suggestions when one is mistyped. */
const knownOptions = [
  ...Object.keys(sharedOptions),
  ...Object.values(optionAliases),
  ...['aa', 'frame', 'seeds', 'cell', 'columns', 'json', 'help', 'version'],
];

/** yargs for parsing (options/ checks the values): one module per command. */
export function buildParser(args: readonly string[], context: CommandContext): Argv {
  refuseBooleanValues(args);
  return yargs([...args])
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
      throw new UsageError(explainYargsMessage(message ?? error?.message ?? 'invalid arguments', args, knownOptions));
    });
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
    return 'Missing the work folder: zsweep join FOLDER, e.g. zsweep join loop.mp4.parts';
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
      const suggestion = guess ? `did you mean ${dashes(guess)}${guess}? ` : '';
      return `Unknown option ${dashes(name)}${name}${command ? ` for zsweep${command}` : ''}: ${suggestion}see ${help} for the options`;
    }
    const guess = nearest(name, ['render', ...commandNames]);
    return `Unknown command or argument ${JSON.stringify(name)}: ${guess ? `did you mean zsweep ${guess}? ` : ''}the commands are render (the default), still, grid, join, presets, info and bench; see zsweep --help`;
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
