// ESLint with typescript-eslint's type-aware rules for the build and the tests, and the direction of
// the build's imports: commands → live, build → render → deck, browser → pictures → notes → shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The folders of scripts/ and what each may import besides the shared modules at the top of
 * scripts/ (project.ts, problems.ts, files.ts, command-line.ts). The commands at the top (cli.ts,
 * start.ts, …) may import anything; nothing imports a command. scripts/README.md shows the picture.
 */
const MAY_IMPORT = {
  notes: [],
  pictures: ['notes'],
  deck: ['notes', 'pictures'],
  browser: [],
  render: ['notes', 'pictures', 'deck', 'browser'],
  build: ['notes', 'pictures', 'deck', 'browser', 'render'],
  live: ['notes'],
  verify: ['notes', 'browser'],
  bench: ['notes', 'browser'],
};
const FOLDERS = Object.keys(MAY_IMPORT);
const COMMANDS = ['cli', 'start', 'verify-cli', 'bench', 'screenshots', 'setup-browser', 'serve'].map((name) => `**/scripts/${name}.ts`);
const SHARED = ['project', 'problems', 'files', 'command-line', 'progress', 'processes'];

/** One `no-restricted-imports` rule for the files of `folder`: the folders it may not reach. */
function importDirection(folder) {
  const banned = FOLDERS.filter((other) => other !== folder && !MAY_IMPORT[folder].includes(other));
  return {
    files: [`scripts/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: banned.map((other) => `../${other}/*`), message: `scripts/${folder}/ may import only ${['the shared modules', ...MAY_IMPORT[folder]].join(', ')} (see eslint.config.mjs).` },
            { group: COMMANDS.map((c) => c.replace('**/scripts/', '../')), message: 'a command is imported by nothing.' },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'slides/', 'test-results/', 'playwright-report/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.mjs'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_name` marks what a destructuring leaves out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...FOLDERS.map(importDirection),
  {
    files: SHARED.map((name) => `scripts/${name}.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['./*/*'], message: 'the shared modules import no folder of scripts/.' }] }] },
  },
  // Plain JavaScript config files: linted, but without the type-aware rules.
  { files: ['**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
);
