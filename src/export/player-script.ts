import { asciiJson } from '../recipe/recipe.ts';

/** What the player needs of a design: its shader, its loop and a still for browsers without WebGL2. */
export interface PlayerDesign {
  /** GLSL defining `zs_frame` (export/loop-shader.ts). */
  readonly glsl: string;
  readonly frames: number;
  readonly fps: number;
  /** The recipe's size: the element's default size, in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Frame 0 as a `data:image/png` URL. */
  readonly still: string;
  readonly seed: string;
}

/**
 * The `<zsweep-loop>` custom element with `design` built in, as one classic script: the web
 * component file is this alone, and the page embeds it. Plain ES2020 that every browser with
 * WebGL2 runs, with no imports and no requests.
 *
 * Attributes: `width` and `height` (CSS pixels; otherwise its CSS size, or the design's size),
 * `speed` (1 is the CLI's; 0.5 half as fast; negative plays backwards) and `paused`. Methods:
 * `play()`, `pause()`, `frame(k)` (shows the CLI's frame k and pauses). It pauses while the page is
 * hidden or it is scrolled out of view, shows a still under prefers-reduced-motion, and shows the
 * embedded still where WebGL2 is missing or the context is lost.
 */
export function playerScript(design: PlayerDesign): string {
  return `(function () {
'use strict';
var design = ${asciiJson(design)};
var name = 'zsweep-loop';
if (customElements.get(name)) return;
var vertexSource = '#version 300 es\\nvoid main() { vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)); gl_Position = vec4(p * 2. - 1., 0., 1.); }';
var fragmentSource = '#version 300 es\\nprecision highp float;\\nuniform vec2 zs_size;\\nuniform float zs_phase;\\nout vec4 zs_out;\\n' + design.glsl +
  '\\nvoid main() { zs_out = vec4(zs_frame(vec2(gl_FragCoord.x, zs_size.y - gl_FragCoord.y), zs_size, zs_phase, 1., vec2(0.)), 1.); }';
var maxSide = 4096;
var motion = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;

function compile(gl) {
  var program = gl.createProgram();
  [[gl.VERTEX_SHADER, vertexSource], [gl.FRAGMENT_SHADER, fragmentSource]].forEach(function (pair) {
    var shader = gl.createShader(pair[0]);
    gl.shaderSource(shader, pair[1]);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  });
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
    throw new Error('zsweep-loop: the shader did not compile: ' + gl.getProgramInfoLog(program));
  }
  return { program: program, size: gl.getUniformLocation(program, 'zs_size'), phase: gl.getUniformLocation(program, 'zs_phase') };
}

class ZsweepLoop extends HTMLElement {
  static get observedAttributes() { return ['width', 'height', 'speed', 'paused']; }

  constructor() {
    super();
    var root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>:host{display:inline-block;position:relative;overflow:hidden;width:' + design.width + 'px;height:' + design.height +
      'px}canvas,img{position:absolute;inset:0;width:100%;height:100%;display:block}img{object-fit:cover}[hidden]{display:none}</style>' +
      '<canvas part="canvas"></canvas><img part="still" alt="" hidden>';
    this.canvas = root.querySelector('canvas');
    this.still = root.querySelector('img');
    this.still.src = design.still;
    this.frames = design.frames;
    this.fps = design.fps;
    this.phase = 0;
    this.speed = 1;
    this.visible = true;
    this.request = 0;
    this.last = undefined;
    this.ready = '';
    this.tick = this.tick.bind(this);
    this.onVisibility = this.schedule.bind(this);
  }

  connectedCallback() {
    this.applyAttributes();
    if (!this.gl) this.start();
    var self = this;
    this.resizer = new ResizeObserver(function (entries) { self.resized(entries[entries.length - 1]); });
    try { this.resizer.observe(this, { box: 'device-pixel-content-box' }); } catch (e) { this.resizer.observe(this); }
    this.viewer = new IntersectionObserver(function (entries) { self.visible = entries[entries.length - 1].isIntersecting; self.schedule(); });
    this.viewer.observe(this);
    document.addEventListener('visibilitychange', this.onVisibility);
    if (motion) motion.addEventListener('change', this.onVisibility);
    this.schedule();
  }

  disconnectedCallback() {
    this.resizer.disconnect();
    this.viewer.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    if (motion) motion.removeEventListener('change', this.onVisibility);
    this.stop();
  }

  attributeChangedCallback() {
    this.applyAttributes();
    this.schedule();
  }

  applyAttributes() {
    var width = parseFloat(this.getAttribute('width'));
    var height = parseFloat(this.getAttribute('height'));
    if (width > 0) this.style.width = width + 'px';
    if (height > 0) this.style.height = height + 'px';
    var speed = parseFloat(this.getAttribute('speed'));
    this.speed = isFinite(speed) ? speed : 1;
  }

  start() {
    var gl = this.canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false, powerPreference: 'high-performance' });
    if (!gl) return this.showStill('no WebGL2');
    var self = this;
    this.canvas.addEventListener('webglcontextlost', function (event) { event.preventDefault(); self.stop(); self.showStill('context lost'); });
    this.canvas.addEventListener('webglcontextrestored', function () { self.setUp(); self.schedule(); });
    this.gl = gl;
    this.setUp();
  }

  setUp() {
    try {
      this.shader = compile(this.gl);
    } catch (error) {
      console.error(error);
      return this.showStill('shader');
    }
    this.gl.useProgram(this.shader.program);
    this.still.hidden = true;
    this.canvas.hidden = false;
    this.ready = 'webgl2';
    this.draw();
  }

  showStill(why) {
    this.canvas.hidden = true;
    this.still.hidden = false;
    this.shader = undefined;
    this.ready = 'still: ' + why;
  }

  resized(entry) {
    var box = entry.devicePixelContentBoxSize && entry.devicePixelContentBoxSize[0];
    var ratio = window.devicePixelRatio || 1;
    var width = box ? box.inlineSize : Math.round(entry.contentRect.width * ratio);
    var height = box ? box.blockSize : Math.round(entry.contentRect.height * ratio);
    var fit = Math.min(1, maxSide / Math.max(width, height, 1));
    this.canvas.width = Math.max(1, Math.round(width * fit));
    this.canvas.height = Math.max(1, Math.round(height * fit));
    this.draw();
  }

  /** Whether the loop moves now: not paused, shown, in view, and motion not reduced. */
  moving() {
    return !!this.shader && !this.hasAttribute('paused') && !document.hidden && this.visible && !(motion && motion.matches) && this.isConnected;
  }

  schedule() {
    if (motion && motion.matches && !this.held) {
      this.phase = 0;
      this.draw();
    }
    if (this.moving()) {
      if (!this.request) { this.last = undefined; this.request = requestAnimationFrame(this.tick); }
    } else {
      this.stop();
    }
  }

  stop() {
    if (this.request) cancelAnimationFrame(this.request);
    this.request = 0;
  }

  tick(now) {
    this.request = 0;
    if (this.last !== undefined) {
      // A long gap (a stall, a debugger) moves on by at most a tenth of a second, never a leap.
      var seconds = Math.min(0.1, (now - this.last) / 1000);
      this.phase = (((this.phase + (seconds * this.fps * this.speed) / this.frames) % 1) + 1) % 1;
    }
    this.last = now;
    this.draw();
    if (this.moving()) this.request = requestAnimationFrame(this.tick);
  }

  draw() {
    var gl = this.gl;
    if (!gl || !this.shader || gl.isContextLost()) return;
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.uniform2f(this.shader.size, this.canvas.width, this.canvas.height);
    gl.uniform1f(this.shader.phase, this.phase);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  play() { this.held = false; this.removeAttribute('paused'); }
  pause() { this.setAttribute('paused', ''); }

  /** Shows the CLI's frame k (of design.frames) and pauses there. */
  frame(k) {
    this.held = true;
    this.pause();
    this.phase = (((k / this.frames) % 1) + 1) % 1;
    this.draw();
  }
}

customElements.define(name, ZsweepLoop);
})();
`;
}
