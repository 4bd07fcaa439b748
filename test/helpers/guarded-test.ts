import type { Callback, Test } from 'uvu';

/**
 * uvu 0.5 swallows an error thrown in a `before` or `after` hook (its runner returns from a `finally`:
 * lukeed/uvu#60, #80, #191): a studio or browser that fails to start leaves its tests unrun and the run
 * green. A test file with hooks registers them here instead. A `before` hook that throws (or outlasts its
 * time) fails every test with its message; the `after` and `after.each` hooks run as a last test, which
 * fails with theirs. test/harness.test.ts checks that every test file with hooks goes through this.
 */
export function guardedTest(test: Test, { hookTimeoutMs = 180_000 }: { hookTimeoutMs?: number } = {}): Test {
  let setupError: unknown;
  let lateError: unknown;
  const afters: Callback[] = [];
  const afterEach: Callback[] = [];

  const register = ((name: string, fn: Callback) =>
    test(name, async (context) => {
      if (setupError !== undefined) throw failure('the before hook failed', setupError);
      try {
        await fn(context);
      } finally {
        for (const hook of afterEach) {
          await within(hookTimeoutMs, 'an after.each hook', () => hook(context)).catch((error: unknown) => {
            lateError ??= error;
          });
        }
      }
    })) as Test;
  register.only = (name, fn) => test.only(name, fn);
  register.skip = (name, fn) => test.skip(name, fn);
  const before = ((hook: Callback) =>
    test.before(async (context) => {
      if (setupError !== undefined) return;
      await within(hookTimeoutMs, 'the before hook', () => hook(context)).catch((error: unknown) => {
        setupError = error;
      });
    })) as Test['before'];
  before.each = (hook) =>
    test.before.each(async (context) => {
      if (setupError === undefined) await within(hookTimeoutMs, 'a before.each hook', () => hook(context));
    });
  register.before = before;
  const after = ((hook: Callback) => {
    afters.push(hook);
  }) as Test['after'];
  after.each = (hook) => {
    afterEach.push(hook);
  };
  register.after = after;
  register.run = () => {
    if (afters.length > 0 || afterEach.length > 0) {
      test('(the after hooks: cleaning up)', async (context) => {
        for (const hook of afters) {
          await within(hookTimeoutMs, 'an after hook', () => hook(context)).catch((error: unknown) => {
            lateError ??= error;
          });
        }
        if (lateError !== undefined) throw failure('an after hook failed', lateError);
      });
    }
    test.run();
  };
  return register;
}

/** `action`, failing with a message that names `what` when it has not settled within `ms`. */
export async function within<T>(ms: number, what: string, action: () => T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(action), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function failure(what: string, cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  const error = new Error(`${what}: ${message}`, { cause });
  if (cause instanceof Error && cause.stack) error.stack = `${error.message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  return error;
}
