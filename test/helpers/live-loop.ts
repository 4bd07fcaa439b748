import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';

/**
 * Driving an exported loop in Chromium. The functions given to page.evaluate run in the page, but
 * these tests are typed for Node, without the DOM library.
 */
// biome-ignore lint/suspicious/noExplicitAny: the page's DOM, reached only inside page.evaluate
declare const window: any, document: any;

/** RGBA pixels of a PNG data URL, and its size. */
export function decodeDataUrl(url: string): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
  return { width: png.width, height: png.height, data: png.data };
}

/** Waits for the page's `<zsweep-loop>` to start, and says how: `webgl2` or `still: …`. */
export async function loopReady(page: Page): Promise<string> {
  await page.waitForFunction(() => document.querySelector('zsweep-loop')?.ready, { timeout: 120_000, polling: 100 });
  return page.evaluate(() => document.querySelector('zsweep-loop').ready);
}

/** The loop's frame k as drawn on its canvas (it pauses there). */
export async function loopFrame(page: Page, k: number): Promise<{ width: number; height: number; data: Uint8Array }> {
  const url = await page.evaluate((frame) => {
    const element = document.querySelector('zsweep-loop');
    element.frame(frame);
    return element.shadowRoot.querySelector('canvas').toDataURL('image/png');
  }, k);
  return decodeDataUrl(url);
}

/** PSNR in dB over RGB of two RGBA pictures of the same size. */
export function rgbPsnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    const d = a[i] - b[i];
    sum += d * d;
    count++;
  }
  return sum === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255) / (sum / count));
}

/** Mean absolute difference per RGB channel (0–255) of two RGBA pictures. */
export function meanChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) sum += Math.abs(a[i] - b[i]);
  return sum / ((a.length / 4) * 3);
}

/**
 * A fragment shader run once over a `width × height` WebGL2 canvas in the page, with float and vec2
 * uniforms and 1×1 textures of given RGBA float texels; its pixels top row first. Throws the
 * compiler's log when it does not compile: what an ISF host or Shadertoy would show.
 */
export async function runFragment(
  page: Page,
  source: string,
  {
    width,
    height,
    uniforms = {},
    ints = {},
    textures = {},
  }: {
    width: number;
    height: number;
    uniforms?: Record<string, number | number[]>;
    ints?: Record<string, number>;
    textures?: Record<string, number[]>;
  },
): Promise<{ width: number; height: number; data: Uint8Array }> {
  const url = await page.evaluate(
    (fragment, w, h, values, intValues, texels) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: true });
      const program = gl.createProgram();
      const vertex =
        '#version 300 es\nvoid main() { vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)); gl_Position = vec4(p * 2. - 1., 0., 1.); }';
      for (const [type, text] of [
        [gl.VERTEX_SHADER, vertex],
        [gl.FRAGMENT_SHADER, fragment],
      ]) {
        const shader = gl.createShader(type);
        gl.shaderSource(shader, text);
        gl.compileShader(shader);
        if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(shader));
        gl.attachShader(program, shader);
      }
      gl.linkProgram(program);
      if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program));
      gl.useProgram(program);
      for (const [name, value] of Object.entries(values)) {
        const at = gl.getUniformLocation(program, name);
        if (typeof value === 'number') gl.uniform1f(at, value);
        else if (value.length === 2) gl.uniform2f(at, value[0], value[1]);
        else gl.uniform3f(at, value[0], value[1], value[2]);
      }
      for (const [name, value] of Object.entries(intValues)) gl.uniform1i(gl.getUniformLocation(program, name), value as number);
      Object.entries(texels).forEach(([name, texel], unit) => {
        gl.activeTexture(gl.TEXTURE0 + unit);
        gl.bindTexture(gl.TEXTURE_2D, gl.createTexture());
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, 1, 1, 0, gl.RGBA, gl.FLOAT, new Float32Array(texel as number[]));
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
        gl.uniform1i(gl.getUniformLocation(program, name), unit);
      });
      gl.viewport(0, 0, w, h);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      return canvas.toDataURL('image/png');
    },
    source,
    width,
    height,
    uniforms,
    ints,
    textures,
  );
  return decodeDataUrl(url);
}
