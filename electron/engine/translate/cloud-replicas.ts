import type { Endpoint } from './cloud-endpoint';

/**
 * Replicas, not splits: each line goes wholly to one endpoint. Lower rank first; endpoints of equal rank take turns;
 * an endpoint that failed a line (after its own retries) is skipped for a cool-down that doubles while it keeps
 * failing, then gets one line to prove itself again (a circuit breaker, half-open after the cool-down).
 */

export interface EndpointHealthOptions {
  /** First cool-down after a failure; doubles per further failure, up to maxCoolDownMs. */
  coolDownMs?: number;
  maxCoolDownMs?: number;
  now?: () => number;
}

interface Health {
  failures: number;
  until: number;
}

const idOf = (e: Endpoint): string => `${e.baseUrl} ${e.model}`;

export class EndpointHealth {
  private readonly health = new Map<string, Health>();
  private readonly turns = new Map<number, number>();
  private readonly coolDownMs: number;
  private readonly maxCoolDownMs: number;
  private readonly now: () => number;

  constructor(options: EndpointHealthOptions = {}) {
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.maxCoolDownMs = options.maxCoolDownMs ?? 300_000;
    this.now = options.now ?? Date.now;
  }

  /** The endpoints to try for the next line, in order; cooling ones are left out while any other is ready. */
  order(endpoints: readonly Endpoint[]): Endpoint[] {
    const warm = endpoints.filter((e) => !this.cooling(e));
    // With nothing else to go to, a cooling endpoint is still asked: skipping it would only mean the device.
    const ready = warm.length ? warm : [...endpoints];
    const ranks = [...new Set(ready.map((e) => e.rank))].sort((a, b) => a - b);
    return ranks.flatMap((rank) => {
      const group = ready.filter((e) => e.rank === rank);
      // Equal ranks share lines: each line starts one further along the group.
      const turn = this.turns.get(rank) ?? 0;
      this.turns.set(rank, turn + 1);
      const start = turn % group.length;
      return [...group.slice(start), ...group.slice(0, start)];
    });
  }

  failed(endpoint: Endpoint): void {
    const failures = (this.health.get(idOf(endpoint))?.failures ?? 0) + 1;
    const wait = Math.min(this.maxCoolDownMs, this.coolDownMs * 2 ** (failures - 1));
    this.health.set(idOf(endpoint), { failures, until: this.now() + wait });
  }

  succeeded(endpoint: Endpoint): void {
    this.health.delete(idOf(endpoint));
  }

  /** Whether the endpoint is cooling down now (status, tests). */
  cooling(endpoint: Endpoint): boolean {
    return (this.health.get(idOf(endpoint))?.until ?? 0) > this.now();
  }
}
