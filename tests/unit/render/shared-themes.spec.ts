// Every Marp of a build process shares each theme parsed once (`shareParsedThemes`, marp.config.mjs):
// marp-core's built-in themes and the course theme are frozen objects made from their CSS alone.
import { Marp } from '@marp-team/marp-core';
import { expect, test } from '@playwright/test';
import '../../../marp.config.mjs';

const course = (color: string) => `/* @theme course */\n@import 'default';\nsection { color: ${color}; }`;

test('two Marps share the built-in themes and a theme given as the same CSS, parsed once', () => {
  const [one, two] = [new Marp(), new Marp()];
  for (const name of ['default', 'gaia', 'uncover']) {
    expect(one.themeSet.get(name), name).toBeDefined();
    expect(one.themeSet.get(name), name).toBe(two.themeSet.get(name));
  }
  expect(one.themeSet.add(course('red'))).toBe(two.themeSet.add(course('red')));
  expect(Object.isFrozen(one.themeSet.get('course'))).toBe(true);
});

test('a theme of other CSS is parsed anew, and each Marp renders with its own', () => {
  const [red, blue] = [new Marp(), new Marp()];
  const redTheme = red.themeSet.add(course('red'));
  const blueTheme = blue.themeSet.add(course('blue'));
  expect(blueTheme).not.toBe(redTheme);
  expect(red.render('---\ntheme: course\n---\n\nx').css).toContain('color:red');
  expect(blue.render('---\ntheme: course\n---\n\nx').css).toContain('color:blue');
});

test('CSS that is not a theme is still refused, every time it is given', () => {
  for (let i = 0; i < 2; i++) expect(() => new Marp().themeSet.add('section { color: red; }')).toThrow(/@theme/);
});
