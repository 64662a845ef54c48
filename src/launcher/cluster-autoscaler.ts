// `pitboss cluster --autoscale`: the autoscaler inside the cluster command, with the local actuator.
// HAProxy's configuration is written once, so the nodes the autoscaler may add get their names and
// ports up front (slots `auto-1` … `auto-k`, rendered as servers that stay down until a node
// listens there); a drained node's slot is free again once it has exited.

import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { RedisAutoscaleState } from '../adapters/redis/autoscale-state.js';
import { closeRedis, connectRedis } from '../adapters/redis/client.js';
import { RedisRegistry } from '../adapters/redis/registry.js';
import { AutoscaleController } from '../autoscale/controller.js';
import { LocalActuator } from '../autoscale/local-actuator.js';
import type { AutoscaleRules } from '../autoscale/rules.js';
import { createLogger } from '../server/ops/logger.js';
import { startNodeChild, type NodeChild } from './node-child.js';

export interface NodeSlot {
  readonly nodeId: string;
  readonly port: number;
}

export interface ClusterAutoscalerOptions {
  readonly redisUrl: string;
  readonly cli: string;
  readonly dir: string;
  readonly slots: readonly NodeSlot[];
  /** The flags of a node of this cluster named `nodeId`, listening on `port`. */
  readonly nodeFlags: (nodeId: string, port: number) => Record<string, string | number | boolean>;
  readonly adminToken: string;
  readonly rules: AutoscaleRules;
  readonly intervalMs: number;
}

export interface ClusterAutoscaler {
  /** The nodes it has started and that are still running. */
  nodes(): NodeChild[];
  stop(): Promise<void>;
}

export function startClusterAutoscaler(options: ClusterAutoscalerOptions): ClusterAutoscaler {
  // Its decisions go to a log file beside the nodes' (the terminal shows the status line).
  const logger = createLogger({
    level: 'info',
    nodeId: 'autoscaler',
    destination: createWriteStream(join(options.dir, 'autoscaler.log'), { flags: 'a', mode: 0o600 }),
  });
  const redis = connectRedis(
    { url: options.redisUrl },
    { onError: (error) => logger.warn({ err: error }, 'Redis') },
  );
  const inUse = new Set<string>();
  const slotOf = (nodeId: string) => options.slots.find((s) => s.nodeId === nodeId);
  const actuator = new LocalActuator({
    nextNodeId: () => {
      const free = options.slots.find((s) => !inUse.has(s.nodeId));
      if (!free) throw new Error(`every node slot is taken (${options.slots.length} for added nodes)`);
      inUse.add(free.nodeId);
      return free.nodeId;
    },
    launch: async (nodeId) => {
      const port = slotOf(nodeId)?.port ?? 0;
      try {
        const node = await startNodeChild({
          nodeId,
          cli: options.cli,
          logFile: join(options.dir, `${nodeId}.log`),
          flags: options.nodeFlags(nodeId, port),
        });
        node.child.once('exit', () => inUse.delete(nodeId));
        return node;
      } catch (error) {
        inUse.delete(nodeId);
        throw error;
      }
    },
    adminToken: options.adminToken,
    logger,
  });
  const controller = new AutoscaleController({
    id: 'pitboss-cluster',
    registry: new RedisRegistry(redis, { ownsClient: false }),
    state: new RedisAutoscaleState(redis, { ownsClient: false }),
    actuator,
    logger,
    rules: options.rules,
    intervalMs: options.intervalMs,
  });
  controller.start();
  return {
    nodes: () => actuator.nodes(),
    async stop() {
      await controller.stop();
      await actuator.close();
      await closeRedis(redis);
    },
  };
}
