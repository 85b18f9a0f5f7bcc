import type { EngineEvent } from '../contract';

/** Events a user must see even when they happen before the page can listen; the rest is state the page fetches itself. */
const KEEP_WHILE_CLOSED = new Set<EngineEvent['type']>(['notice', 'error']);
const MAX_HELD = 50;

/**
 * Holds notices and errors while the window cannot receive them (not loaded yet, reloading)
 * and delivers them, in order, once it can. Other events pass through when open and are
 * dropped when closed: the page asks for current state (status.get, ...) when it starts.
 */
export class EventGate {
  private isOpen = false;
  private held: EngineEvent[] = [];

  /** `deliver` returns false when the window is gone: then the event is held too. */
  constructor(private readonly deliver: (event: EngineEvent) => boolean) {}

  push(event: EngineEvent): void {
    if (this.isOpen && this.deliver(event)) return;
    if (!KEEP_WHILE_CLOSED.has(event.type)) return;
    this.held.push(event);
    // Bounded: a flood of errors while no window exists must not grow memory without limit.
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
