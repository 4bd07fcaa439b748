import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from './usage-error.ts';
import { asUsageError } from './write-failed.ts';

/** A file being written under a temporary name beside its target, so the target is never half written. */
export interface PendingFile {
  readonly target: string;
  readonly tempPath: string;
  /** Renames the finished file onto the target. */
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
 * temporary file in the same folder, so the final rename is atomic.
 */
export async function prepareOutput(target: string, { force }: { force: boolean }): Promise<PendingFile> {
  const folder = dirname(target);
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat?.isDirectory()) {
    throw new UsageError(`Invalid --out ${JSON.stringify(target)}: the folder ${JSON.stringify(folder)} does not exist; create it first or choose another --out`);
  }
  const targetStat = await stat(target).catch(() => undefined);
  if (targetStat?.isDirectory()) {
    throw new UsageError(`Invalid --out ${JSON.stringify(target)}: that is a folder; give a file name such as ${join(target, 'loop.gif')}`);
  }
  if (targetStat && !force) {
    throw new UsageError(`Output ${JSON.stringify(target)} already exists: add --force to replace it, or choose another --out`);
  }
  // The extension stays last so that tools which read it (ffmpeg) see the real format.
  const ext = extname(target);
  const tempPath = join(folder, `.${basename(target, ext)}.${process.pid}-${randomBytes(4).toString('hex')}.zsweep-tmp${ext}`);
  await probeWritable(tempPath);
  live.add(tempPath);
  return {
    target,
    tempPath,
    async commit() {
      await rename(tempPath, target);
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

/** For an exit that cannot wait (a second Ctrl-C): removes every temporary file still open. */
export function discardAllSync(): void {
  for (const path of live) rmSync(path, { force: true, recursive: true });
  live.clear();
}

/** The first of `base.ext`, `base-2.ext`, `base-3.ext`, … that does not exist yet. */
export async function freshPath(folder: string, base: string, ext: string): Promise<string> {
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`);
    const exists = await access(path).then(() => true, () => false);
    if (!exists) return path;
  }
}
