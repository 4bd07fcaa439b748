import { randomBytes } from 'node:crypto';

/**
 * A hidden name, unique to this process and call, for a file or folder being written: `.NAME.PID-RAND.zsweep-tmp`
 * then `ext`. Kept beside its target so the final rename is atomic; the extension stays last so that
 * tools which read it (ffmpeg) see the real format. Every such name ends in `.zsweep-tmp` (before `ext`),
 * so a leftover is easy to recognise and ignore.
 */
export function temporaryName(name: string, ext = ''): string {
  return `.${name}.${process.pid}-${randomBytes(4).toString('hex')}.zsweep-tmp${ext}`;
}
