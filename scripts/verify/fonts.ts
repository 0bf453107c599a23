// Which fonts drew a slide's text: the DevTools protocol tells, for each element, the platform fonts its
// glyphs came from (`CSS.getPlatformFontsForNode`). A font the deck embeds is a custom font; any other is
// the machine's, which another machine may not have: the slide would look, wrap and fit otherwise there.
import type { CDPSession, Page } from '@playwright/test';

interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** Runs in the page: marks the elements of slide `number` that hold text of their own, and names them in document order. */
function markTextElements(number: number): string[] {
  const section = document.querySelectorAll('svg[data-marpit-svg]')[number - 1]?.querySelector(':scope > foreignObject > section');
  const labels: string[] = [];
  for (const element of section ? [section, ...section.querySelectorAll('*')] : []) {
    const own = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('');
    if (!own.trim()) continue;
    // Marked only: the protocol returns the marked elements in this order (see systemFonts).
    element.setAttribute('data-font-check', '');
    const flat = own.replace(/\s+/g, ' ').trim();
    labels.push(`<${element.tagName.toLowerCase()}> "${flat.length > 40 ? `${flat.slice(0, 40)}…` : flat}"`);
  }
  return labels;
}

function unmark(): void {
  for (const element of document.querySelectorAll('[data-font-check]')) element.removeAttribute('data-font-check');
}

export class FontCheck {
  private constructor(private readonly session: CDPSession) {}

  static async attach(page: Page): Promise<FontCheck> {
    const session = await page.context().newCDPSession(page);
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    return new FontCheck(session);
  }

  /** One message for each element of slide `number` (which is shown) whose glyphs a font of the machine drew. */
  async systemFonts(page: Page, number: number): Promise<string[]> {
    const labels = await page.evaluate(markTextElements, number);
    try {
      const { root } = await this.session.send('DOM.getDocument', { depth: 0 });
      // In document order, as markTextElements numbered them: the n-th node is labels[n].
      const { nodeIds } = await this.session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-font-check]' });
      // Every element's question is sent at once: the protocol answers them in turn, without a round trip each.
      const answers = await Promise.all(nodeIds.map((nodeId) => this.session.send('CSS.getPlatformFontsForNode', { nodeId }) as Promise<{ fonts: PlatformFont[] }>));
      const messages: string[] = [];
      answers.forEach(({ fonts }, index) => {
        const machine = fonts.filter((font) => !font.isCustomFont && font.glyphCount > 0);
        if (machine.length > 0) {
          const names = machine.map((f) => `${f.familyName} (${f.glyphCount} glyph${f.glyphCount === 1 ? '' : 's'})`).join(', ');
          messages.push(`${labels[index] ?? 'text'} is drawn in part by ${names}, a font of this machine, not one the deck carries`);
        }
      });
      return messages;
    } finally {
      await page.evaluate(unmark);
    }
  }
}
