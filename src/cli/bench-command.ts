import type { Argv, CommandModule } from 'yargs';
import { gpuUnavailableReason } from '../backends/gpu-backend.ts';
import { evaluatorNames, type EvaluatorName } from '../backends/select-backend.ts';
import { benchBackend, type BenchResult } from '../backends/bench-backend.ts';
import { architectures } from '../cppn/network/network.ts';
import { parseRenderOptions } from '../options/options.ts';
import { invalidOption } from '../errors.ts';

interface BenchArgs {
  size?: string;
  frames?: string;
  backend?: string;
  arch?: string;
  layers?: string;
  hidden?: string;
  activation?: string;
  seed?: string;
  json?: boolean;
}

/** `zsweep bench`: how fast each backend evaluates frames here. */
export const benchCommand: CommandModule = {
  command: 'bench',
  describe: 'measure how fast each backend evaluates frames on this machine',
  builder: (command: Argv) => {
    const text = (describe: string, defaultDescription?: string) =>
      ({ type: 'string', describe, requiresArg: true, defaultDescription }) as const;
    return command
      .option('size', text('frame size WIDTHxHEIGHT in pixels', '256x256'))
      .option('frames', text('frames timed per backend, after one untimed warm-up frame', '10'))
      .option('backend', text(`${evaluatorNames.join(', ')}, several separated by commas, or all (those that run here)`, 'all'))
      .option('arch', text(`network topology: ${architectures.join(', ')}`, 'densenet'))
      .option('layers', text('hidden layers', '8'))
      .option('hidden', text('units per hidden layer', 'densenet 8, others 32'))
      .option('activation', text('hidden activation', 'densenet sigmoid, others tanh'))
      .option('seed', text('seed', '1'))
      .option('json', { type: 'boolean', describe: 'print one JSON line per backend' })
      .example('$0 bench --size 512x512 --arch perceptron --json', 'the 8×32 tanh perceptron at 512², as JSON lines');
  },
  handler: async (argv) => {
    const args = argv as BenchArgs;
    const { recipe } = parseRenderOptions({
      size: args.size ?? '256x256', frames: args.frames ?? '10', arch: args.arch, layers: args.layers,
      hidden: args.hidden, activation: args.activation, seed: args.seed ?? '1',
    });
    for (const evaluator of await parseEvaluators(args.backend ?? 'all')) {
      const result = await benchBackend(recipe, evaluator);
      process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${describe(result)}\n`);
    }
  },
};

/** `all` means every backend that can run here; the float64 reference is slow, so it goes last. */
async function parseEvaluators(raw: string): Promise<EvaluatorName[]> {
  if (raw.trim().toLowerCase() === 'all') {
    const reason = await gpuUnavailableReason();
    if (reason) process.stderr.write(`zsweep: gpu not measured: ${reason}\n`);
    return reason ? ['cpu', 'reference'] : ['gpu', 'cpu', 'reference'];
  }
  return raw.split(',').map((part) => {
    const name = part.trim().toLowerCase();
    if (!(evaluatorNames as readonly string[]).includes(name)) {
      throw invalidOption('backend', raw, `all, or one or more of ${evaluatorNames.join(', ')} separated by commas, e.g. --backend cpu,reference`);
    }
    return name as EvaluatorName;
  });
}

function describe({ backend, width, height, frames, msPerFrame, mpixPerSecond }: BenchResult): string {
  return `${backend}: ${width}×${height}, ${frames} frames, ${msPerFrame.toFixed(1)} ms a frame, ${mpixPerSecond.toFixed(2)} Mpixel/s`;
}
