// CI's check on the counts that test/helpers/uvu-counted.mjs appended, one line per test run: every
// registered test ran, or was skipped with its reason. Prints one line per run; exits 1 on a shortfall.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
let short = lines.length === 0;
if (short) console.log(`test count: ${file} is empty: no test run was counted`);
for (const [at, line] of lines.entries()) {
  const count = Object.fromEntries([...line.matchAll(/([a-z-]+)=(\d+)/g)].map(([, key, value]) => [key, Number(value)]));
  const expected = count.registered - count['skipped-with-reason'];
  const missing = expected - count.ran;
  console.log(
    `test run ${at + 1}: ${count.registered} registered, ${count['skipped-with-reason']} skipped with a reason, ${count.ran} ran` +
      (missing > 0 ? `: ${missing} never ran (a hook that failed unseen, a missing test.run(), or a skip without a reason)` : ''),
  );
  if (missing > 0) short = true;
}
process.exit(short ? 1 : 0);
