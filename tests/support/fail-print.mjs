// Loaded into a build by the tests (`node --import`): every PDF Chromium is asked to print fails, as a
// print of a deck too big for the machine would, so a test sees what the build says then. The build
// loads puppeteer-core with `require` (scripts/browser/chromium.ts): its CommonJS page is patched.
import { createRequire } from 'node:module';

const { CdpPage } = createRequire(import.meta.url)('puppeteer-core/internal/cdp/Page.js');
CdpPage.prototype.pdf = async function pdf() {
  throw new Error('Printing failed');
};
