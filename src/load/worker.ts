// Entry point of a load worker thread: runs a WorkerSwarm for the tables the run hands it.

import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-protocol.js';
import { WorkerSwarm } from './worker-swarm.js';

const port = parentPort;
if (!port) throw new Error('src/load/worker.ts runs as a worker thread of a load run');

let swarm: WorkerSwarm | null = null;
let worker = -1;
const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  try {
    switch (message.type) {
      case 'init':
        worker = message.worker;
        swarm = new WorkerSwarm(message, post);
        post({ type: 'ready', worker });
        return;
      case 'release':
        swarm?.release(message.count);
        return;
      case 'stop':
        swarm?.stop();
        return;
    }
  } catch (error) {
    post({
      type: 'fatal',
      worker,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
