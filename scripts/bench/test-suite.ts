// `npm test`'s wall time. It runs in a copy of the project (node_modules linked, not copied), on a port
// of its own, so it neither rewrites the repository's slides/ and dist/ nor collides with a suite
// someone else runs here at the same time.
import { cp, readFile, symlink } from 'node:fs/promises';
import { stripVTControlCharacters } from 'node:util';
import { join, relative } from 'node:path';
import { freshDir, PROJECT_DIR, runCollecting, type BenchContext } from './commands.ts';
import { freePort } from './live.ts';
import { median } from './runs.ts';
import type { Row } from './table.ts';

/** What the copy leaves out: dependencies (linked instead), history, and what builds and tests write. */
const LEFT_OUT = new Set(['node_modules', '.git', 'dist', 'test-results', 'playwright-report', '.cache', 'bench']);

async function copyProject(context: BenchContext): Promise<string> {
  const dir = await freshDir(context, 'project');
  await cp(PROJECT_DIR, dir, {
    recursive: true,
    filter: (source) => {
      const top = relative(PROJECT_DIR, source).split(/[\\/]/)[0] ?? '';
      return !LEFT_OUT.has(top) && !/^\.(slides|dist)\.(staging|old)-/.test(top);
    },
  });
  await symlink(join(PROJECT_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** One `npm test`: its milliseconds and the summary line of the Playwright run (`212 passed`). */
async function runSuite(dir: string, port: number): Promise<{ ms: number; summary: string; failures: string[]; code: number | null }> {
  const { code, ms, output } = await runCollecting('npm', ['test'], { cwd: dir, env: { ...process.env, TEST_PORT: String(port) } }, 20_000);
  const counts = [...output.matchAll(/^\s*(\d+) (passed|failed|flaky|skipped)\b/gm)].map((m) => `${m[1]} ${m[2]}`);
  // Playwright's list reporter names each failed test in its summary: `  1) [decks] › tests/….spec.ts:12:3 › name`.
  const failures = [...new Set([...output.matchAll(/^\s+\d+\) (\[\w+\] › .*)$/gm)].map((m) => m[1]!.trim()))];
  return { ms, code, failures, summary: counts.length > 0 ? counts.join(', ') : `exit ${code}` };
}

interface Suite {
  specs?: { file: string; line: number; title: string; tests: { results: { duration: number; status: string; error?: { message?: string } }[] }[] }[];
  suites?: Suite[];
}

/** Each failed test of the last run with the start of its error, from Playwright's JSON report: a failure seen only here can be told. */
async function failureDetails(dir: string): Promise<string[]> {
  const report = JSON.parse(await readFile(join(dir, 'test-results', 'results.json'), 'utf8').catch(() => '{}')) as { suites?: Suite[] };
  const found: string[] = [];
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        for (const result of test.results) {
          if (result.status === 'passed') continue;
          const message = stripVTControlCharacters(result.error?.message ?? result.status).split('\n').slice(0, 12).join('\n      ');
          found.push(`${spec.file}:${spec.line} ${spec.title}\n      ${message}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return found;
}

/** The spec files that took longest, from Playwright's JSON report (summed test time, not wall time: two workers run at once). */
async function slowestFiles(dir: string): Promise<string> {
  const report = JSON.parse(await readFile(join(dir, 'test-results', 'results.json'), 'utf8').catch(() => '{}')) as { suites?: Suite[] };
  const byFile = new Map<string, number>();
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) for (const test of spec.tests) for (const result of test.results) byFile.set(spec.file, (byFile.get(spec.file) ?? 0) + result.duration / 1000);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([file, s]) => `${file} ${s.toFixed(0)} s`).join(', ');
}

export async function measureTestSuite(context: BenchContext, runs: number): Promise<Row[]> {
  const dir = await copyProject(context);
  const port = await freePort();
  const samples: number[] = [];
  const summaries: string[] = [];
  const failures = new Set<string>();
  for (let run = 0; run < runs; run++) {
    context.progress(`test: npm test in a copy of the project, run ${run + 1}/${runs}`);
    const { ms, summary, failures: failed } = await runSuite(dir, port);
    for (const failure of failed) failures.add(failure);
    samples.push(ms / 1000);
    summaries.push(summary);
    context.progress(`  ${(ms / 1000).toFixed(1)} s: ${summary}`);
    for (const failure of failed) context.progress(`    failed: ${failure}`);
    if (failed.length > 0) for (const detail of await failureDetails(dir)) context.progress(`    ${detail}`);
  }
  const slowest = await slowestFiles(dir);
  const details = [...(failures.size > 0 ? [`failed: ${[...failures].join('; ')}`] : []), ...(slowest ? [`slowest spec files (test time, last run): ${slowest}`] : [])];
  return [{ family: 'test', label: 'npm test, wall time', unit: 's', value: median(samples), samples, target: 90, note: `${runs === 1 ? '1 run' : `median of ${runs}`}; ${summaries.at(-1)}`, ...(details.length > 0 ? { detail: details.join('. ') } : {}) }];
}
