import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A page that sends the browser on to the studio's URL, in a folder only this user can read: the
 * browser is opened on this file, so the token never appears in a command line that `ps` shows to
 * other users (Jupyter does the same). `remove` deletes it when the studio stops.
 */
export async function writeLauncherFile(url: string): Promise<{ path: string; remove(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'zsweep-studio-open-'));
  await chmod(folder, 0o700);
  const path = join(folder, 'open-studio.html');
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  await writeFile(
    path,
    `<!doctype html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0;url=${href}">\n<title>zsweep studio</title>\n<a href="${href}">Open the zsweep studio</a>\n`,
    { mode: 0o600 },
  );
  return { path, remove: () => rm(folder, { recursive: true, force: true }) };
}
