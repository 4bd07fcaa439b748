// The parts of the WebAssembly JavaScript API that zsweep uses. Node has them all, but
// @types/node 20 does not declare them (they live in TypeScript's DOM library, which this
// project leaves out so that browser globals cannot creep in).
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}
