// Loaded into a build by the tests (`node --import`): the build runs as it does, but its first rename
// that swaps a staging folder into place (`dist/` → `.dist.old-…`, or `.dist.staging-…` → `dist/`)
// never happens. It writes the file named by HOLD_SWAP_MARKER instead and waits for ever, so a test can
// kill the build at that moment, when every output is written and nothing is swapped yet, every time.
import fs from 'node:fs';
import process from 'node:process';
import { syncBuiltinESMExports } from 'node:module';

const marker = process.env.HOLD_SWAP_MARKER;
const rename = fs.promises.rename;
fs.promises.rename = (from, to) => {
  // Only the swap's folders (`.dist.staging-PID-HEX`, `.dist.old-PID-HEX`): launch.mjs renames a
  // compiled copy of the scripts into place too.
  if (marker && (/\.[^/\\]+\.staging-\d+-[0-9a-f]+$/.test(String(from)) || /\.[^/\\]+\.old-\d+-[0-9a-f]+$/.test(String(to)))) {
    fs.writeFileSync(marker, `${from} -> ${to}\n`);
    return new Promise(() => {});
  }
  return rename(from, to);
};
syncBuiltinESMExports();
