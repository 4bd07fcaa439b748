import { invalidOption } from '../errors.ts';
import { type Shard, shardIndexVariables } from '../segments/shard.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Largest number of shards: far more machines than anyone has, far fewer than the segments of a long render. */
export const maxShards = 100_000;

/**
 * `NUMBER/COUNT` with NUMBER from 1 to COUNT, or `auto/COUNT`: the number from the job runner's variable
 * (see segments/shard.ts), so that one job script serves every shard.
 */
export function parseShard(raw: string, env: Env): Shard {
  const match = /^\s*(auto|\d+)\s*\/\s*(\d+)\s*$/i.exec(raw);
  if (!match)
    throw invalidOption('shard', raw, 'NUMBER/COUNT with NUMBER from 1 to COUNT, or auto/COUNT, e.g. --shard 1/8 or --shard auto/8');
  const count = Number(match[2]);
  if (count < 1 || count > maxShards) throw invalidOption('shard', raw, `a COUNT from 1 to ${maxShards}, e.g. --shard 1/8`);
  if (match[1].toLowerCase() !== 'auto') {
    const number = Number(match[1]);
    if (number === 0) {
      const examples = count === 1 ? '--shard 1/1' : `--shard 1/${count} … ${count}/${count}`;
      throw invalidOption('shard', raw, `a NUMBER from 1 to ${count}: shards count from 1, as in Jest and Playwright, e.g. ${examples}`);
    }
    if (number > count) throw invalidOption('shard', raw, `a NUMBER from 1 to ${count}, e.g. --shard ${count}/${count}`);
    return { number, count };
  }
  const source = shardIndexVariables.find(({ name }) => (env[name] ?? '').trim() !== '');
  if (!source) {
    throw invalidOption(
      'shard',
      raw,
      `one of ${shardIndexVariables.map((v) => v.name).join(', ')} to be set for auto (none is), or the number itself, e.g. --shard 1/${count}`,
    );
  }
  const value = (env[source.name] ?? '').trim();
  const number = Number(value) - source.firstValue(env) + 1;
  if (!/^\d+$/.test(value) || !Number.isInteger(number) || number < 1 || number > count) {
    throw invalidOption(
      'shard',
      raw,
      `${source.name}=${JSON.stringify(value)} to give a shard from 1 to ${count} (it gives ${Number.isFinite(number) ? number : 'no number'}); check the job's size against COUNT`,
    );
  }
  return { number, count };
}
