// Drawing a build's diagrams: what Graphviz draws otherwise than the DOT source says is a warning at
// the diagram's file, in every build, the ones that read the drawing back from the cache too.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FileCache } from '../../../scripts/build/cache.ts';
import { Diagrams } from '../../../scripts/build/diagrams.ts';
import type { Deck } from '../../../scripts/deck/deck.ts';
import type { Sources } from '../../../scripts/notes/sources.ts';
import { Problems } from '../../../scripts/problems.ts';

// Two nodes of the cluster are also in a rank=same group outside it: Graphviz takes them out of the
// cluster, which it then leaves out, label and all.
const EMPTIED = 'digraph g {\n  subgraph cluster_k8s {\n    label="K8s cluster";\n    a; b;\n  }\n  { rank=same; a; b; }\n  a -> b;\n}\n';
const WHOLE = 'digraph g {\n  subgraph cluster_k8s {\n    label="K8s cluster";\n    a; b;\n    { rank=same; a; b; }\n  }\n  a -> b;\n}\n';

/** A deck showing the diagrams of `files` (of the picture folder), and the sources they are drawn from. */
function course(files: Record<string, string>): { decks: Deck[]; sources: Sources } {
  const pictures = Object.keys(files).map((file) => ({ source: file, output: `pict/${file.replace(/\.dot$/, '.svg')}`, kind: 'diagram' as const }));
  return { decks: [{ pictures } as unknown as Deck], sources: { diagramSources: new Map(Object.entries(files)) } as unknown as Sources };
}

test('a diagram Graphviz draws otherwise than written is a warning at its file in every build, read back from the cache too; --strict then stops', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'diagrams-'));
  let drawings = 0;
  const fonts = { faces: () => (drawings++, Promise.resolve('')), stack: "'Arimo'" };
  /** A build's diagrams: a new session on the same caches. */
  const session = () => new Diagrams(new FileCache(join(cacheDir, 'diagram'), 'svg'), new FileCache(join(cacheDir, 'diagram'), 'json'), fonts, 'pict', () => Promise.reject(new Error('no Mermaid here')));
  const { decks, sources } = course({ 'emptied.dot': EMPTIED, 'whole.dot': WHOLE });

  for (const build of ['first', 'from the cache']) {
    const problems = new Problems();
    const drawn = await session().draw(decks, sources, 'identity', problems);
    expect([...drawn.keys()], build).toEqual(['pict/emptied.svg', 'pict/whole.svg']);
    expect(problems.errors, build).toEqual([]);
    // Only the emptied cluster, at its file; Graphviz's own words name the nodes it took out.
    expect(problems.warnings.map((p) => p.at), build).toEqual(problems.warnings.map(() => ({ file: join('pict', 'emptied.dot'), line: 1, col: 1 })));
    const messages = problems.warnings.map((p) => p.message).join('\n');
    expect(messages, build).toMatch(/^Graphviz drew the diagram otherwise than written: a was already in a rankset, deleted from cluster g$/m);
    expect(messages, build).toMatch(/: b was already in a rankset, deleted from cluster g$/m);
    expect(problems.warnings[0]!.hint, build).toMatch(/put that group inside the cluster/);
    expect(() => problems.throwIfFailed(true), build).toThrow();
    // The cluster is drawn when the group is inside it, and left out when it is not.
    expect(drawn.get('pict/whole.svg')).toContain('>K8s cluster</text>');
    expect(drawn.get('pict/emptied.svg')).not.toContain('K8s cluster');
  }
  // The second build drew nothing: both drawings, and the warnings, came from the cache.
  expect(drawings).toBe(2);
  // Warnings cut short in the cache (a build killed while writing them): that diagram is drawn again.
  const [saved] = readdirSync(join(cacheDir, 'diagram')).filter((file) => file.endsWith('.json'));
  writeFileSync(join(cacheDir, 'diagram', saved!), '["a was alr');
  const problems = new Problems();
  await session().draw(decks, sources, 'identity', problems);
  expect(drawings).toBe(3);
  expect(problems.warnings.map((p) => p.message)).toContain('Graphviz drew the diagram otherwise than written: a was already in a rankset, deleted from cluster g');
});
