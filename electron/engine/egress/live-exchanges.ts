import { EgressBlockedError } from './errors';
import type { Exchange } from './exchange';
import type { HostPolicy } from './host-policy';
import type { TrafficContext } from './types';

interface Open {
  url: URL;
  context: TrafficContext;
  redirected: boolean;
}

/** Every exchange still open, with what it was for, so a change of policy (all-local on) can reach it mid-flight. */
export class LiveExchanges {
  private readonly open = new Map<Exchange, Open>();

  add(exchange: Exchange, entry: Open): void {
    this.open.set(exchange, entry);
    void exchange.result.finally(() => this.open.delete(exchange));
  }

  /** Ends every open exchange the policy now refuses; returns how many. */
  refuseWith(policy: HostPolicy): number {
    let ended = 0;
    for (const [exchange, { url, context, redirected }] of this.open) {
      const refused = policy.refusal(url, context, redirected);
      if (!refused) continue;
      exchange.abort(refused.error instanceof EgressBlockedError ? refused.error : new EgressBlockedError(url.host));
      ended++;
    }
    return ended;
  }
}
