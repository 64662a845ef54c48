// The `none` actuator: the autoscaler decides, journals, counts and shows every decision on /admin,
// and carries none out. For a deployment whose nodes no program may start or stop — the docker
// compose file's fixed three nodes, a cluster an operator sizes by hand — or to watch what the
// rules would do before letting them act. A decision it is given still starts its cooldown, so
// one piece of advice is not repeated every interval.

import type { Actuator } from './controller.js';

export class AdvisoryActuator implements Actuator {
  readonly kind = 'none';
  readonly advisory = true;

  launching(): number {
    return 0;
  }

  add(): Promise<void> {
    return Promise.resolve();
  }

  remove(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
