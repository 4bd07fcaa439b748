import { backendChoices } from './backend.ts';

/** One line per evaluation backend, for `zsweep info`: its name and whether it runs here. */
export async function describeBackends(): Promise<string[]> {
  // For now only the float64 reference evaluator exists; `auto` picks it and `gpu` is not built yet.
  return backendChoices.filter((choice) => choice !== 'auto').map((choice) =>
    choice === 'cpu' ? 'cpu: cpu-js, the float64 reference evaluator (available)' : `${choice}: not available in this build`);
}
