// `npm start`: builds the decks (HTML only), serves them on http://127.0.0.1:PORT with live reload, and
// rebuilds what each save touches: a notes page its deck, a picture the decks that show it, the theme
// every deck. One build session stays open (fonts, theme, diagrams and the fitting browser warm).
import { readdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { watch } from 'chokidar';
import { requireBrowser } from './browser/browser.ts';
import { BuildSession, THEME_FILE } from './build/build.ts';
import { startLiveServer, type LiveServer } from './live/live-server.ts';
import { formatProblem, NotesError, type Problem } from './problems.ts';
import { emptyPlan, isEmptyPlan, planSave, type RebuildPlan, type Save, type WatchedFolders } from './live/saves.ts';
import { COURSE_FOLDER_OPTIONS, readArguments } from './command-line.ts';
import { OutputFolderError } from './build/output-folders.ts';
import { cleanUpOnSignals } from './build/interrupted.ts';

const USAGE = `Usage: npm start -- [--notes DIR] [--pict DIR] [--slides DIR] [--out DIR] [--port N]

  --notes DIR    notes pages and course.json      (default notes/)
  --pict DIR     diagram sources and pictures     (default pict/)
  --slides DIR   generated Marp Markdown          (default slides/)
  --out DIR      HTML decks and index.html        (default dist/)
  --port N       the port on 127.0.0.1            (default $PORT, else 8080)`;

/** Saves this close together are one rebuild (an editor writing a file in more than one go). */
const SETTLE_MS = 20;
/** The problems that stop every deck (the course file), apart from each deck's own. */
const COURSE = '';

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      ...COURSE_FOLDER_OPTIONS,
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function main(argv: string[]): Promise<number> {
  const read = readArguments(() => parse(argv), USAGE);
  if ('exit' in read) return read.exit;
  const { values } = read;
  // Stopping at any moment (Ctrl+C ends `npm start`) leaves no Chromium, profile, staging folder or lock.
  cleanUpOnSignals(() => console.log('Stopped.'));
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port ${values.port} is not a port number\n\n${USAGE}`);
    return 2;
  }

  const options = { notesDir: values.notes, pictDir: values.pict, slidesDir: values.slides, outDir: values.out, pdf: false, strict: false };
  let session: BuildSession;
  try {
    session = await BuildSession.open({ ...options, browserPath: await requireBrowser() });
  } catch (error) {
    console.error(`${error instanceof OutputFolderError ? 'Not started' : 'Build failed'}: ${(error as Error).message}`);
    return 1;
  }
  /** Each failing deck's problem lines (and the course file's), shown in the terminal and over every open page. */
  const failing = new Map<string, string[]>();
  const report = (problems: readonly Problem[]) => problems.map(formatProblem);

  const started = performance.now();
  try {
    const result = await session.buildAll();
    for (const warning of result.warnings) console.warn(formatProblem(warning));
    console.log(`Built ${plural(result.decks.length, 'deck')} into ${values.out}/ in ${((performance.now() - started) / 1000).toFixed(1)} s (HTML only: \`npm run build\` makes the PDFs)`);
  } catch (error) {
    failing.set(COURSE, error instanceof NotesError ? report(error.problems) : [`Build failed: ${(error as Error).message}`]);
    for (const line of failing.get(COURSE)!) console.error(line);
    console.error('The build stopped: serving what was built before. Save a fix to rebuild.');
  }

  let server: LiveServer;
  try {
    server = await startLiveServer(values.out, port);
  } catch (error) {
    console.error(`Cannot serve on 127.0.0.1:${port}: ${(error as Error).message} (choose another with --port or PORT)`);
    await session.close();
    return 1;
  }
  const show = () => server.showProblems([...failing.values()].flat());
  show();
  const pages = (await readdir(values.notes).catch(() => [])).filter((f) => f.endsWith('.md')).sort();
  console.log(`Serving ${values.out}/ on ${server.url}`);
  console.log(`  ${server.url}index.html`);
  for (const page of pages) console.log(`  ${server.url}${page.replace(/\.md$/, '.html')}`);

  const folders: WatchedFolders = { notesDir: values.notes, pictDir: values.pict, themeDir: dirname(THEME_FILE) };
  let plan = emptyPlan();
  /** When the first save of the pending plan came: what a rebuild's time is counted from. */
  let savedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<void> | undefined;

  const rebuild = async (next: RebuildPlan, since: number) => {
    try {
      if (next.theme) await session.reloadTheme();
      const result = await session.rebuild({ all: next.all, pages: next.pages, pictures: next.pictures });
      if (result.all) failing.clear();
      failing.delete(COURSE);
      for (const name of result.tried) failing.delete(name);
      for (const { name, problems } of result.failed) failing.set(name, report(problems));
      for (const warning of result.warnings) console.warn(formatProblem(warning));
      for (const { problems } of result.failed) for (const line of report(problems)) console.error(line);
      server.reload(result.changed);
      const ms = Math.round(performance.now() - since);
      const built = result.decks.map((d) => `${d.name} (${plural(d.slides.length, 'slide')})`).join(', ');
      if (result.decks.length > 0) console.log(`Rebuilt ${built} ${ms} ms after the save${result.changed.length > 0 ? `; reloading ${result.changed.join(', ')}` : ''}`);
      if (result.failed.length > 0) console.error(`Not rebuilt: ${result.failed.map((f) => f.name).join(', ')} — the last good deck stays served`);
    } catch (error) {
      const lines = error instanceof NotesError ? report(error.problems) : [`Build failed: ${(error as Error).message}`];
      failing.set(COURSE, lines);
      for (const line of lines) console.error(line);
    }
    show();
  };

  const run = async () => {
    while (!isEmptyPlan(plan)) {
      const next = plan;
      const since = savedAt;
      plan = emptyPlan();
      await rebuild(next, since);
    }
  };
  // One rebuild at a time: saves during a rebuild wait for it, then go together.
  const kick = () => {
    building ??= run().finally(() => {
      building = undefined;
      if (!isEmptyPlan(plan)) kick();
    });
  };

  const watcher = watch([folders.notesDir, folders.pictDir, folders.themeDir], { ignoreInitial: true, depth: 0 });
  watcher.on('all', (event, path) => {
    if (event !== 'add' && event !== 'change' && event !== 'unlink') return;
    const save: Save = { kind: event, path: resolve(path) };
    const next = planSave(plan, save, folders);
    if (isEmptyPlan(next)) return;
    if (isEmptyPlan(plan)) savedAt = performance.now();
    plan = next;
    clearTimeout(timer);
    timer = setTimeout(kick, SETTLE_MS);
  });
  await new Promise<void>((ready) => watcher.once('ready', ready));
  console.log(`Watching ${values.notes}/, ${values.pict}/ and theme/: save a file to rebuild. Ctrl+C stops.`);

  // Runs until a signal ends the process (see cleanUpOnSignals).
  return new Promise<number>(() => undefined);
}

process.exitCode = await main(process.argv.slice(2));
