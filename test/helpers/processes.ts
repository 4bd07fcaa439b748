import { readdirSync, readFileSync } from 'node:fs';

/** The processes whose parent is `pid` (Linux's /proc). */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // The parent is the field after the state, which follows the parenthesised name.
        return Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The ffmpeg processes `pid` started. */
export const ffmpegsOf = (pid: number) =>
  childrenOf(pid).filter((child) => {
    try {
      return /ffmpeg/.test(readFileSync(`/proc/${child}/cmdline`, 'latin1'));
    } catch {
      return false;
    }
  });

/** Whether `pid` still runs (a zombie no longer writes anything). */
export const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};
