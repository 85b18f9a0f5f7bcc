// The egress module's public surface: what callers outside this folder may use.
export { createEgress } from './egress';
export type { ByteCounts, Egress, EgressFetch, EgressOptions, EgressScope, PurposeTotals, TrafficContext } from './types';
export { allowedHostsFor, hostAllowed } from './host-policy';
export { credentialsIn, scrubError, scrubSecret, scrubSecrets } from './scrub';
export * from './errors';
export * from './audit';
