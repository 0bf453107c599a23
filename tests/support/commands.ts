// The project's commands as the tests run them: as `npm run …` starts them (package.json's scripts),
// without npm's own start-up. Every test that starts a command goes through `command`, so how the
// commands are started is written here only.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `cli` is `npm run build`, `start` is `npm start`, `verify-cli` is `npm run verify`. */
export type CommandName = 'cli' | 'start' | 'verify-cli';

const LAUNCH = fileURLToPath(new URL('../../scripts/launch.mjs', import.meta.url));

/** The program and the arguments that run a command. */
export function command(name: CommandName, args: string[]): [program: string, args: string[]] {
  return [process.execPath, [LAUNCH, name, ...args]];
}

/** The commands this worker started that are still running. */
const running = new Set<ChildProcess>();
// A test that times out ends its worker, not the commands it started: each is asked to end (SIGTERM:
// it cleans up after itself), so no build, server or verifier goes on running after the suite.
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/** Starts a command; the caller waits for it, reads its output or stops it. */
export function spawnCommand(name: CommandName, args: string[], options: SpawnOptions = {}): ChildProcess {
  const [program, argv] = command(name, args);
  const child = spawn(program, argv, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export interface Finished {
  /** The exit code (null when a signal ended it). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, with its output. */
export function run(name: CommandName, args: string[], options: SpawnOptions = {}): Promise<Finished> {
  const child = spawnCommand(name, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The arguments that build a course folder into a folder of its own: `out/slides` and `out/dist`. */
export function courseFolder(notes: string, out: string): string[] {
  return ['--notes', notes, '--slides', join(out, 'slides'), '--out', join(out, 'dist')];
}
