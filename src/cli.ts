import yargs, { type Argv } from 'yargs';
import { backendChoices } from './backends/backend.ts';
import { benchCommand } from './bench-command.ts';
import { colourModes } from './colour.ts';
import { outputFormats } from './encoders/select-encoder.ts';
import { activationNames } from './network/activations.ts';
import { architectures } from './network/network.ts';
import { defaults, parseRenderOptions, type RenderArgs } from './options.ts';
import { discardAllSync } from './output-file.ts';
import { render, RenderInterrupted } from './render.ts';
import { loops } from './sweep.ts';
import { UsageError } from './usage-error.ts';
import { version } from './version.ts';

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
      // A second Ctrl-C: stop now, but still leave no partial file behind.
      discardAllSync();
      process.exit(signalExitCodes[signal]);
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
    process.stderr.write(`zsweep: internal error (please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}

export function buildParser(args: readonly string[], signal: AbortSignal): Argv {
  return yargs([...args])
    .scriptName('zsweep')
    .usage('$0 [render] [options]\n\nRenders a looping animation from a seeded random neural network (a CPPN) by sweeping its latent input z.')
    .command(['render', '$0'], 'render an animation (the default command)', renderOptions, async (argv) => {
      const options = parseRenderOptions(argv as RenderArgs);
      const result = await render(options, { signal });
      process.stdout.write(`${result.path}\nseed ${options.recipe.seed}\n`);
      if (!options.quiet) process.stderr.write(`zsweep: done in ${result.seconds.toFixed(1)} s\n`);
    })
    .command(benchCommand)
    .example('$0', 'a seamless 2-second loop of a random seed into output/')
    .example('$0 --seed 42 --size 512x512 --duration 4', 'a bigger, longer loop of seed 42')
    .example('$0 --arch perceptron --beta 64 --colour hsv', "the post's 8×32 tanh network, calmer, in HSV")
    .example('$0 --loop pingpong --latent 1 --z-from -2 --z-to 2', "the post's single-z style, there and back")
    .example('$0 --seed 7 --out loop.gif --force', 'replace an existing file')
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

function renderOptions(command: Argv): Argv {
  const text = (describe: string, defaultDescription?: string) =>
    ({ type: 'string', describe, requiresArg: true, defaultDescription }) as const;
  return command
    .option('seed', text('seed: a whole number or any text; drawn at random (and printed) when omitted', 'random'))
    .option('size', text('frame size WIDTHxHEIGHT in pixels', defaults.size))
    .option('frames', text('number of frames (or give --duration)'))
    .option('duration', text('length in seconds (or give --frames)', `${defaults.durationSeconds}`))
    .option('fps', text('frames per second (GIF: at most 50)', `${defaults.fps}`))
    .option('arch', text(`network topology: ${architectures.join(', ')}`, defaults.arch))
    .option('layers', text('hidden layers', `${defaults.layers}`))
    .option('hidden', text('units per hidden layer', 'densenet 8, others 32'))
    .option('activation', text(`hidden activation: ${activationNames.join(', ')}`, 'densenet sigmoid, others tanh'))
    .option('beta', text('β: hidden weights have variance β / fan-in; higher is busier', `${defaults.beta}`))
    .option('colour', text(`colour mode: ${colourModes.join(', ')}`, defaults.colour))
    .option('scale', text('zoom out: the coordinate range is multiplied by it', `${defaults.scale}`))
    .option('loop', text(`how z moves: ${loops.join(', ')} (circle loops seamlessly)`, defaults.loop))
    .option('latent', text('dimensions of z', `${defaults.latent}`))
    .option('radius', text('circle: distance of z from --z-centre', `${defaults.radius}`))
    .option('z-centre', text('circle: centre of the circle, one number or one per dimension', `${defaults.zCentre}`))
    .option('z-from', text('pingpong/none: start of z, one number or one per dimension', `${defaults.zFrom}`))
    .option('z-to', text('pingpong/none: end of z, one number or one per dimension', `${defaults.zTo}`))
    .option('out', text(`output file (${outputFormats.map((f) => '.' + f).join(', ')})`, 'output/zsweep-SEED.gif'))
    .option('backend', text(`evaluator: ${backendChoices.join(', ')}`, defaults.backend))
    .option('force', { type: 'boolean', describe: 'replace an existing output file' })
    .option('quiet', { type: 'boolean', describe: 'no progress on stderr' });
}

/** Turns yargs' own complaints into one line that names the option and the fix. */
export function explainYargsMessage(message: string, args: readonly string[]): string {
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  if (missing) return `Missing value for --${missing[1]}: give one after it, e.g. --${missing[1]} VALUE (see zsweep --help)`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const name = unknown[1].split(', ')[0];
    const typedAsOption = args.some((arg) => arg.replace(/^-+/, '').split('=')[0] === name && arg.startsWith('-'));
    return typedAsOption
      ? `Unknown option ${name.length === 1 ? '-' : '--'}${name}: see zsweep --help for the options`
      : `Unknown command or argument ${JSON.stringify(name)}: the commands are render (the default) and bench; see zsweep --help`;
  }
  return `${message.replace(/\s+/g, ' ').trim()} (see zsweep --help)`;
}
