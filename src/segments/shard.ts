/**
 * One machine's share of a segmented render. Shards are numbered from 1, as Jest, Playwright and
 * Vitest number theirs (`--shard 1/4` … `4/4`); segment s (from 0) belongs to shard `s mod count + 1`.
 * Round robin rather than blocks, so that each shard gets a fair mix of easy and busy stretches of the
 * sweep and all shards finish at about the same time.
 */
export interface Shard {
  /** From 1 to count. */
  readonly number: number;
  readonly count: number;
}

/** The whole render: every segment. */
export const wholeRender: Shard = Object.freeze({ number: 1, count: 1 });

export function ownsSegment(shard: Shard, segment: number): boolean {
  return segment % shard.count === shard.number - 1;
}

/**
 * Where `--shard auto/N` finds its number, in this order: the job runners' own numbering, whatever its
 * first value, so a job script needs no arithmetic. A variable's first value is shard 1.
 */
export const shardIndexVariables = [
  /** Kubernetes Indexed Job: 0 … completions − 1. */
  { name: 'JOB_COMPLETION_INDEX', firstValue: () => 0 },
  /** Slurm job array: any range (`--array=1-8`); its first value is SLURM_ARRAY_TASK_MIN. */
  { name: 'SLURM_ARRAY_TASK_ID', firstValue: (env: Env) => Number(env.SLURM_ARRAY_TASK_MIN ?? 0) },
  /**
   * GNU parallel's job sequence number, from 1 (the same as `{#}`). Not the slot number `{%}`: slots are
   * reused as jobs finish, so two jobs could render the same share and another share be missed.
   */
  { name: 'PARALLEL_SEQ', firstValue: () => 1 },
] as const;

type Env = Readonly<Record<string, string | undefined>>;
