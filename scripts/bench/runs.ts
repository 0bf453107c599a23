// Repeated measurements: each figure is the median of its runs, and figures that are compared are
// taken in turn, run by run (ours, stock, ours, stock…), so a machine that drifts (heat, a neighbour's
// job) shifts every figure alike instead of favouring whichever ran first.

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
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
