// The switches every Chromium of the project runs with — the build's, the verifier's and the tests' —
// so that it lays text out as any browser does and contacts no host (CHROMIUM_ARGS, both lists).
//
// The quiet ones keep it off the network. Left on, each launch asks Google for component updates,
// sign-in, safe browsing lists, field trials and metrics (seen through a logging proxy), some of it
// whatever the switches say (a distribution's Chromium may come with Google API keys). The decks need
// no network at all (the build serves its pages from memory, the tests and the verifier from
// 127.0.0.1), so no host name resolves and no proxy is used: nothing of Chromium's own leaves the
// machine.
export const QUIET_CHROMIUM_ARGS = [
  '--no-proxy-server',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--no-pings',
  '--metrics-recording-only',
  '--disable-field-trial-config',
  // The last three: Chromium's new headless mode is the whole browser without a window, and it still
  // prepares the address bar's drop-down for every window, each a page of its own in a renderer of its
  // own (chrome://omnibox-popup.top-chrome/): ~0.7 s of CPU a window, more than opening the window and
  // loading a deck in it. No window of the project has an address bar. (Playwright and puppeteer join
  // this list to their own --disable-features: Chromium reads only the last one.)
  '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
  '--no-service-autorun',
  '--password-store=basic',
  '--use-mock-keychain',
];

/**
 * Text laid out with the fonts' own advances, as Chrome lays it out on a presenter's screen (Windows,
 * macOS, and Linux's full browser here). The headless shell, which the project prefers (browser.ts),
 * hints glyph advances by default: a line of Arimo came out up to 3% wider than in the full browser,
 * so lines wrapped elsewhere and a slide fitted there would not be the slide shown. With this switch
 * both give the same widths to the thousandth of a pixel; in the full browser it changes nothing.
 */
export const LAYOUT_CHROMIUM_ARGS = ['--font-render-hinting=none'];

export const CHROMIUM_ARGS = [...QUIET_CHROMIUM_ARGS, ...LAYOUT_CHROMIUM_ARGS];
