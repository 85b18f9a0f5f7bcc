import { EngineEvent, type EventOf } from '../../electron/contract';

/** Every event an engine emitted, each checked against the contract the UI validates with, and a way to wait for some. */
export class EventLog {
  readonly events: EngineEvent[] = [];

  readonly push = (event: EngineEvent): void => {
    this.events.push(EngineEvent.parse(event));
  };

  get length(): number {
    return this.events.length;
  }

  /** Resolves, once there are at least `count`, with every event of `type` logged at or after index `after`. */
  waitFor<T extends EngineEvent['type']>(type: T, count: number, after = 0, timeoutMs = 120_000): Promise<Array<EventOf<T>>> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = (): void => {
        const found = this.events.slice(after).filter((e): e is EventOf<T> => e.type === type);
        if (found.length >= count) return resolve(found);
        if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${count} ${type} events; got ${found.length}`));
        setTimeout(check, 50);
      };
      check();
    });
  }
}
