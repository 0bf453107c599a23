// What a save in the watched folders asks `npm start` to rebuild. No I/O: paths in, a plan out.
import { basename, dirname, resolve } from 'node:path';
import { COURSE_FILE } from '../notes/course.ts';

/** A file event of the watcher: added, changed or removed. */
export interface Save {
  kind: 'add' | 'change' | 'unlink';
  path: string;
}

export interface WatchedFolders {
  notesDir: string;
  pictDir: string;
  themeDir: string;
}

export interface RebuildPlan {
  /** The theme changed: read it again, and rebuild every deck. */
  theme: boolean;
  /** Every deck: the course file changed, or a page came or went. */
  all: boolean;
  /** Notes pages saved, by name (`statefulsets`). */
  pages: Set<string>;
  /** Picture files saved, by name (`x.dot`): the decks that show them are rebuilt. */
  pictures: Set<string>;
}

export function emptyPlan(): RebuildPlan {
  return { theme: false, all: false, pages: new Set(), pictures: new Set() };
}

export function isEmptyPlan(plan: RebuildPlan): boolean {
  return !plan.theme && !plan.all && plan.pages.size === 0 && plan.pictures.size === 0;
}

/** The plan with one more save in it. Files that are not the course's (editor backups, dot files) change nothing. */
export function planSave(plan: RebuildPlan, save: Save, folders: WatchedFolders): RebuildPlan {
  const name = basename(save.path);
  const folder = resolve(dirname(save.path));
  const next: RebuildPlan = { ...plan, pages: new Set(plan.pages), pictures: new Set(plan.pictures) };
  if (name.startsWith('.') || name.endsWith('~')) return next;
  if (folder === resolve(folders.themeDir) && name.endsWith('.css')) {
    next.theme = true;
    next.all = true;
  } else if (folder === resolve(folders.notesDir) && name === COURSE_FILE) {
    next.all = true;
  } else if (folder === resolve(folders.notesDir) && name.endsWith('.md')) {
    // A page added or removed changes the course's list of pages: BACK links and the index.
    if (save.kind === 'change') next.pages.add(name.slice(0, -3));
    else next.all = true;
  } else if (folder === resolve(folders.pictDir)) {
    next.pictures.add(name);
  }
  return next;
}
