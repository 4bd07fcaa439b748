/**
 * One machine's share of a segmented render: segment s belongs to shard `s mod count`. Round robin
 * rather than blocks, so that each shard gets a fair mix of easy and busy stretches of the sweep and
 * all shards finish at about the same time.
 */
export interface Shard {
  /** From 0 to count − 1. */
  readonly index: number;
  readonly count: number;
}

/** The whole render: every segment. */
export const wholeRender: Shard = Object.freeze({ index: 0, count: 1 });

export function ownsSegment(shard: Shard, segment: number): boolean {
  return segment % shard.count === shard.index;
}

/**
 * Where `--shard auto/N` finds its index, in this order, each turned into a 0-based index:
 * the job runners' own numbering, so a job script needs no arithmetic.
 */
export const shardIndexVariables = [
  /** Kubernetes Indexed Job: 0 … completions − 1. */
  { name: 'JOB_COMPLETION_INDEX', firstIndex: () => 0 },
  /** Slurm job array: any range (`--array=1-8`); its first value is SLURM_ARRAY_TASK_MIN. */
  { name: 'SLURM_ARRAY_TASK_ID', firstIndex: (env: Env) => Number(env.SLURM_ARRAY_TASK_MIN ?? 0) },
  /**
   * GNU parallel's job sequence number, from 1 (the same as `{#}`). Not the slot number `{%}`: slots are
   * reused as jobs finish, so two jobs could render the same share and another share be missed.
   */
  { name: 'PARALLEL_SEQ', firstIndex: () => 1 },
] as const;

type Env = Readonly<Record<string, string | undefined>>;
