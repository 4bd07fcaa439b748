// Rebuilds src/backends/cppn-kernel.wasm from assembly/cppn-kernel.ts (`npm run build:wasm`).
// AssemblyScript is pinned to one exact version, so the build is byte for byte reproducible;
// test/wasm-build.test.ts checks that the committed binary is this build.

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const kernelSource = 'assembly/cppn-kernel.ts';
export const kernelBinary = 'src/backends/cppn-kernel.wasm';
export const ascArguments = [
  kernelSource,
  '--outFile',
  kernelBinary,
  '-O3',
  '--noAssert',
  '--runtime',
  'stub',
  '--initialMemory',
  '1',
  '--enable',
  'simd',
];

/** Compiles the kernel in memory; returns the binary, or throws with the compiler's messages. */
export async function buildKernel(): Promise<Uint8Array> {
  const { default: asc } = await import('assemblyscript/asc');
  let binary: Uint8Array | undefined;
  let messages = '';
  const { error } = await asc.main(ascArguments, {
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm')) binary = contents as Uint8Array;
    },
    stdout: {
      write: (text: string) => {
        messages += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        messages += text;
        return true;
      },
    },
  } as never);
  if (error || !binary) throw new Error(`AssemblyScript build failed: ${error?.message ?? ''}\n${messages}`);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // No top-level await: the tests load this file as CommonJS.
  buildKernel()
    .then((binary) => writeFile(kernelBinary, binary))
    .then(() => console.log(`wrote ${kernelBinary}`));
}
