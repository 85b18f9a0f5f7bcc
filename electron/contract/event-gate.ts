import type { EngineEvent, EngineEventType } from './events';

/** Events a user must see even when they happen before anyone can listen; the rest is state a page fetches itself. */
export const MUST_SEE_EVENTS: ReadonlySet<EngineEventType> = new Set<EngineEventType>(['notice', 'error']);
const MAX_HELD = 50;

/**
 * Holds notices and errors while nobody can receive them (no window yet, a page reloading, no
 * subscriber yet) and delivers them, in order, once someone can. Other events pass through while
 * open and are dropped while closed: a page asks for current state (status.get, ...) when it starts.
 */
export class EventGate {
  private isOpen = false;
  private held: EngineEvent[] = [];

  /** `deliver` returns false when the receiver is gone: then the event is held too. */
  constructor(private readonly deliver: (event: EngineEvent) => boolean) {}

  push(event: EngineEvent): void {
    if (this.isOpen && this.deliver(event)) return;
    if (!MUST_SEE_EVENTS.has(event.type)) return;
    this.held.push(event);
    // Bounded: a flood of errors while nobody listens must not grow memory without limit.
    if (this.held.length > MAX_HELD) this.held.splice(0, this.held.length - MAX_HELD);
  }

  open(): void {
    this.isOpen = true;
    const waiting = this.held;
    this.held = [];
    for (const event of waiting) this.push(event);
  }

  close(): void {
    this.isOpen = false;
  }

  get heldCount(): number {
    return this.held.length;
  }
}
