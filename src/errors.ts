/**
 * A mistake in what the user asked for. The CLI prints its message as one line and exits with 2;
 * every other error is a bug and keeps its stack.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The one shape of message for a bad value, so every complaint reads alike:
 * `Invalid --size '12x': expected WIDTHxHEIGHT in pixels, e.g. --size 512x512`.
 */
export function invalidOption(option: string, value: unknown, expected: string): UsageError {
  return new UsageError(`Invalid --${option} ${JSON.stringify(String(value))}: expected ${expected}`);
}
