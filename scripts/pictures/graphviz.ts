// Graphviz (viz.js: Graphviz compiled to WebAssembly), in a worker thread of its own: loading it and
// laying the diagrams out is done by the second core while the main thread composes the decks and
// opens the fitting page. The worker starts when a course shows a diagram (`startGraphviz`), so it is
// ready when the diagrams are drawn; a process that draws none never starts it.
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { requireFromProject } from '../project.ts';

/** The worker's code: CommonJS, run by `eval` (a file would need compiling for `npm run build`'s copy). */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
// Required, not imported: node would first read its 1.2 MB of CommonJS for export names (~50 ms).
const engine = Promise.resolve().then(() => require(workerData.graphviz).instance());
engine.catch(() => undefined);
parentPort.on('message', async ({ id, dot }) => {
  try {
    const result = (await engine).render(dot, { format: 'svg', engine: 'dot' });
    const errors = result.errors.filter((error) => error.level !== 'warning').map((error) => error.message.trim());
    // What Graphviz left out or changed while drawing (a node taken out of its cluster): said, not drawn.
    const warnings = result.errors.filter((error) => error.level === 'warning').map((error) => error.message.trim());
    // A source without a graph draws nothing, and says nothing: an empty drawing (see drawDiagram).
    if (result.status === 'success' || errors.length === 0) parentPort.postMessage({ id, svg: result.output || '', warnings });
    else parentPort.postMessage({ id, error: errors.join('\\n') });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

/** Graphviz's own message about a diagram it cannot read (not a failure of the worker). */
export class LayoutError extends Error {}

interface Answer {
  id: number;
  svg?: string;
  warnings?: string[];
  error?: string;
}

/** Graphviz's drawing of a DOT source, and its warnings: what it drew otherwise than written. */
export interface Layout {
  svg: string;
  warnings: string[];
}

class GraphvizWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (layout: Layout) => void; reject: (error: Error) => void }>();
  private next = 0;

  constructor() {
    // Graphviz is 1 MB of WebAssembly, which V8 compiles twice by default, the second time optimised
    // in background threads: CPU taken from Chromium starting beside the build on 2 cores. The baseline
    // compile alone lays a slide's diagram out as fast (tens of milliseconds); only a graph of hundreds
    // of nodes, never a slide's, would feel it. The flag holds for the process and its workers.
    setFlagsFromString('--liftoff-only');
    const graphviz = requireFromProject.resolve('@viz-js/viz');
    this.worker = new Worker(WORKER_CODE, { eval: true, workerData: { graphviz } });
    // An idle worker does not keep the process alive; one with a diagram to lay out does (see layout).
    this.worker.unref();
    this.worker.on('message', ({ id, svg, warnings = [], error }: Answer) => {
      const waiting = this.waiting.get(id);
      this.waiting.delete(id);
      if (this.waiting.size === 0) this.worker.unref();
      if (error !== undefined) waiting?.reject(new LayoutError(error));
      else if (svg === undefined) waiting?.reject(new Error('the Graphviz worker answered without a drawing'));
      else waiting?.resolve({ svg, warnings });
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the Graphviz worker stopped (exit ${code})`)));
  }

  /** The SVG Graphviz draws of `dot`, with its warnings; its own error (with the line it names) when it cannot. */
  layout(dot: string): Promise<Layout> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, dot });
    });
  }

  private failAll(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
    if (worker === this) worker = undefined;
  }
}

let worker: GraphvizWorker | undefined;

/** Starts Graphviz loading beside the caller, when diagrams are about to be drawn. */
export function startGraphviz(): void {
  worker ??= new GraphvizWorker();
}

/** Graphviz's SVG of `dot` and its warnings, laid out in the worker (started now if it was not). */
export function layoutDot(dot: string): Promise<Layout> {
  startGraphviz();
  return worker!.layout(dot);
}
