// The arguments of the project's commands: a wrong call prints the usage and exits 2; --help prints it.

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
