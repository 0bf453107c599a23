// Loaded into a build by the tests (`node --import`): the build runs as it does, but its first rename
// that commits a staging folder (`.slides.staging-…` → `.slides.publishing-…`, see publish.ts) never
// happens. It writes the file named by HOLD_SWAP_MARKER instead and waits for ever, so a test can
// kill the build at that moment, when every output is written and nothing is published yet, every time.
import fs from 'node:fs';
import process from 'node:process';
import { syncBuiltinESMExports } from 'node:module';

const marker = process.env.HOLD_SWAP_MARKER;
const rename = fs.promises.rename;
fs.promises.rename = (from, to) => {
  // Only a staging folder (`.dist.staging-PID-HEX`): launch.mjs renames a compiled copy of the
  // scripts into place too.
  if (marker && /\.[^/\\]+\.staging-\d+-[0-9a-f]+$/.test(String(from))) {
    fs.writeFileSync(marker, `${from} -> ${to}\n`);
    return new Promise(() => {});
  }
  return rename(from, to);
};
syncBuiltinESMExports();
