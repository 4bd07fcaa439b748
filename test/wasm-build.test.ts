import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildKernel, kernelBinary } from '../scripts/build-wasm.ts';

test('the committed cppn-kernel.wasm is the build of assembly/cppn-kernel.ts (else run npm run build:wasm)', async () => {
  const built = await buildKernel();
  const committed = readFileSync(kernelBinary);
  assert.ok(Buffer.from(built).equals(committed), 'src/backends/cppn-kernel.wasm is stale: run npm run build:wasm');
});

test.run();
