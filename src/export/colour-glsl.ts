import { type ColourSpec, defaultPaletteName } from '../cppn/colour.ts';
import { linearToOklab, namedPalette, type Palette } from '../cppn/palette.ts';
import { glslFloat } from './glsl-literal.ts';

type Triple = [number, number, number];

const vec3 = (v: readonly number[]) => `vec3(${v.map(glslFloat).join(',')})`;

/**
 * `vec3 zs_colour(vec3 o)`: the network's outputs (in [-1, 1]) to sRGB in [0, 1], as cppn/colour.ts
 * colours them: the recipe's levels, then its colour mode. Where the CPU path reads a table (the
 * palette's 1024 entries, sRGB's 4096 linear steps), the same steps are taken here, so that the
 * shader lands on the same byte but for float32's last bits.
 */
export function colourGlsl({ colour, levels, palette }: ColourSpec): string {
  const scale = [0.5, 0.5, 0.5];
  const shift = [0.5, 0.5, 0.5];
  if (levels) {
    for (let c = 0; c < 3; c++) {
      scale[c] = 1 / (levels.high[c] - levels.low[c]);
      shift[c] = -levels.low[c] * scale[c];
    }
  }
  const lines = [`vec3 u = clamp(o * ${vec3(scale)} + ${vec3(shift)}, 0., 1.);`];
  const helpers: string[] = [];
  switch (colour) {
    case 'rgb':
      lines.push('return u;');
      break;
    case 'bw':
      lines.push('return u.xxx;');
      break;
    case 'hsv':
      // The sector formula of colour.ts's hsvToRgb, branch-free: the same six cases, hue 1 as hue 0.
      lines.push(
        'vec3 k = clamp(abs(fract(u.x + vec3(1., 2. / 3., 1. / 3.)) * 6. - 3.) - 1., 0., 1.);',
        'return u.z * mix(vec3(1.), k, u.y);',
      );
      break;
    case 'oklab':
      helpers.push(oklabGlsl);
      lines.push('return zs_encode(zs_oklab(vec3(.15 + .8 * u.x, (u.yz - .5) * .32)));');
      break;
    case 'palette':
      helpers.push(oklabGlsl, paletteGlsl(palette ?? (namedPalette(defaultPaletteName) as Palette)));
      lines.push('return zs_palette(u.x);');
      break;
  }
  return [...helpers, 'vec3 zs_colour(vec3 o) {', ...lines.map((line) => `  ${line}`), '}'].join('\n');
}

/**
 * OKLab to linear sRGB (Björn Ottosson's matrices, as cppn/palette.ts), and linear to sRGB bytes/255
 * through colour.ts's table of 4096 linear steps (the same rounding of the linear value first).
 */
const oklabGlsl = `vec3 zs_oklab(vec3 lab) {
  vec3 lms = vec3(lab.x + .3963377774 * lab.y + .2158037573 * lab.z, lab.x - .1055613458 * lab.y - .0638541728 * lab.z, lab.x - .0894841775 * lab.y - 1.291485548 * lab.z);
  lms = lms * lms * lms;
  return vec3(4.0767416621 * lms.x - 3.3077115913 * lms.y + .2309699292 * lms.z, -1.2684380046 * lms.x + 2.6097574011 * lms.y - .3413193965 * lms.z, -.0041960863 * lms.x - .7034186147 * lms.y + 1.707614701 * lms.z);
}
vec3 zs_encode(vec3 linear) {
  vec3 c = floor(clamp(linear, 0., 1.) * 4095. + .5) / 4095.;
  return mix(1.055 * pow(c, vec3(1. / 2.4)) - .055, c * 12.92, step(c, vec3(.0031308)));
}`;

/**
 * The palette's stops in OKLab and the blend between them at the CPU table's 1024 steps: the stop
 * pair is picked by an if-chain, since ES 1.0 and desktop GLSL 1.10 (ISF hosts) have no constant arrays.
 */
function paletteGlsl(palette: Palette): string {
  const stops = palette.map((hex) => linearToOklab(srgbToLinear(rgbOf(hex))));
  const count = stops.length;
  const pick = (offset: number) =>
    stops
      .slice(offset, offset + Math.max(1, count - 1))
      .map((stop, k) => (k === Math.max(1, count - 1) - 1 ? `return ${vec3(stop)};` : `if (k < ${k}.5) return ${vec3(stop)};`))
      .join(' ');
  return `vec3 zs_stop_from(float k) { ${pick(0)} }
vec3 zs_stop_to(float k) { ${count === 1 ? `return ${vec3(stops[0])};` : pick(1)} }
vec3 zs_palette(float t) {
  float position = floor(t * 1023. + .5) / 1023. * ${glslFloat(Math.max(0, count - 1))};
  float k = min(${glslFloat(Math.max(0, count - 2))}, floor(position));
  vec3 lab = mix(zs_stop_from(k), zs_stop_to(k), ${count === 1 ? '0.' : 'position - k'});
  vec3 c = clamp(zs_oklab(lab), 0., 1.);
  return mix(1.055 * pow(c, vec3(1. / 2.4)) - .055, c * 12.92, step(c, vec3(.0031308)));
}`;
}

function rgbOf(hex: string): Triple {
  const value = Number.parseInt(hex.slice(1), 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

function srgbToLinear(rgb: Triple): Triple {
  return rgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as Triple;
}
