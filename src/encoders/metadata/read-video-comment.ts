import { ffmpegPreamble } from '../ffmpeg/ffmpeg-args.ts';
import { runFfmpeg } from '../ffmpeg/ffmpeg-process.ts';

/**
 * The `comment` tag of a video file (where zsweep keeps the recipe), read with the same ffmpeg that
 * writes it, so reading needs nothing more: `ffmpeg -i FILE -f ffmetadata -` prints the file's tags.
 * MP4 keeps it in the ©cmt atom, WebM in a COMMENT tag; both come back here. Undefined when absent.
 */
export async function readVideoComment(path: string, ffmpegPath: string, signal?: AbortSignal): Promise<string | undefined> {
  // The tags of a zsweep file are a recipe or a sheet's: a few MiB at most is plenty to hold.
  const { stdout } = await runFfmpeg(ffmpegPath, [...ffmpegPreamble, '-i', `file:${path}`, '-f', 'ffmetadata', '-'], {
    maxBuffer: 4 * 1024 * 1024,
    signal,
  });
  const tags = parseFfmetadata(stdout.toString('utf8'));
  return tags.comment;
}

/**
 * The global tags of ffmpeg's metadata format, keys in lower case (Matroska writes COMMENT).
 * In it `=`, `;`, `#`, `\` and newlines inside keys and values are escaped with a backslash; lines
 * starting with `;` or `#` are comments; a `[SECTION]` line ends the global tags.
 */
export function parseFfmetadata(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  let key = '';
  let value = '';
  let inValue = false;
  let lineStart = true;
  const store = () => {
    if (inValue && key !== '') tags[key.toLowerCase()] ??= value;
    key = '';
    value = '';
    inValue = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart) {
      lineStart = false;
      if (c === ';' || c === '#') {
        const end = text.indexOf('\n', i);
        if (end < 0) break;
        i = end;
        lineStart = true;
        continue;
      }
      if (c === '[') break;
    }
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i];
      if (inValue) value += next;
      else key += next;
    } else if (c === '\n') {
      store();
      lineStart = true;
    } else if (c === '=' && !inValue) {
      inValue = true;
    } else if (inValue) {
      value += c;
    } else {
      key += c;
    }
  }
  store();
  return tags;
}
