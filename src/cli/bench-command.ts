import type { Argv, CommandModule } from 'yargs';
import { gpuUnavailableReason } from '../backends/gpu-backend.ts';
import { evaluatorNames } from '../backends/select-backend.ts';
import { architectures } from '../cppn/network/network.ts';
import { type BenchArgs, parseBenchRecipe, parseEvaluators } from '../options/bench-options.ts';
import { type BenchResult, benchBackend } from '../render/bench-backend.ts';
import { text } from './shared-options.ts';

/** `zsweep bench`: how fast each backend evaluates frames here. */
export const benchCommand: CommandModule = {
  command: 'bench',
  describe: 'measure how fast each backend evaluates frames on this machine',
  builder: (command: Argv) =>
    command
      .option('size', text('frame size WIDTHxHEIGHT in pixels', '256x256'))
      .option('frames', text('frames timed per backend, after one untimed warm-up frame', '10'))
      .option('backend', text(`${evaluatorNames.join(', ')}, several separated by commas, or all (those that run here)`, 'all'))
      .option('arch', text(`network topology: ${architectures.join(', ')}`, 'densenet'))
      .option('layers', text('hidden layers', '8'))
      .option('hidden', text('units per hidden layer', 'densenet 8, others 32'))
      .option('activation', text('hidden activation', 'densenet sigmoid, others tanh'))
      .option('seed', text('seed', '1'))
      .option('json', { type: 'boolean', describe: 'print one JSON line per backend' })
      .example('$0 bench --size 512x512 --arch perceptron --json', 'the 8×32 tanh perceptron at 512², as JSON lines'),
  handler: async (argv) => {
    const args = argv as BenchArgs;
    const recipe = parseBenchRecipe(args);
    let evaluators = parseEvaluators(args.backend ?? 'all');
    if (evaluators === 'all') {
      // Every backend that can run here; the float64 reference is slow, so it goes last.
      const reason = await gpuUnavailableReason();
      if (reason) process.stderr.write(`zsweep: gpu not measured: ${reason}\n`);
      evaluators = reason ? ['cpu', 'reference'] : ['gpu', 'cpu', 'reference'];
    }
    for (const evaluator of evaluators) {
      const result = await benchBackend(recipe, evaluator);
      process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${describe(result)}\n`);
    }
  },
};

function describe({ backend, width, height, frames, msPerFrame, mpixPerSecond }: BenchResult): string {
  return `${backend}: ${width}×${height}, ${frames} frames, ${msPerFrame.toFixed(1)} ms a frame, ${mpixPerSecond.toFixed(2)} Mpixel/s`;
}
