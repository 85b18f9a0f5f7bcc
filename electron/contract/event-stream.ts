import { EventGate } from './event-gate';
import type { EngineEvent } from './events';

export type EngineEventListener = (event: EngineEvent) => void;

/** The listeners of one event stream. */
export interface EventStream {
  emit(event: EngineEvent): void;
  /** Returns an unsubscribe function. */
  subscribe(listener: EngineEventListener): () => void;
  readonly listenerCount: number;
}

/**
 * Fans events out to listeners. Notices and errors emitted before the first listener subscribes
 * wait for it (a reset settings file is reported while the page is still starting); later
 * listeners get only what comes after them.
 */
export function createEventStream(onListenerError: (error: unknown) => void = (error) => console.error('Sotto event listener failed', error)): EventStream {
  const listeners = new Set<EngineEventListener>();
  const gate = new EventGate((event) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        onListenerError(error); // one broken listener must not starve the others
      }
    }
    return true;
  });
  return {
    emit: (event) => gate.push(event),
    subscribe(listener) {
      listeners.add(listener);
      gate.open(); // the first subscriber releases what waited; later ones find the gate open
      return () => {
        listeners.delete(listener);
      };
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
