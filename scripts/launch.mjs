#!/usr/bin/env node
// Runs one of the project's commands (`node scripts/launch.mjs cli --no-pdf`) from a compiled copy of
// its TypeScript: compiling the scripts on every start (tsx) costs a build about half a second. The copy
// is made with esbuild (the compiler tsx runs on) into node_modules/.cache/course-decks/bin/KEY/, where
// KEY is the hash of every file it was compiled from (path and content), of package-lock.json and of
// this launcher, so an edited script is compiled again on the next start and a stale copy never runs. Packages stay in
// node_modules (imported, not bundled: with the build's packages bundled in, 12 cold builds in turn
// with these took 1.05× the time); code loaded only for PDFs stays in a chunk of its own.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import console from 'node:console';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { setFlagsFromString } from 'node:v8';

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN_DIR = join(PROJECT_DIR, 'node_modules', '.cache', 'course-decks', 'bin');
/** The commands, by the name given on the command line: each a script of scripts/. */
const COMMANDS = ['cli', 'start', 'verify-cli', 'bench', 'screenshots'];
const INPUTS_FILE = 'inputs.json';
const DAY = 24 * 60 * 60 * 1000;
const CONFIG_URL = pathToFileURL(join(PROJECT_DIR, 'marp.config.mjs')).href;

/** The key of a compiled copy: what it was compiled from, as the file system says it is now. */
function keyOf(inputs) {
  // The launcher's own source too: how it compiles (its esbuild options) decides a copy as much as
  // what it compiles.
  const hash = createHash('sha256').update(PROJECT_DIR).update(readFileSync(fileURLToPath(import.meta.url)));
  for (const input of inputs) {
    const path = join(PROJECT_DIR, input);
    hash.update(`\n${input}\n`).update(existsSync(path) ? readFileSync(path) : 'missing');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The newest compiled copy whose inputs have not changed since, if any. */
function currentCopy() {
  const pointer = join(BIN_DIR, 'current.json');
  if (!existsSync(pointer)) return undefined;
  try {
    const { key, inputs } = JSON.parse(readFileSync(pointer, 'utf8'));
    return keyOf(inputs) === key && existsSync(join(BIN_DIR, key)) ? join(BIN_DIR, key) : undefined;
  } catch {
    return undefined;
  }
}

async function compile() {
  const { build } = await import('esbuild');
  const staging = join(BIN_DIR, `.staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: COMMANDS.map((name) => join(PROJECT_DIR, 'scripts', `${name}.ts`)),
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Named functions keep their names: Playwright ships some of them into pages, by source.
    keepNames: true,
    metafile: true,
    logLevel: 'error',
    define: {
      COURSE_DECKS_PROJECT_DIR: JSON.stringify(PROJECT_DIR),
      // Marp's HTML allowlist, for the notes stage (scripts/notes/raw-html.ts): read here once, so that a
      // build need not load marp-core for it. package-lock.json is an input: another marp-core compiles anew.
      COURSE_DECKS_MARP_HTML: JSON.stringify(Object.keys(createRequire(join(PROJECT_DIR, 'package.json'))('@marp-team/marp-core').Marp.html)),
    },
    // The Marp config stays the project's own file: marp-cli loads it too, and it finds its caches
    // beside itself.
    plugins: [{ name: 'marp-config', setup: (build) => build.onResolve({ filter: /marp\.config\.mjs$/ }, () => ({ path: CONFIG_URL, external: true })) }],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => relative(PROJECT_DIR, resolve(input)))
    .filter((input) => !input.startsWith('node_modules'))
    .concat('package-lock.json')
    .sort();
  const key = keyOf(inputs);
  await writeFile(join(staging, INPUTS_FILE), JSON.stringify(inputs));
  const copy = join(BIN_DIR, key);
  // Another start may have compiled the same copy meanwhile: either one is right.
  await rename(staging, copy).catch(() => rm(staging, { recursive: true, force: true }));
  const pointer = join(BIN_DIR, `.current-${process.pid}.json`);
  await writeFile(pointer, JSON.stringify({ key, inputs }));
  await rename(pointer, join(BIN_DIR, 'current.json'));
  // Copies not used for a day go: a command still running from one (`npm start`) may yet load a part
  // of it (the PDF code, marp-cli's), so a fresh one stays.
  for (const entry of await readdir(BIN_DIR)) {
    if (entry === key || !/^[0-9a-f]{16}$/.test(entry)) continue;
    const { mtimeMs } = await stat(join(BIN_DIR, entry)).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > DAY) await rm(join(BIN_DIR, entry), { recursive: true, force: true });
  }
  return copy;
}

/**
 * V8 compiles a function with its optimising compiler (TurboFan, in background threads) once it has run
 * about 66 KB of bytecode (`--interrupt-budget`), a threshold made for pages that run for minutes. A
 * command's first seconds run mostly code that runs a few times: module bodies, set-up, one notes page's
 * parse. In a cold HTML-only build of the course those compiles took ~0.6 s of CPU, on 2 cores taken from
 * Chromium and from this thread. For the first 1.5 s of a command a function is optimised only after 18
 * times that; then V8's own threshold holds again, so a long build and `npm start` are optimised as
 * usual. Measured on Node 20's V8 (11.3, whose threshold this restores); another V8 keeps its own.
 */
function optimiseLaterAtStart() {
  if (!process.versions.v8.startsWith('11.3.')) return;
  setFlagsFromString('--interrupt-budget=1200000');
  setTimeout(() => setFlagsFromString('--interrupt-budget=67584'), 1500).unref();
}

const [command, ...args] = process.argv.slice(2);
if (!COMMANDS.includes(command)) {
  console.error(`usage: node scripts/launch.mjs ${COMMANDS.join('|')} [arguments]`);
  process.exit(2);
}
optimiseLaterAtStart();
await mkdir(BIN_DIR, { recursive: true });
const current = currentCopy();
// A copy in use is touched, so pruning (above) knows it is.
if (current) await utimes(current, new Date(), new Date()).catch(() => undefined);
const copy = current ?? (await compile());
// The command reads its arguments from process.argv, as when it is run by tsx.
process.argv = [process.argv[0], join(PROJECT_DIR, 'scripts', `${command}.ts`), ...args];
await import(pathToFileURL(join(copy, `${command}.js`)).href);
