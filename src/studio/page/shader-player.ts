import { loopShader } from '../../export/loop-shader.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import type { LoopPlayer, PlayerState } from './loop-player.ts';

const vertexSource =
  '#version 300 es\nvoid main() { vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)); gl_Position = vec4(p * 2. - 1., 0., 1.); }';

/** The fragment shader of a design: the exported loop's own GLSL (export/loop-shader.ts), one pixel per fragment. */
function fragmentSource(recipe: Recipe): string {
  return `#version 300 es
precision highp float;
uniform vec2 zs_size;
uniform float zs_phase;
out vec4 zs_out;
${loopShader(recipe)}
void main() { zs_out = vec4(zs_frame(vec2(gl_FragCoord.x, zs_size.y - gl_FragCoord.y), zs_size, zs_phase, 1., vec2(0.)), 1.); }`;
}

/** What the shader cannot play: motion that is not the constant-speed sweep (beat accents, a soundtrack), as the export refuses it. */
export function shaderPlays(recipe: Recipe): boolean {
  return recipe.beat === undefined && recipe.audio === undefined;
}

/**
 * Whether this browser draws WebGL2 on a GPU. A software rasteriser (SwiftShader, llvmpipe) is slower
 * than the wasm workers (docs/export.md measures it), so there the preview stays on the CPU.
 */
export function hardwareWebgl2(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/**
 * The preview on the GPU: the design's loop drawn live by the exported page's shader, each frame at
 * the loop's own time, so it never waits for frames and plays any length at any size. Its pixels are
 * float32's, within rounding of the CLI's (the exact preview is the wasm player). Undefined where the
 * page gets no WebGL2 context.
 */
export function createShaderPlayer(
  canvas: HTMLCanvasElement,
  options: { onFirstFrame?: (ms: number) => void; onFrame?: () => void } = {},
): LoopPlayer | undefined {
  // preserveDrawingBuffer: a held frame stays readable (tests, screenshots) after it is composited.
  const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true });
  if (!gl) return undefined;
  let recipe: Recipe | undefined;
  let program: { program: WebGLProgram; size: WebGLUniformLocation | null; phase: WebGLUniformLocation | null } | undefined;
  let phase = 0;
  let playing = true;
  let held: number | undefined;
  let last: number | undefined;
  let request = 0;
  let drawn = 0;
  let shownAt = 0;
  let firstPending = false;
  /** The frame on the canvas, or -1 before the first of a design. */
  let shown = -1;

  const compile = (design: Recipe) => {
    if (program) gl.deleteProgram(program.program);
    const made = gl.createProgram()!;
    for (const [type, source] of [
      [gl.VERTEX_SHADER, vertexSource],
      [gl.FRAGMENT_SHADER, fragmentSource(design)],
    ] as const) {
      const shader = gl.createShader(type)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      gl.attachShader(made, shader);
      gl.deleteShader(shader);
    }
    gl.linkProgram(made);
    if (!gl.getProgramParameter(made, gl.LINK_STATUS) && !gl.isContextLost())
      throw new Error(`the preview's shader did not compile: ${gl.getProgramInfoLog(made)}`);
    program = { program: made, size: gl.getUniformLocation(made, 'zs_size'), phase: gl.getUniformLocation(made, 'zs_phase') };
  };
  const draw = (at: number) => {
    if (!program) return;
    gl.viewport(0, 0, canvas.width, canvas.height);
    gl.useProgram(program.program);
    gl.uniform2f(program.size, canvas.width, canvas.height);
    gl.uniform1f(program.phase, at);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    drawn++;
    options.onFrame?.();
    if (firstPending) {
      firstPending = false;
      options.onFirstFrame?.(performance.now() - shownAt);
    }
  };
  const tick = (now: number) => {
    request = 0;
    if (!recipe || !playing) return;
    // The loop's own clock: a slow frame skips ahead rather than slowing the loop down.
    if (last !== undefined) phase = (phase + ((now - last) / 1000) * (recipe.fps / recipe.frames)) % 1;
    last = now;
    // The render's frames, at its frame rate: drawn when the loop reaches the next one, not at the display's rate.
    const frame = Math.floor(phase * recipe.frames);
    if (frame !== shown) {
      shown = frame;
      draw(frame / recipe.frames);
    }
    request = requestAnimationFrame(tick);
  };
  const schedule = () => {
    if (!request && playing) {
      last = undefined;
      request = requestAnimationFrame(tick);
    }
  };

  return {
    canvas,
    show(design, size) {
      recipe = design;
      shownAt = performance.now();
      firstPending = true;
      canvas.width = size.width;
      canvas.height = size.height;
      compile(design);
      phase = held === undefined ? 0 : held / design.frames;
      shown = -1;
      if (held !== undefined) draw(phase);
      schedule();
    },
    async hold(frame) {
      playing = false;
      held = frame;
      cancelAnimationFrame(request);
      request = 0;
      if (recipe) phase = frame / recipe.frames;
      shown = frame;
      draw(phase);
      gl.finish();
    },
    play() {
      playing = true;
      held = undefined;
      schedule();
    },
    stop() {
      playing = false;
      cancelAnimationFrame(request);
      request = 0;
    },
    state(): PlayerState {
      const frames = recipe?.frames ?? 1;
      return { fps: recipe?.fps ?? 30, frames, storeFrames: frames, drawn, waiting: false };
    },
  };
}
