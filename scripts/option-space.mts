/**
 * The option-space property test in its long mode: `npm run test:combinations -- --count 2000`
 * (`--from N` starts at another combination). Each combination is drawn from its number, rendered and
 * checked (test/helpers/option-space.ts); a failure prints the fewest options that still fail, as a
 * command to run. Exits 1 if any combination failed.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkCombination, drawCombination, minimalFailure } from '../test/helpers/option-space.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '200' }, from: { type: 'string', default: '0' } } });
const count = Number(values.count);
const from = Number(values.from);
const folder = join(tmpdir(), `zsweep-option-space-${process.pid}`);
const outcomes = new Map<string, number>();
let failed = 0;
const started = performance.now();
for (let n = from; n < from + count; n++) {
  const args = drawCombination(String(n));
  const { problems, outcome } = await checkCombination(args, folder);
  const kind = outcome.startsWith('zsweep:') ? 'refused' : outcome.includes('warning') ? 'rendered with a warning' : 'rendered';
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  if (problems.length) {
    failed++;
    const minimal = await minimalFailure(args, folder);
    console.log(`✘ #${n}: ${problems.join('; ')}\n  zsweep ${minimal.join(' ')}`);
  } else {
    console.log(`✓ #${n} (${((performance.now() - started) / 1000).toFixed(0)} s): ${outcome}`);
  }
}
console.log(
  `${count - failed} passed, ${failed} failed (${[...outcomes].map(([k, v]) => `${v} ${k}`).join(', ')}) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(failed ? 1 : 0);
