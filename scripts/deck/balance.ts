// Where a slide too full is cut, once measuring has said how much fits: the best place a few units
// before the fullest cut (a blank line in code, before a subheading, never just after one), and the
// pieces shared out evenly. No I/O, no measuring: the caller measures what these propose.

/** How many units before the fullest cut a better place is looked for: "within a few lines". */
export const LOOK_BACK = 4;

/**
 * The number of units the piece starting at unit `start` takes, given that at most `most` fit.
 * `quality(j)` rates a cut before unit j: negative where a cut is avoided (inside a multi-line string,
 * after a subheading), higher where it reads well. A piece keeps at least one unit.
 */
export function chooseCut(start: number, most: number, quality: (j: number) => number): number {
  const rated = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => to - i).map((count) => ({ count, q: quality(start + count) }));
  const near = rated(Math.max(1, most - LOOK_BACK), most);
  const best = (candidates: { count: number; q: number }[]) => candidates.reduce((a, b) => (b.q > a.q ? b : a));
  const nearBest = best(near);
  if (nearBest.q >= 0) return nearBest.count;
  // No acceptable cut near the fullest one: the fullest acceptable one further back, else the best near.
  return rated(1, most - LOOK_BACK - 1).find((candidate) => candidate.q >= 0)?.count ?? nearBest.count;
}

/**
 * Cuts that share `weights` (a unit's height) evenly between as many pieces as `ends` has (the ends of
 * the pieces a greedy fit found, the last being the number of units). Each cut is the acceptable place
 * nearest its even share, or a better-rated one off it by at most `tolerance` of a share. The caller
 * measures the pieces and keeps the greedy ones unless these all fit.
 */
export function balancedEnds(ends: number[], weights: number[], quality: (j: number) => number, tolerance: number): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const prefix = [0];
  for (const w of weights) prefix.push(prefix[prefix.length - 1]! + w);
  const count = ends.length;
  const share = total / count;
  const result: number[] = [];
  let previous = 0;
  for (let k = 1; k < count; k++) {
    const target = share * k;
    const candidates: { j: number; q: number; off: number }[] = [];
    const last = weights.length - (count - k);
    for (let j = previous + 1; j <= last; j++) {
      const q = quality(j);
      if (q >= 0) candidates.push({ j, q, off: Math.abs(prefix[j]! - target) });
    }
    if (candidates.length === 0) return ends;
    const nearest = candidates.reduce((a, b) => (b.off < a.off ? b : a));
    // A subheading (rated 3 and up) may draw the cut from further away than a plain better place.
    const reach = (q: number) => Math.max(nearest.off, share * tolerance * (q >= 3 ? 2.5 : 1));
    const chosen = candidates.filter((c) => c.off <= reach(c.q)).reduce((a, b) => (b.q > a.q || (b.q === a.q && b.off < a.off) ? b : a));
    result.push(chosen.j);
    previous = chosen.j;
  }
  result.push(weights.length);
  return result;
}
