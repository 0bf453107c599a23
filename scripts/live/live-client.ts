// The live-reload client that `npm start` adds to the HTML pages it serves (never to a file on disk).
// It listens to the server's events (`/__live`, Server-Sent Events): `reload` names the pages rebuilt,
// and the page reloads when it is one of them — the URL keeps `#N`, so bespoke shows the same slide;
// `problems` lists the build's errors, shown over the last good deck until a good build clears them.
// No I/O.

export const LIVE_PATH = '/__live';
export const OVERLAY_ID = 'live-problems';

/** Plain browser JavaScript, sent as it is. Only in the top window: a deck's presenter and overview iframes reload with it. */
const CLIENT = `(() => {
  if (window.top !== window) return;
  const page = decodeURIComponent(location.pathname.split('/').pop() || 'index.html');
  const events = new EventSource(${JSON.stringify(LIVE_PATH)});
  events.addEventListener('reload', (event) => {
    if (JSON.parse(event.data).includes(page)) location.reload();
  });
  events.addEventListener('problems', (event) => {
    const lines = JSON.parse(event.data);
    document.getElementById(${JSON.stringify(OVERLAY_ID)})?.remove();
    if (lines.length === 0) return;
    const overlay = document.createElement('div');
    overlay.id = ${JSON.stringify(OVERLAY_ID)};
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:16px 24px;'
      + 'background:#7f1d1d;color:#fff;font:15px/1.45 monospace;white-space:pre-wrap;box-shadow:0 -4px 16px #0008';
    const title = document.createElement('strong');
    title.textContent = 'The build stopped: this is the last good deck. Fix and save to clear.';
    overlay.append(title);
    for (const line of lines) {
      const item = document.createElement('div');
      item.textContent = line;
      overlay.append(item);
    }
    document.body.append(overlay);
  });
})();`;

/** The page with the client as the last thing of its body (or at its end, when it has no `</body>`). */
export function injectLiveClient(html: string): string {
  const script = `<script>${CLIENT}</script>`;
  const end = html.lastIndexOf('</body>');
  return end < 0 ? html + script : html.slice(0, end) + script + html.slice(end);
}
