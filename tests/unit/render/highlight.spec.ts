// Code blocks are highlighted with highlight.js's languages loaded on demand (`highlightOnDemand`,
// marp.config.mjs): a deck renders as with marp-core's own highlighter, which registers every language.
import { spawnSync } from 'node:child_process';
import { Marp } from '@marp-team/marp-core';
import { expect, test } from '@playwright/test';
import { highlightOnDemand, options } from '../../../marp.config.mjs';

const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code}\n\`\`\`\n`;

/** Code in languages served on demand, some embedding another (shell: bash; YAML: Ruby's ERB), and in others. */
const BLOCKS = [
  fence('yaml', 'apiVersion: apps/v1\nkind: StatefulSet # a comment\nmetadata:\n  name: "mongo"\nspec:\n  replicas: 3\n  password: <%= ENV["PASS"] %>'),
  fence('YAML', 'kind: Pod'),
  fence('yml', 'kind: Service'),
  fence('bash', 'kubectl get pods -o wide | grep mongo && echo "$HOME" # list'),
  fence('shell', '$ kubectl apply -f mongo.yaml\nstatefulset.apps/mongo created'),
  fence('sh', 'for i in 1 2; do echo $i; done'),
  fence('console', '$ kubectl get pv'),
  fence('dockerfile', 'FROM node:20\nRUN npm ci && echo done'),
  fence('json', '{"kind": "Pod", "replicas": 3, "ok": true}'),
  fence('ini', '[section]\nkey = value'),
  fence('go', 'func main() { fmt.Println("hi") }'),
  fence('python', 'def f(x):\n    return x ** 2'),
  fence('diff', '- replicas: 1\n+ replicas: 3'),
  fence('sql', 'SELECT * FROM pods WHERE name = \'mongo\';'),
  fence('html', '<style>p { color: red }</style><script>let x = 1;</script><p>hi</p>'),
  fence('javascript', 'const pods = await list(); // all'),
  fence('no-such-language', 'kind: Pod'),
  fence('', 'plain <text>'),
];

test('a code block renders the same with languages loaded on demand as with every language', () => {
  for (const block of BLOCKS) {
    const markdown = `---\nmarp: true\n---\n\n${block}`;
    expect(highlightOnDemand(new Marp(options)).render(markdown).html, block).toBe(new Marp(options).render(markdown).html);
  }
});

const CHILD = `
import { createRequire } from 'node:module';
const { Marp } = await import('@marp-team/marp-core');
const { highlightOnDemand, options } = await import('./marp.config.mjs');
const { html } = highlightOnDemand(new Marp(options)).render(${JSON.stringify(`${fence('yaml', 'kind: Pod')}${fence('shell', '$ ls')}`)});
const cache = createRequire(import.meta.url).cache;
const languages = Object.keys(cache).filter((file) => /[\\\\/]highlight\\.js[\\\\/]lib[\\\\/]languages[\\\\/]/.test(file)).map((file) => file.replace(/.*[\\\\/]/, ''));
console.log(JSON.stringify({ html, languages }));
`;

test('a deck loads the languages it shows, and those they embed, only', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', CHILD], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  const { html, languages } = JSON.parse(child.stdout) as { html: string; languages: string[] };
  expect(html).toContain('hljs-attr');
  expect(languages.sort()).toEqual(['bash.js', 'ruby.js', 'shell.js', 'yaml.js']);
});
