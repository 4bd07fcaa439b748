import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../helpers.ts';

/** A tmpfs mounted for one test, or the reason it cannot be (not root, no mount permission in a container). */
function mountTmpfs(options: string): { path: string; unmount: () => void } | string {
  const path = join(tempFolder(), 'mnt');
  mkdirSync(path);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { encoding: 'utf8' });
  if (mounted.status !== 0) return `mount -t tmpfs not permitted here (${(mounted.stderr || mounted.error?.message || '').trim()})`;
  return { path, unmount: () => spawnSync('umount', ['-l', path]) };
}

/** Whether a tmpfs can be mounted here, tried once when the file loads: undefined if so, else why not. */
export const tmpfsProblem = (() => {
  const probe = mountTmpfs('size=64k');
  if (typeof probe === 'string') return probe;
  probe.unmount();
  return undefined;
})();

/** A tmpfs for a test registered with testUnless(tmpfsProblem): mounting can only fail here if the probe above lied. */
export function mounted(options: string): { path: string; unmount: () => void } {
  const mount = mountTmpfs(options);
  if (typeof mount === 'string') throw new Error(mount);
  return mount;
}
