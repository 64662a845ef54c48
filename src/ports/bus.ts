// Bus: fire-and-forget publish/subscribe between the parts of one node now, between nodes later
// (Redis pub/sub). Used for lobby changes and other notifications that tolerate loss; table
// events that must not be lost travel through the table actor, not the bus.

export interface Subscription {
  unsubscribe(): Promise<void>;
}

export interface Bus {
  publish(topic: string, message: string): Promise<void>;
  /** `handler` gets every message published to `topic` after the returned promise resolves. */
  subscribe(topic: string, handler: (message: string) => void): Promise<Subscription>;
  close(): Promise<void>;
}
