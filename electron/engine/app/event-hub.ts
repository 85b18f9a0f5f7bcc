import { createEventStream, type EngineEvent, type EngineEventListener } from '../../contract';

/**
 * The engine's event stream, on the contract's one fan-out (createEventStream: a failing listener never starves the
 * others; notices and errors raised before the first window subscribes wait for it). On top of that, every
 * subscriber gets a replay of what it must not miss right after subscribing (the current status, load notices), and
 * observers (the engine's own bookkeeping) see each event after every subscriber, so what they emit arrives after it.
 */
export class EventHub {
  private readonly stream = createEventStream();
  private readonly observers = new Set<EngineEventListener>();
  private readonly unsubscribers = new Set<() => void>();

  readonly emit = (event: EngineEvent): void => {
    this.stream.emit(event);
    for (const observer of this.observers) observer(event);
  };

  subscribe(listener: EngineEventListener, replay: () => readonly EngineEvent[] = () => []): () => void {
    let subscribed = true;
    const off = this.stream.subscribe(listener);
    const unsubscribe = (): void => {
      subscribed = false;
      off();
      this.unsubscribers.delete(unsubscribe);
    };
    this.unsubscribers.add(unsubscribe);
    // On a microtask: the caller gets its unsubscribe function before the replay arrives.
    queueMicrotask(() => {
      if (subscribed) for (const event of replay()) listener(event);
    });
    return unsubscribe;
  }

  observe(observer: EngineEventListener): void {
    this.observers.add(observer);
  }

  clear(): void {
    for (const unsubscribe of [...this.unsubscribers]) unsubscribe();
    this.observers.clear();
  }
}
