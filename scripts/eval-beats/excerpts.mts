/**
 * The real music of the beat evaluation: 30-second excerpts of game soundtracks packaged by Debian (full
 * mixes, real instruments, Ogg Vorbis). Nothing of them is kept in git: the packages are fetched with
 * `apt-get download`, unpacked with `dpkg-deb -x`, and the excerpts cut with ffmpeg into the cache folder,
 * once. A machine without apt-get, dpkg-deb or the Debian mirror cannot make them: the caller is told why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Excerpt {
  /** A short name for the table. */
  readonly id: string;
  readonly pkg: 'wesnoth-1.16-music' | 'hyperrogue-music' | 'drascula-music';
  /** The file within the unpacked package. */
  readonly file: string;
  readonly startSeconds: number;
  /** What we hear in it, for the reader of the table. */
  readonly style: string;
}

const wesnoth = 'usr/share/games/wesnoth/1.16/data/core/music';
const hyperrogue = 'usr/share/hyperrogue/music';
const drascula = 'usr/share/scummvm/drascula/audio';

export const excerptSeconds = 30;

export const excerpts: readonly Excerpt[] = [
  { id: 'wes-battle', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/battle.ogg`, startSeconds: 60, style: 'orchestral, drums' },
];

/** What the caller needs to know when the material cannot be made here, or undefined when it is ready. */
export function prepareExcerpts(folder: string, ffmpeg: string): string | undefined {
  mkdirSync(folder, { recursive: true });
  const missing = excerpts.filter((e) => !existsSync(wavOf(folder, e)));
  if (missing.length === 0) return undefined;
  const unpacked = join(folder, 'packages');
  for (const pkg of new Set(missing.map((e) => e.pkg))) {
    if (existsSync(join(unpacked, pkg))) continue;
    try {
      execFileSync('apt-get', ['download', pkg], { cwd: folder, stdio: 'pipe' });
      const deb = readdirSync(folder).find((name) => name.startsWith(`${pkg}_`) && name.endsWith('.deb'));
      if (!deb) return `apt-get download ${pkg} left no .deb in ${folder}`;
      execFileSync('dpkg-deb', ['-x', join(folder, deb), join(unpacked, pkg)], { stdio: 'pipe' });
    } catch (error) {
      const said = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(error);
      return `could not fetch the Debian package ${pkg} (${said}); on Debian or Ubuntu run \`apt-get update\` once, as root, with network`;
    }
  }
  for (const excerpt of missing) {
    const source = join(unpacked, excerpt.pkg, excerpt.file);
    if (!existsSync(source)) return `${excerpt.pkg} has no ${excerpt.file}: a different version of the package?`;
    // Mono 44.1 kHz 16-bit: what the reference tracker reads; zsweep decodes the same file with its own ffmpeg.
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-y',
      '-ss',
      String(excerpt.startSeconds),
      '-t',
      String(excerptSeconds),
      '-i',
      source,
      '-ac',
      '1',
      '-ar',
      '44100',
      '-c:a',
      'pcm_s16le',
      wavOf(folder, excerpt),
    ]);
  }
  return undefined;
}

export const wavOf = (folder: string, excerpt: Excerpt): string => join(folder, `${excerpt.id}.wav`);
