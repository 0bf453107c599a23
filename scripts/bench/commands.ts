// Running the commands the bench times, each as its own process (as a person runs them), without npm's
// own start-up in front of either side of a comparison.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_DIR } from '../project.ts';

export { PROJECT_DIR };
export const MARP = join(PROJECT_DIR, 'node_modules', '.bin', 'marp');
/** `npm run build` without npm: the build command, as package.json runs it. */
export const BUILD = [process.execPath, join(PROJECT_DIR, 'scripts', 'launch.mjs'), 'cli'] as const;
export const MARP_CONFIG = join(PROJECT_DIR, 'marp.config.mjs');

/** What every measurement needs: how many runs, the browser, a scratch folder, a progress line. */
export interface BenchContext {
  /** This bench run's own word (random): what it marks pages with is new to every cache. */
  id: string;
  runs: number;
  /** The build's browser (the headless shell when there is one): stock marp-cli prints with it too. */
  browserPath: string;
  /** The browser the decks' first-slide and keypress times are taken in: the full Chromium a presenter uses. */
  presenterBrowserPath: string;
  /** A temporary folder of this bench run; removed at the end. */
  scratch: string;
  progress: (line: string) => void;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** A finished command: its exit code, its milliseconds from start to exit, and the end of its output. */
export interface Finished {
  code: number | null;
  ms: number;
  output: string;
}

/** Runs a command to its end, keeping the last `keep` characters of what it printed. */
export async function runCollecting(command: string, args: readonly string[], options: RunOptions = {}, keep = 4000): Promise<Finished> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd ?? PROJECT_DIR, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-keep);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', done);
  });
  return { code, ms: performance.now() - started, output };
}

/**
 * Runs a command to its end and returns the milliseconds from its start to its exit. A command that
 * fails stops the measurement with the end of what it printed: a figure of a failed build means nothing.
 */
export async function runTimed(command: string, args: readonly string[], options: RunOptions = {}): Promise<number> {
  const { code, ms, output } = await runCollecting(command, args, options);
  if (code !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${code}:\n${output.trim().split('\n').slice(-12).join('\n')}`);
  return ms;
}

/** A fresh folder under the bench's scratch folder. */
export async function freshDir(context: BenchContext, name: string): Promise<string> {
  return mkdtemp(join(context.scratch, `${name}-`));
}

/** The scratch folder of a bench run. */
export async function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'course-bench-'));
}
