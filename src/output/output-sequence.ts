import { readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.ts';
import { frameFileName, frameNumberOf } from './frame-pattern.ts';
import { type PendingFile, probeWritable, trackTemporary } from './output-file.ts';
import { temporaryName } from './temporary-name.ts';

/**
 * A frame sequence (`frames/%04d.png`) written into a temporary folder and moved into place only
 * when every frame is there, so a failed or interrupted render leaves no partial sequence.
 * - The folder does not exist yet: frames go to a hidden folder beside it, renamed onto it at the end
 *   (one atomic step).
 * - The folder exists: frames go to a hidden folder inside it and are moved out one by one at the
 *   end; any frame that would be replaced is refused up front unless `force`.
 * `tempPath` is the pattern inside the temporary folder, for the encoder, which creates the folder (so a
 * render that fails before its encoder exists leaves nothing behind). A folder that cannot be written is
 * refused here, before any frame is rendered.
 */
export async function prepareSequenceOutput(pattern: string, { force, frames }: { force: boolean; frames: number }): Promise<PendingFile> {
  const folder = dirname(pattern);
  const name = basename(pattern);
  const folderStat = await stat(folder).catch(() => undefined);
  if (folderStat && !folderStat.isDirectory()) {
    throw new UsageError(
      `Invalid --out ${JSON.stringify(pattern)}: ${JSON.stringify(folder)} is a file, not a folder; choose another --out`,
    );
  }

  if (!folderStat) {
    const parent = dirname(folder);
    if (!(await stat(parent).catch(() => undefined))?.isDirectory()) {
      throw new UsageError(
        `Invalid --out ${JSON.stringify(pattern)}: the folder ${JSON.stringify(parent)} does not exist; create it first or choose another --out`,
      );
    }
    const temp = join(parent, temporaryName(basename(folder)));
    await probeWritable(temp);
    const untrack = trackTemporary(temp);
    return {
      target: pattern,
      tempPath: join(temp, name),
      async commit() {
        // Fails (and keeps nothing) if something created the folder meanwhile: nothing is overwritten unasked.
        await rename(temp, folder);
        untrack();
      },
      async discard() {
        await rm(temp, { recursive: true, force: true });
        untrack();
      },
    };
  }

  const names = Array.from({ length: frames }, (_, n) => frameFileName(name, n + 1));
  if (!force) {
    const existing = new Set(await readdir(folder));
    const clash = names.find((file) => existing.has(file));
    if (clash) {
      throw new UsageError(
        `Output ${JSON.stringify(join(folder, clash))} already exists: add --force to replace the frames, or choose another --out`,
      );
    }
  }
  const temp = join(folder, temporaryName('frames'));
  await probeWritable(temp);
  const untrack = trackTemporary(temp);
  return {
    target: pattern,
    tempPath: join(temp, name),
    async commit() {
      for (const file of names) await rename(join(temp, file), join(folder, file));
      await rmdir(temp);
      untrack();
      // Replacing (--force) a longer sequence: its frames past the new end would otherwise be mixed in.
      for (const file of await readdir(folder)) {
        const number = frameNumberOf(name, file);
        if (number !== undefined && number > frames) await rm(join(folder, file), { force: true });
      }
    },
    async discard() {
      await rm(temp, { recursive: true, force: true });
      untrack();
    },
  };
}
