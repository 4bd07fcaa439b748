import type { Recipe } from '../recipe/recipe.ts';
import { glslFloat } from './glsl-literal.ts';

/** How far a full audio pulse pushes z from the path's centre: the visualiser's beat accent (audio/react.ts). */
const pulseAmount = 0.35;
/** At full audio drive, loud bass runs the loop this many times as fast. */
const audioSpeedUp = 3;

/** The ISF header: what a host reads to show the shader's controls and to run its passes. */
export function isfHeader(recipe: Recipe): object {
  return {
    ISFVSN: '2',
    DESCRIPTION: `zsweep loop: seed ${recipe.seed}, ${recipe.network.arch}, ${recipe.colour}, ${recipe.frames} frames at ${recipe.fps} fps`,
    CREDIT: `zsweep ${recipe.zsweep}`,
    CATEGORIES: ['Generator'],
    INPUTS: [
      { NAME: 'speed', TYPE: 'float', DEFAULT: 1, MIN: 0, MAX: 4, LABEL: 'Speed' },
      { NAME: 'position', TYPE: 'float', DEFAULT: 0, MIN: 0, MAX: 1, LABEL: 'Time (loop position)' },
      { NAME: 'paletteMix', TYPE: 'float', DEFAULT: 1, MIN: 0, MAX: 1, LABEL: 'Palette mix' },
      { NAME: 'zCentre', TYPE: 'point2D', DEFAULT: [0, 0], MIN: [-2, -2], MAX: [2, 2], LABEL: 'z centre' },
      { NAME: 'audioDrive', TYPE: 'float', DEFAULT: 0, MIN: 0, MAX: 1, LABEL: 'Audio drives speed and pulse' },
      { NAME: 'fft', TYPE: 'audioFFT', LABEL: 'Audio FFT' },
    ],
    // The loop's clock, a 1×1 float kept from frame to frame: speed (and the audio) change how fast
    // it runs, never where it is, so that turning a knob does not jump the picture.
    PASSES: [{ TARGET: 'clock', PERSISTENT: true, FLOAT: true, WIDTH: 1, HEIGHT: 1 }, {}],
    zsweep: recipe,
  };
}

/**
 * An ISF 2 generator: the JSON header, then GLSL in the portable baseline (docs.isf.video). Pass 0
 * advances the clock by TIMEDELTA (with the bass of `fft` speeding it up by `audioDrive`) and keeps
 * the bass; pass 1 draws the design at the clock, the bass pushing z outwards as the visualiser's
 * pulse does. `paletteMix` fades from grey (0) to the design's colours (1); `zCentre` moves the
 * circle's centre within its plane.
 */
export function isfShader(recipe: Recipe, glsl: string): string {
  const header = JSON.stringify(isfHeader(recipe), null, 2).replaceAll('*/', '*\\/');
  return `/*${asciiJsonPretty(header)}*/

${glsl}

float zs_bass() {
  return .25 * (IMG_NORM_PIXEL(fft, vec2(.01, .5)).r + IMG_NORM_PIXEL(fft, vec2(.03, .5)).r + IMG_NORM_PIXEL(fft, vec2(.05, .5)).r + IMG_NORM_PIXEL(fft, vec2(.07, .5)).r);
}

void main() {
  vec4 clk = IMG_NORM_PIXEL(clock, vec2(.5));
  if (PASSINDEX == 0) {
    float bass = clamp(zs_bass(), 0., 1.);
    float rate = speed * (1. + ${glslFloat(audioSpeedUp)} * audioDrive * bass);
    float phase = FRAMEINDEX == 0 ? 0. : fract(clk.r + TIMEDELTA * ${glslFloat(recipe.fps / recipe.frames)} * rate);
    gl_FragColor = vec4(phase, mix(clk.g, bass, .5), 0., 1.);
  } else {
    float push = 1. + ${glslFloat(pulseAmount)} * audioDrive * clk.g;
    vec3 c = zs_frame(vec2(gl_FragCoord.x, RENDERSIZE.y - gl_FragCoord.y), RENDERSIZE, fract(clk.r + position), push, zCentre);
    gl_FragColor = vec4(mix(vec3(dot(c, vec3(.2126, .7152, .0722))), c, paletteMix), 1.);
  }
}
`;
}

/** The header's text with any character beyond ASCII escaped (hosts differ in what encodings they read). */
function asciiJsonPretty(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
