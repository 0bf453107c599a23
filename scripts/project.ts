// Where the project's own files are: the theme, the Marp config, the build's cache.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by scripts/launch.mjs in the compiled copy it runs, which lives elsewhere than scripts/. */
declare const COURSE_DECKS_PROJECT_DIR: string | undefined;

/** The project folder: the folder above scripts/. */
export const PROJECT_DIR = typeof COURSE_DECKS_PROJECT_DIR === 'string' ? COURSE_DECKS_PROJECT_DIR : resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const THEME_FILE = join(PROJECT_DIR, 'theme', 'course.css');
export const CONFIG_FILE = join(PROJECT_DIR, 'marp.config.mjs');
export const SCRIPTS_DIR = join(PROJECT_DIR, 'scripts');
/** `require` from the project folder: a package's CommonJS build, or one loaded only when needed. */
export const requireFromProject = createRequire(join(PROJECT_DIR, 'package.json'));
/** What the build keeps between runs, by content hash: removing it only costs time. */
export const CACHE_DIR = process.env.COURSE_DECKS_CACHE ?? join(PROJECT_DIR, 'node_modules', '.cache', 'course-decks');
