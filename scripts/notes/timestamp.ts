// Timestamps: the label a viewer reads (`2:58:38`) and the `t` the video opens at (`10718`).

/** Parses a label `H:MM:SS` or `M:SS` into seconds; undefined when it is not a time. */
export function parseTimeLabel(label: string): number | undefined {
  const match = /^(?:(\d+):([0-5]\d)|(\d{1,2})):([0-5]\d)$/.exec(label.trim());
  if (!match) return undefined;
  const [, hours, minutesWithHours, minutesAlone, seconds] = match;
  if (hours !== undefined) {
    return Number(hours) * 3600 + Number(minutesWithHours) * 60 + Number(seconds);
  }
  return Number(minutesAlone) * 60 + Number(seconds);
}

/** Parses a video `t` parameter: plain seconds (`10718`, `10718s`) or `2h58m38s`. */
export function parseTimeParameter(t: string): number | undefined {
  const plain = /^(\d+)s?$/.exec(t);
  if (plain) return Number(plain[1]);
  const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!parts || t === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = parts;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** Formats seconds as the course writes them: `H:MM:SS` from one hour on, `M:SS` below. */
export function formatTimeLabel(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

export interface VideoLink {
  videoId: string;
  /** The `t` parameter as written, when there is one. */
  t?: string;
}

/** Reads a YouTube link (`youtu.be/ID?t=…` or `youtube.com/watch?v=ID&t=…`); undefined otherwise. */
export function parseVideoLink(href: string): VideoLink | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.replace(/^www\./, '');
  let videoId: string | null = null;
  if (host === 'youtu.be') videoId = url.pathname.slice(1);
  else if (host === 'youtube.com' || host === 'm.youtube.com') videoId = url.searchParams.get('v');
  if (!videoId) return undefined;
  const t = url.searchParams.get('t') ?? undefined;
  return t === undefined ? { videoId } : { videoId, t };
}

/** The canonical link that opens the video at a second. */
export function videoUrl(videoId: string, seconds: number): string {
  return `https://youtu.be/${videoId}?t=${seconds}`;
}
