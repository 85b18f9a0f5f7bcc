import type { EngineEvent, Settings, Status } from '../../contract';

export type Reachability = 'unknown' | 'reachable' | 'failing' | 'unreachable';

/**
 * Whether the cloud endpoint answers, as last seen: from an explicit check, or from each cloud line (so the status bar
 * follows without extra requests). 'unknown' until seen, and again after the URL or the key changes.
 */
export class EndpointReachability {
  private known: Reachability = 'unknown';

  constructor(private readonly onChange: () => void) {}

  /**
   * The latest cloud outcome wins: a cloud caption proves an answer; a fallback that received something got an error
   * answer (failing); one that received nothing got no answer at all (down, refused, timed out).
   */
  learnFrom(event: EngineEvent): void {
    if (event.type !== 'caption.final') return;
    const next = event.lane === 'cloud' && !event.fallback ? 'reachable' : event.fallback ? (event.bytes.received === 0 ? 'unreachable' : 'failing') : null;
    if (!next || next === this.known) return;
    this.known = next;
    this.onChange();
  }

  /** An endpoint check's answer; the check reports it itself, so no change notification. */
  record(state: Reachability): void {
    this.known = state;
  }

  forget(): void {
    this.known = 'unknown';
  }

  /** What the status bar shows for these settings. */
  state(settings: Settings): Status['endpoint'] {
    if (settings.allLocal) return 'blocked';
    if (!settings.cloud.baseUrl) return 'unconfigured';
    return this.known;
  }
}
