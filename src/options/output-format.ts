import { basename, dirname, extname } from 'node:path';
import { extensionsOf, type FormatName, formatOfExtension, formats } from '../encoders/formats.ts';
import { invalidOption } from '../errors.ts';
import { framePatternProblem, hasFramePattern } from '../output/frame-pattern.ts';

/** The format of a render's --out, from its extension, or a PNG frame sequence from a pattern such as `frames/%04d.png`. */
export function parseAnimationOut(out: string): FormatName {
  if (hasFramePattern(dirname(out))) {
    throw invalidOption('out', out, 'the frame-number pattern (%04d) in the file name, not in a folder, e.g. --out frames/%04d.png');
  }
  const ext = extname(out).slice(1).toLowerCase();
  if (hasFramePattern(basename(out))) {
    const problem = framePatternProblem(basename(out));
    if (problem) throw invalidOption('out', out, `${problem}, e.g. --out frames/%04d.png`);
    if (!(formats['png-sequence'].extensions as readonly string[]).includes(ext)) {
      throw invalidOption('out', out, 'a frame sequence of PNG files, e.g. --out frames/%04d.png (video: a single .mp4 or .webm)');
    }
    return 'png-sequence';
  }
  if (basename(out).startsWith('.') && ext === '') {
    throw invalidOption('out', out, 'a file name with an extension, e.g. --out output/loop.mp4');
  }
  const format = formatOfExtension(ext, 'animation');
  if (!format) {
    const endings = extensionsOf('animation')
      .map((e) => `.${e}`)
      .join(' or ');
    throw invalidOption(
      'out',
      out,
      `a file ending in ${endings}, or a PNG frame pattern such as frames/%04d.png, e.g. --out output/loop.mp4`,
    );
  }
  return format;
}

/** The format of a still's or contact sheet's --out. */
export function parsePictureOut(out: string): FormatName {
  const format = formatOfExtension(extname(out).slice(1), 'picture');
  if (!format) {
    const endings = extensionsOf('picture').map((e) => `.${e}`);
    throw invalidOption(
      'out',
      out,
      `an image file ending in ${endings.slice(0, -1).join(', ')} or ${endings.at(-1)}, e.g. --out output/still.png`,
    );
  }
  return format;
}
