/** The hidden-layer activations a user can choose, as data so that the CLI, checks and backends share one list. */
export const activationNames = ['tanh', 'sigmoid', 'sin', 'relu', 'softplus', 'gauss'] as const;
export type ActivationName = (typeof activationNames)[number];

/** Scalar definitions: the float64 reference that every backend is compared against. */
export const activations: Record<ActivationName, (x: number) => number> = {
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  sin: Math.sin,
  // biome-ignore lint/complexity/useMathMinMax: NaN gives 0 here, where Math.max would give NaN
  relu: (x) => (x > 0 ? x : 0),
  // log(1 + e^x) overflows for large x, where it equals x to double precision anyway.
  softplus: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
  gauss: (x) => Math.exp(-x * x),
};
