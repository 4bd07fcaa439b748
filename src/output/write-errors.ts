import { FfmpegFailed, UsageError, WriteFailed } from '../errors.ts';

/** What each filesystem refusal means, and what to do about it. */
const reasons: Record<string, string> = {
  ENOSPC: 'no space left on the device; free some space',
  EDQUOT: 'the disk quota is used up; free some space',
  EROFS: 'the filesystem is read-only; choose a writable folder',
  EACCES: 'permission denied; choose a folder you may write to',
  EPERM: 'operation not permitted; choose a folder you may write to',
  ENOTDIR: 'a part of the path is a file, not a folder; choose another path',
  EEXIST: 'a file of that name is in the way of a folder; move it or choose another path',
  ENAMETOOLONG: 'the name is too long for the filesystem; choose a shorter one',
  ENOENT: 'the folder cannot hold new files; choose another path',
};

/**
 * The one line for a filesystem error, or undefined when it is not one of the refusals above. `where`
 * names what the user knows (the folder) in place of the file the error names (a temporary file).
 */
export function describeWriteError(error: unknown, where?: string): string | undefined {
  const { path } = (error ?? {}) as NodeJS.ErrnoException;
  const code = codeOf(error);
  const reason = code === undefined ? undefined : reasons[code];
  if (!reason) return undefined;
  const what = where ?? path;
  return `Cannot write${what ? ` ${JSON.stringify(what)}` : ''}: ${reason} (${code})`;
}

/** ffmpeg says a refused write in the system's words, among its last lines: the refusals it can only mean. */
const ffmpegWords: Record<string, string> = {
  'No space left on device': 'ENOSPC',
  'Disk quota exceeded': 'EDQUOT',
  'Read-only file system': 'EROFS',
};

function codeOf(error: unknown): string | undefined {
  const { code } = (error ?? {}) as NodeJS.ErrnoException;
  if (code !== undefined || !(error instanceof FfmpegFailed)) return code;
  return Object.entries(ffmpegWords).find(([words]) => error.message.includes(words))?.[1];
}

/** Before anything is rendered: a refusal is the user's to fix (exit 2). */
export function asUsageError(error: unknown, path?: string): unknown {
  const message = describeWriteError(error, path);
  return message ? new UsageError(message) : error;
}

/** Mid-render: a refusal is a fault of the machine (exit 1), not a bug. */
export function asWriteFailed(error: unknown, path?: string): unknown {
  const message = describeWriteError(error, path);
  return message ? new WriteFailed(message) : error;
}
