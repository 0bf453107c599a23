// Ctrl+C, SIGTERM or SIGHUP at any moment of a command: its Chromium ends, its profile and staging
// folders go, its locks are given back, and it exits with the signal's status. Synchronous (but for a
// Chromium still starting), since the process ends right after.
import { endChromiumsNow, launchesSettled } from '../browser/chromium.ts';
import { releaseLocksNow } from './lock.ts';
import { discardStagedNow } from './publish.ts';

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export function cleanUpOnSignals(before: () => void = () => undefined): void {
  for (const [signal, status] of Object.entries(SIGNALS)) {
    process.once(signal, () => {
      // From here the command ends with the signal's status: an error of what is being ended (the pipe
      // to a Chromium just killed, a call it no longer answers) is not a failure of its own that would
      // end the process first with status 1.
      const ending = (error: unknown) => void error;
      process.on('uncaughtException', ending);
      process.on('unhandledRejection', ending);
      before();
      endChromiumsNow();
      discardStagedNow();
      releaseLocksNow();
      // A Chromium still starting is ended once it has started (its profile goes with it).
      void launchesSettled().then(() => {
        endChromiumsNow();
        process.exit(status);
      });
    });
  }
}
