// The arguments of the project's commands: a wrong call prints the usage and exits 2; --help prints it.

/** The folders of a course, as `npm run build` and `npm start` take them. */
export const COURSE_FOLDER_OPTIONS = {
  notes: { type: 'string', default: 'notes' },
  pict: { type: 'string', default: 'pict' },
  slides: { type: 'string', default: 'slides' },
  out: { type: 'string', default: 'dist' },
} as const;

export type Arguments<T> = { values: T } | { exit: number };

export function readArguments<T extends { help?: boolean | undefined }>(parse: () => T, usage: string): Arguments<T> {
  let values: T;
  try {
    values = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return { exit: 2 };
  }
  if (values.help) {
    console.log(usage);
    return { exit: 0 };
  }
  return { values };
}
