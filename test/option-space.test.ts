import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkCombination, drawCombination, minimalFailure } from './helpers/option-space.ts';
import { tempFolder } from './helpers.ts';

/**
 * The option space, sampled (test/helpers/option-space.ts): seeded random combinations of every
 * picture, loop, length, beat and platform option, each rendered, checked and rendered again from its
 * recipe. Here within a budget of about a minute; `npm run test:combinations -- --count 2000` runs the
 * long mode. A failure names the fewest options that still fail, as a command.
 */
const budgetSeconds = Number(process.env.ZSWEEP_OPTION_SPACE_SECONDS ?? 60);
const atLeast = 6;

test('sampled combinations of options render a living picture at the asked speed, without flashes, and again from their recipe', async () => {
  const folder = join(tempFolder(), 'combination');
  const started = performance.now();
  const failures: string[] = [];
  let n = 0;
  for (; n < atLeast || (performance.now() - started) / 1000 < budgetSeconds; n++) {
    const args = drawCombination(String(n));
    const { problems } = await checkCombination(args, folder);
    if (problems.length) {
      const minimal = await minimalFailure(args, folder);
      failures.push(`#${n}: ${problems.join('; ')}\n  zsweep ${minimal.join(' ')}`);
    }
  }
  assert.equal(failures, [], `${failures.length} of ${n} combinations failed:\n${failures.join('\n')}`);
});

test.run();
