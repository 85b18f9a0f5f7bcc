import { SottoCommandError, type CommandError } from '../contract';

interface Pending<T> {
  command: string;
  resolve(value: T): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | null;
}

/** What a pending call is told when it gives up: built from the command it was running. */
export type Failure = (command: string) => CommandError;

/**
 * Calls waiting for something (a reply, a connection), keyed by call id. Each is settled once:
 * by its answer, by its own timeout, or with all the others when the wait is over for everyone.
 */
export class PendingCalls<T> {
  private readonly pending = new Map<number, Pending<T>>();

  /** Waits until `settle(id)`; with `timeout`, fails with its error after that many ms. */
  add(id: number, command: string, timeout?: { ms: number; failure: Failure }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = timeout ? setTimeout(() => this.fail(id, timeout.failure), timeout.ms) : null;
      this.pending.set(id, { command, resolve, reject, timer });
    });
  }

  /** Resolves one call; an id nobody waits for (answered already, or failed) is ignored. */
  settle(id: number, value: T): void {
    this.take(id)?.resolve(value);
  }

  settleAll(value: T): void {
    for (const id of [...this.pending.keys()]) this.settle(id, value);
  }

  failAll(failure: Failure): void {
    for (const id of [...this.pending.keys()]) this.fail(id, failure);
  }

  get size(): number {
    return this.pending.size;
  }

  private fail(id: number, failure: Failure): void {
    const call = this.take(id);
    if (!call) return;
    call.reject(new SottoCommandError(failure(call.command)));
  }

  private take(id: number): Pending<T> | undefined {
    const call = this.pending.get(id);
    if (!call) return undefined;
    this.pending.delete(id);
    if (call.timer) clearTimeout(call.timer);
    return call;
  }
}
