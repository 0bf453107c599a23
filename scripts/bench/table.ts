// The bench's results: rows of figures with their targets, printed as a Markdown table (the README
// shows the same table) and kept as JSON.

export type Unit = 's' | 'ms' | '×' | 'KB';

export interface Row {
  /** Which measurement family made it (what `--only` names). */
  family: string;
  label: string;
  unit: Unit;
  /** The median of the samples; undefined when the figure could not be measured (see `note`). */
  value?: number;
  samples?: number[];
  /** The most the figure may be. */
  target?: number;
  /** Why there is no figure, or what to know about it (shown beside the label). */
  note?: string;
  /** More about the figure, in the JSON only. */
  detail?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
}

export interface Report {
  date: string;
  machine: Machine;
  runs: number;
  /** How long the bench itself took, in seconds. */
  seconds: number;
  /**
   * The machine's 1-minute load average when the bench started (other work — a test suite, another
   * build — slows every figure, so a run begun on a busy machine is marked as one) and when it ended
   * (the bench's own last builds and tests count in that one).
   */
  load: { start: number; end: number };
  rows: Row[];
}

export function formatValue(value: number, unit: Unit): string {
  if (unit === 's') return `${value.toFixed(value < 10 ? 2 : 1)} s`;
  if (unit === 'ms') return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  return `${value.toFixed(0)} KB`;
}

/** ✓ within the target; ✗ with how far over it; nothing for a figure without a target. */
export function verdict(row: Row): string {
  if (row.target === undefined) return '';
  if (row.value === undefined) return '?';
  if (row.value <= row.target) return '✓';
  return `✗ +${Math.round((row.value / row.target - 1) * 100)}%`;
}

export function passed(row: Row): boolean | undefined {
  return row.target === undefined || row.value === undefined ? undefined : row.value <= row.target;
}

export function machineLine(machine: Machine): string {
  return `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function formatTable(report: Report): string {
  const lines = [
    `Bench of ${report.date.slice(0, 16).replace('T', ' ')} UTC, median of ${report.runs} run${report.runs === 1 ? "" : "s"}, ${Math.round(report.seconds)} s in all`,
    `Machine: ${machineLine(report.machine)}`,
    `Load average at the start: ${report.load.start.toFixed(1)}${report.load.start > report.machine.cpus / 2 ? ` (other work was running on ${report.machine.cpus} cores: the figures are slower than on a quiet machine)` : ' (a quiet machine)'}`,
    '',
    '| measure | figure | target | |',
    '|---|--:|--:|---|',
  ];
  for (const row of report.rows) {
    const figure = row.value === undefined ? (row.note ?? 'n/a') : formatValue(row.value, row.unit);
    const target = row.target === undefined ? '' : `≤ ${formatValue(row.target, row.unit)}`;
    const label = row.value !== undefined && row.note ? `${row.label} (${row.note})` : row.label;
    lines.push(`| ${cell(label)} | ${cell(figure)} | ${target} | ${verdict(row)} |`);
  }
  const failing = report.rows.filter((row) => passed(row) === false);
  lines.push('', failing.length === 0 ? 'Every target met.' : `${failing.length} target${failing.length === 1 ? '' : 's'} missed: ${failing.map((r) => r.label).join('; ')}.`);
  return lines.join('\n');
}
