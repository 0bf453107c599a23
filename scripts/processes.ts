// What the commands know of processes: whether one is still running (a lock's holder, a killed build's
// Chromium profile), and how their own ends on a signal.

/** Whether process `pid` runs: signal 0 checks without sending; EPERM means it runs as another user. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Ctrl+C, SIGTERM or SIGHUP: `cleanUp` runs, then the process exits with the signal's status. From the
 * signal on, an error of what is being ended (the pipe to a Chromium just killed, a page whose browser
 * closes) is not a failure of its own that would end the process first, with status 1.
 */
export function endOnSignals(cleanUp: () => Promise<void>): void {
  for (const [signal, status] of Object.entries(SIGNALS)) {
    process.once(signal, () => {
      const ending = (error: unknown) => void error;
      process.on('uncaughtException', ending);
      process.on('unhandledRejection', ending);
      void cleanUp()
        .catch(() => undefined)
        .then(() => process.exit(status));
    });
  }
}
