// Starts the worker threads of a load run. From the built dist/ a worker is worker.js; from the
// TypeScript sources (tsx, vitest) the worker first registers tsx's loader, because a worker thread
// does not inherit the loader hooks of the thread that started it.

import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-protocol.js';

export interface PooledWorker {
  readonly index: number;
  post(message: ToWorker): void;
  terminate(): Promise<void>;
}

export function startWorker(
  index: number,
  handlers: { message(message: FromWorker): void; failed(index: number, error: Error): void },
): PooledWorker {
  const here = import.meta.url;
  let worker: Worker;
  if (here.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./worker.ts', here).href;
    const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
    worker = new Worker(boot, { eval: true, execArgv: [] });
  } else {
    worker = new Worker(new URL('./worker.js', here), { execArgv: [] });
  }
  let exiting = false;
  worker.on('message', (message: FromWorker) => handlers.message(message));
  worker.on('error', (error) => handlers.failed(index, error));
  worker.on('exit', (code) => {
    if (!exiting && code !== 0)
      handlers.failed(index, new Error(`load worker ${index} exited with code ${code}`));
  });
  return {
    index,
    post: (message) => worker.postMessage(message),
    async terminate() {
      exiting = true;
      await worker.terminate();
    },
  };
}
