import type { ModelDownloadProgress } from '../../contract';

type State = ModelDownloadProgress['state'];

/**
 * Turns byte counts into the contract's progress events: speed over a sliding window (so a pause
 * shows as a slowdown, not an average over the whole download), ETA from that speed, and at most
 * one 'downloading' event per interval so the UI is not flooded.
 */
export class ProgressReporter {
  private samples: { at: number; bytes: number }[] = [];
  private lastEmit = 0;
  private lastState: State | null = null;
  private bytes = 0;
  private total: number | null;

  constructor(
    private readonly id: string,
    total: number | null,
    private readonly emit: (event: ModelDownloadProgress) => void,
    private readonly intervalMs = 200,
    private readonly windowMs = 3000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.total = total;
  }

  setTotal(total: number | null): void {
    this.total = total;
  }

  bytesNow(bytes: number): void {
    this.bytes = bytes;
    const at = this.now();
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
    // The first bytes are shown at once; after that at most one event per interval.
    if (this.lastState !== 'downloading' || at - this.lastEmit >= this.intervalMs) this.send('downloading');
  }

  speed(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
  }

  send(state: State, message: string | null = null): void {
    this.lastEmit = this.now();
    this.lastState = state;
    const speed = state === 'downloading' ? this.speed() : 0;
    const eta = state === 'downloading' && this.total !== null && speed > 0 ? Math.max(0, (this.total - this.bytes) / speed) : state === 'done' ? 0 : null;
    this.emit({ type: 'model.progress', id: this.id, state, bytes: this.bytes, total: this.total, speed_bps: speed, eta_s: eta, message });
  }
}
