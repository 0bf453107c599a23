// What the build knows of other processes: whether one is still running (a lock's holder, a killed
// build's Chromium profile).

/** Whether process `pid` runs: signal 0 checks without sending; EPERM means it runs as another user. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
