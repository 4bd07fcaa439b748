import { type ChildProcess, spawn } from 'node:child_process';
import { cliPath, ffmpegPath, repoRoot } from '../helpers.ts';

const children = new Set<ChildProcess>();
// A test file that crashes or fails must not leave its servers running.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * `command args…` started, and its first line of stdout (a server's URL). Fails, and kills the process,
 * when it exits first or has printed no line within `timeoutMs`; the message carries its stderr.
 */
export function spawnUntilLine(
  command: string,
  args: readonly string[],
  { timeoutMs, env = process.env }: { timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${[command, ...args].join(' ')}: ${why}${stderr ? `; its stderr: ${stderr.trim().slice(-2000)}` : ''}`));
    };
    const timer = setTimeout(() => fail(`printed no line within ${timeoutMs / 1000} s`), timeoutMs);
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve({ child, line: stdout.slice(0, end).trim() });
      }
    });
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code, signal) => fail(`exited with ${code ?? signal} before printing a line`));
  });
}

/** `zsweep studio --no-open` as a user starts it, and the URL it prints first (within `timeoutMs`). */
export async function spawnStudio(
  outFolder: string,
  { timeoutMs = 120_000, args = [], env = {} }: { timeoutMs?: number; args?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const { child, line } = await spawnUntilLine(process.execPath, [cliPath, 'studio', '--no-open', '--out', outFolder, ...args], {
    timeoutMs,
    env: { ...process.env, FFMPEG_PATH: ffmpegPath, ...env },
  });
  return { child, url: line };
}
