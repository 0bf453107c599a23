// Repeated measurements: each figure is the median of its runs, and figures that are compared are
// taken in turn, run by run (ours, stock, ours, stock…), so a machine that drifts (heat, a neighbour's
// job) shifts every figure alike instead of favouring whichever ran first; a comparison is the median
// of the round-by-round ratios (pairedRatio).

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * How many times `samples` each of `against`, run by run: the median of the ratios of the runs taken
 * in the same round. Each pair ran back to back, so a machine that drifts between rounds moves both of
 * a pair alike; the ratio of the two medians would compare runs of different rounds.
 */
export function pairedRatio(samples: readonly number[], against: readonly number[]): { value: number; ratios: number[] } {
  if (samples.length !== against.length) throw new Error(`paired runs: ${samples.length} against ${against.length}`);
  const ratios = samples.map((sample, i) => sample / against[i]!);
  return { value: median(ratios), ratios };
}

/** Milliseconds `task` took. */
export async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

/** A thing to measure: one run of it returns the milliseconds (or other figure) it measured. */
export interface Contender {
  name: string;
  run: (round: number) => Promise<number>;
}

/**
 * Runs every contender `runs` times, one round after another, each round in the same order, and
 * returns each contender's samples by name.
 */
export async function alternate(contenders: readonly Contender[], runs: number, progress?: (line: string) => void): Promise<Map<string, number[]>> {
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < runs; round++) {
    for (const contender of contenders) {
      const value = await contender.run(round);
      samples.get(contender.name)!.push(value);
      progress?.(`  ${contender.name}, run ${round + 1}/${runs}: ${value.toFixed(0)}`);
    }
  }
  return samples;
}
