import { readFileSync } from 'node:fs';

/**
 * The software OpenGL driver this process has loaded, if any (Mesa's llvmpipe/softpipe behind
 * `swrast_dri.so` or `kms_swrast`, or SwiftShader), read from /proc/self/maps after a GL context was
 * made. headless-gl reports only "ANGLE" as its renderer, so this is how zsweep tells a display with
 * software GL (Xvfb, a VM) from a GPU: there, the WebAssembly CPU path is several times faster.
 * Undefined where no such driver is loaded, or where /proc is not there to ask (not Linux).
 */
export function softwareGlDriver(): string | undefined {
  let maps: string;
  try {
    maps = readFileSync('/proc/self/maps', 'utf8');
  } catch {
    return undefined;
  }
  return /\/(swrast_dri|kms_swrast_dri|libvk_swiftshader|libGLESv2_swiftshader)[^/\s]*\.so/.exec(maps)?.[1];
}
