import { invalidOption } from '../errors.ts';
import { type Shard, shardIndexVariables } from '../segments/shard.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Largest number of shards: far more machines than anyone has, far fewer than the segments of a long render. */
export const maxShards = 100_000;

/**
 * `INDEX/COUNT` with INDEX from 0, or `auto/COUNT`: the index from the job runner's variable (see
 * segments/shard.ts), so that one job script serves every shard.
 */
export function parseShard(raw: string, env: Env): Shard {
  const match = /^\s*(auto|\d+)\s*\/\s*(\d+)\s*$/i.exec(raw);
  const expected = `INDEX/COUNT with INDEX from 0 to COUNT-1, or auto/COUNT, e.g. --shard 0/8 or --shard auto/8`;
  if (!match) throw invalidOption('shard', raw, expected);
  const count = Number(match[2]);
  if (count < 1 || count > maxShards) throw invalidOption('shard', raw, `a COUNT from 1 to ${maxShards}, e.g. --shard 0/8`);
  if (match[1].toLowerCase() !== 'auto') {
    const index = Number(match[1]);
    if (index >= count)
      throw invalidOption('shard', raw, `an INDEX from 0 to ${count - 1} (shards are counted from 0), e.g. --shard 0/${count}`);
    return { index, count };
  }
  const source = shardIndexVariables.find(({ name }) => (env[name] ?? '').trim() !== '');
  if (!source) {
    throw invalidOption(
      'shard',
      raw,
      `one of ${shardIndexVariables.map((v) => v.name).join(', ')} to be set for auto (none is), or the index itself, e.g. --shard 0/${count}`,
    );
  }
  const value = env[source.name]!.trim();
  const index = Number(value) - source.firstIndex(env);
  if (!/^\d+$/.test(value) || !Number.isInteger(index) || index < 0 || index >= count) {
    throw invalidOption(
      'shard',
      raw,
      `${source.name}=${JSON.stringify(value)} to give a shard from 0 to ${count - 1} (it gives ${Number.isFinite(index) ? index : 'no number'}); check the job's size against COUNT`,
    );
  }
  return { index, count };
}
