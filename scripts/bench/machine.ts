// The machine a bench ran on: figures are only comparable on the same one.
import { cpus, release, totalmem, type } from 'node:os';
import { basename } from 'node:path';
import { chromium } from '@playwright/test';
import type { Machine } from './table.ts';

/** `browserPath` builds and prints (stock marp-cli too), `presenterBrowserPath` shows the decks: both are named. */
export async function describeMachine(browserPath: string, presenterBrowserPath: string): Promise<Machine> {
  const browser = await chromium.launch({ executablePath: browserPath });
  const version = browser.version();
  await browser.close();
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.versions.node,
    chromium: `${version} (builds: ${basename(browserPath)}; decks shown in: ${basename(presenterBrowserPath)})`,
  };
}
