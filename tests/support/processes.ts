// The processes of this machine, as the tests that check what a command leaves behind look them up.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Processes whose command line names `text` (Linux's /proc: where there is none, the look-up fails
 * rather than finding nothing). A test shows it finds a process of its own before trusting it to find none.
 */
export function processesNaming(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return commandLine.includes(text) ? [commandLine] : [];
      } catch {
        return [];
      }
    });
}
