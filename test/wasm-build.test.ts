import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildKernel, kernelBuilds } from '../scripts/build-wasm.ts';

for (const build of kernelBuilds) {
  test(`the committed ${build.binary} is the build of assembly/cppn-kernel.ts (else run npm run build:wasm)`, async () => {
    const built = await buildKernel(build);
    const committed = readFileSync(build.binary);
    assert.ok(Buffer.from(built).equals(committed), `${build.binary} is stale: run npm run build:wasm`);
  });
}

test.run();
