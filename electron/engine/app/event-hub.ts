import type { EngineEvent } from '../../contract';

type Listener = (event: EngineEvent) => void;

/**
 * The engine's event stream. Subscribers (windows, transports) get every event and, right after subscribing, a replay
 * of what they must not miss (the current status, notices raised before they connected). Observers (the engine's own
 * bookkeeping) see each event after every subscriber has, so anything they emit in turn arrives after it.
 */
export class EventHub {
  private readonly subscribers = new Set<Listener>();
  private readonly observers = new Set<Listener>();

  readonly emit = (event: EngineEvent): void => {
    for (const listener of this.subscribers) listener(event);
    for (const observer of this.observers) observer(event);
  };

  subscribe(listener: Listener, replay: () => readonly EngineEvent[] = () => []): () => void {
    this.subscribers.add(listener);
    // On a microtask: the caller gets its unsubscribe function before the first event arrives.
    queueMicrotask(() => {
      if (!this.subscribers.has(listener)) return;
      for (const event of replay()) listener(event);
    });
    return () => this.subscribers.delete(listener);
  }

  observe(observer: Listener): void {
    this.observers.add(observer);
  }

  clear(): void {
    this.subscribers.clear();
    this.observers.clear();
  }
}
