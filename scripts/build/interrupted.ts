// Ctrl+C, SIGTERM or SIGHUP at any moment of a command: its Chromium ends, its profile and staging
// folders go, its locks are given back, and it exits with the signal's status (endOnSignals).
// Synchronous (but for a Chromium still starting), since the process ends right after.
import { endChromiumsNow, launchesSettled } from '../browser/chromium.ts';
import { endOnSignals } from '../processes.ts';
import { releaseLocksNow } from './lock.ts';
import { discardStagedNow } from './publish.ts';

export function cleanUpOnSignals(before: () => void = () => undefined): void {
  endOnSignals(async () => {
    before();
    endChromiumsNow();
    discardStagedNow();
    releaseLocksNow();
    // A Chromium still starting is ended once it has started (its profile goes with it).
    await launchesSettled();
    endChromiumsNow();
  });
}
