// Counts, per test run, the tests that the suite registers and those that ran: CI (.ci/run) fails a run
// where a test never ran without being skipped with a reason (a hook that failed unseen, a file whose
// test.run() is missing, a bare test.skip). Loaded with --import (NODE_OPTIONS); it acts only in uvu's
// runner and only when ZSWEEP_TEST_COUNT_FILE names the file to append its one line to.
import { register } from 'node:module';

if (process.env.ZSWEEP_TEST_COUNT_FILE && /uvu[\\/]bin\.js$/.test(process.argv[1] ?? '')) {
  register('./count-tests-hooks.mjs', import.meta.url);
}
