// Rebuilds the SIMD kernels from assembly/cppn-kernel.ts (`npm run build:wasm`): the plain
// WebAssembly SIMD build, which every engine runs and which gives the same frames everywhere, and
// the relaxed-SIMD build (fused multiply-add), which Node 20 runs behind a V8 flag.
// AssemblyScript is pinned to one exact version, so the builds are byte for byte reproducible;
// test/wasm-build.test.ts checks that the committed binaries are these builds.

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const kernelSource = 'assembly/cppn-kernel.ts';

/** Each committed binary and the features it is built with. */
export const kernelBuilds = [
  { binary: 'src/backends/cppn-kernel.wasm', features: ['simd'] },
  { binary: 'src/backends/cppn-kernel-relaxed.wasm', features: ['simd', 'relaxed-simd'] },
] as const;

export function ascArguments(binary: string, features: readonly string[]): string[] {
  return [
    kernelSource,
    '--outFile',
    binary,
    '-O3',
    '--noAssert',
    '--runtime',
    'stub',
    '--initialMemory',
    '1',
    '--enable',
    features.join(','),
  ];
}

/** Compiles one kernel in memory; returns the binary, or throws with the compiler's messages. */
export async function buildKernel(build: (typeof kernelBuilds)[number]): Promise<Uint8Array> {
  const { default: asc } = await import('assemblyscript/asc');
  let binary: Uint8Array | undefined;
  let messages = '';
  const { error } = await asc.main(ascArguments(build.binary, build.features), {
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
  (async () => {
    for (const build of kernelBuilds) {
      await writeFile(build.binary, await buildKernel(build));
      console.log(`wrote ${build.binary}`);
    }
  })();
}
