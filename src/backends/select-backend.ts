import { UsageError } from '../usage-error.ts';
import type { Backend, BackendChoice, BackendInput } from './backend.ts';
import { createCpuBackend } from './cpu-backend.ts';

/** Creates the backend the user asked for; `auto` takes the fastest that can run on this machine. */
export async function selectBackend(choice: BackendChoice, input: BackendInput): Promise<Backend> {
  if (choice === 'gpu') {
    throw new UsageError(
      "Invalid --backend \"gpu\": this build of zsweep has no GPU backend yet; use --backend cpu or --backend auto",
    );
  }
  return createCpuBackend(input);
}
