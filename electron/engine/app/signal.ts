/** A change notification with no payload: parts fire it, the composition root decides what follows. */
export class Signal {
  private readonly listeners = new Set<() => void>();

  readonly fire = (): void => {
    for (const listener of this.listeners) listener();
  };

  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
