import { rmSync } from 'node:fs';
import { access, link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from '../errors.ts';
import { temporaryName } from './temporary-name.ts';
import { asUsageError } from './write-errors.ts';

/** A file being written under a temporary name beside its target, so the target is never half written. */
export interface PendingFile {
  /** Where the file goes; for a fresh default name, the name it finally got (see `fresh`). */
  readonly target: string;
  readonly tempPath: string;
  /**
   * Moves the finished file onto the target. Without `force` it never replaces a file, not even one
   * that appeared while rendering (another render of the same seed, say): a fresh name then takes the
   * next free name, and an explicit one is refused, the render kept under the temporary name.
   */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is untouched. */
  discard(): Promise<void>;
}

// Temporary files (and folders, for frame sequences) still open, for a last synchronous clean-up when
// the process is forced to exit.
const live = new Set<string>();

/** Registers a temporary file or folder for `discardAllSync`; returns the function that unregisters it. */
export function trackTemporary(path: string): () => void {
  live.add(path);
  return () => live.delete(path);
}

/**
 * Checks that the target may be written (refusing an existing file unless `force`) and names a
 * temporary file in the same folder, so the final rename is atomic. `option` names the option the
 * path came from, for messages; `fresh` marks a name zsweep chose, which may move on to the next free one.
 */
export async function prepareOutput(
  target: string,
  { force, option = 'out', fresh = false }: { force: boolean; option?: string; fresh?: boolean },
): Promise<PendingFile> {
  const folder = dirname(target);
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat?.isDirectory()) {
    const problem = folderStat ? 'is a file, not a folder' : 'does not exist; create it first';
    throw new UsageError(
      `Invalid --${option} ${JSON.stringify(target)}: the folder ${JSON.stringify(folder)} ${problem}, or choose another --${option}`,
    );
  }
  const targetStat = await stat(target).catch((error: NodeJS.ErrnoException) => {
    // Absent is the usual case; anything else (a name too long for the filesystem) is said now, not after rendering.
    if (error.code === 'ENOENT') return undefined;
    throw asUsageError(error, target);
  });
  if (targetStat?.isDirectory()) {
    throw new UsageError(
      `Invalid --${option} ${JSON.stringify(target)}: that is a folder; give a file name in it, such as ${join(target, `loop${extname(target) || '.mp4'}`)}`,
    );
  }
  if (targetStat && !force) {
    throw new UsageError(`Output ${JSON.stringify(target)} already exists: add --force to replace it, or choose another --${option}`);
  }
  // The name is cut short so that the temporary name fits wherever the target's does.
  const ext = extname(target);
  const tempPath = join(folder, temporaryName(basename(target, ext).slice(0, 64), ext));
  await probeWritable(tempPath);
  live.add(tempPath);
  let finalTarget = target;
  return {
    get target() {
      return finalTarget;
    },
    tempPath,
    async commit() {
      if (force) {
        await rename(tempPath, finalTarget);
      } else {
        for (let n = 2; !(await moveIfAbsent(tempPath, finalTarget)); n++) {
          if (!fresh) {
            live.delete(tempPath);
            throw new UsageError(
              `Output ${JSON.stringify(target)} appeared while rendering, and is left as it was; the render is kept as ${JSON.stringify(tempPath)} (rename it, or render again with --force)`,
            );
          }
          finalTarget = join(folder, `${basename(target, ext)}-${n}${ext}`);
        }
      }
      live.delete(tempPath);
    },
    async discard() {
      await rm(tempPath, { force: true });
      live.delete(tempPath);
    },
  };
}

/**
 * Creates and removes the temporary file once, so that a read-only or full folder is refused before
 * any frame is rendered, not after an hour of rendering. (ffmpeg then creates the file afresh.)
 */
export async function probeWritable(path: string): Promise<void> {
  try {
    await (await open(path, 'wx')).close();
    await rm(path, { force: true });
  } catch (error) {
    await rm(path, { force: true }).catch(() => {});
    throw asUsageError(error, dirname(path));
  }
}

/**
 * Moves `from` to `to` unless `to` exists, atomically where the filesystem has hard links (a link
 * fails when its name is taken; a rename would replace). Returns false when `to` exists.
 */
async function moveIfAbsent(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    // No hard links here (FAT, some network filesystems): check, then rename.
    if (
      await access(to).then(
        () => true,
        () => false,
      )
    )
      return false;
    await rename(from, to);
    return true;
  }
  await rm(from, { force: true });
  return true;
}

/** For an exit that cannot wait (a second Ctrl-C): removes every temporary file still open. */
export function discardAllSync(): void {
  for (const path of live) rmSync(path, { force: true, recursive: true });
  live.clear();
}

/** The folder that renders without a path go to, unless the caller names another. */
export const defaultOutputFolder = 'output';

/**
 * A fresh name in `folder` (made if missing) for a render that was given no path: `NAME.ext`, or
 * `NAME-2.ext` and so on if taken, so that repeating `zsweep --seed 42` just works. Characters a
 * file name should not hold (from a text seed) become `_`.
 */
export async function defaultTarget(folder: string, name: string, ext: string): Promise<string> {
  await mkdir(folder, { recursive: true }).catch((error) => {
    throw asUsageError(error, folder);
  });
  return freshPath(folder, safeFileName(name), ext);
}

/** `name` with anything but letters, digits, `.`, `_` and `-` made `_`: a seed of any text names a file safely. */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_');
}

/** The first of `base.ext`, `base-2.ext`, `base-3.ext`, … that does not exist yet. */
export async function freshPath(folder: string, base: string, ext: string): Promise<string> {
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (!exists) return path;
  }
}
