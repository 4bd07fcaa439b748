// uvu as the test files see it, counting: registered (every test, skipped or not), ran (handlers
// entered) and skipped with a reason (testUnless names those "… (skipped: REASON)"). One line at exit.
import { appendFileSync } from 'node:fs';
import * as uvu from 'uvu';

const counts = { registered: 0, ran: 0, skippedWithReason: 0 };

function counting(test) {
  const runs = (fn) => async (context) => {
    counts.ran++;
    await fn(context);
  };
  const wrapped = (name, fn) => {
    counts.registered++;
    return test(name, runs(fn));
  };
  wrapped.only = (name, fn) => {
    counts.registered++;
    return test.only(name, runs(fn));
  };
  wrapped.skip = (name, fn) => {
    counts.registered++;
    if (/ \(skipped: .+\)$/.test(name ?? '')) counts.skippedWithReason++;
    return test.skip(name, fn);
  };
  wrapped.before = test.before;
  wrapped.after = test.after;
  wrapped.run = () => test.run();
  return wrapped;
}

export const test = counting(uvu.test);
export const suite = (...args) => counting(uvu.suite(...args));
export const exec = uvu.exec;

process.on('exit', () => {
  const { registered, ran, skippedWithReason } = counts;
  appendFileSync(process.env.ZSWEEP_TEST_COUNT_FILE, `registered=${registered} ran=${ran} skipped-with-reason=${skippedWithReason}\n`);
});
