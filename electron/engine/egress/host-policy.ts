import type { BlockReason } from './audit';
import { EgressBlockedError, EgressHostRefusedError, type EgressError } from './errors';
import type { EgressOptions, TrafficContext } from './types';

/**
 * Which hosts a request may reach: none in all-local mode (but a model download the user said yes
 * to), otherwise only the hosts the user configured. Decided before any socket exists.
 */

/**
 * The hosts a user's settings allow: the translation endpoints (main and replicas) and the model mirror, plus any
 * fixed hosts the caller adds (the model catalog's publisher). Nothing else is reachable.
 */
export function allowedHostsFor(settings: { cloud: { baseUrl: string; replicas?: readonly { baseUrl: string }[] }; modelMirror: string }, extra: readonly string[] = []): string[] {
  const hosts = new Set(extra.map((h) => h.toLowerCase()));
  for (const raw of [settings.cloud.baseUrl, ...(settings.cloud.replicas ?? []).map((r) => r.baseUrl), settings.modelMirror]) {
    if (!raw) continue;
    try {
      hosts.add(new URL(raw).host.toLowerCase());
    } catch {
      // An invalid URL allows nothing; settings validation reports it.
    }
  }
  return [...hosts];
}

/**
 * An allow-list entry is a host ("api.openai.com", "localhost:11434") or, starting with a dot, a
 * domain suffix (".hf.co": the CDN hosts a model download is redirected to).
 */
export function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return allowedHosts.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('.') ? hostname.endsWith(e) && hostname.length > e.length : e === host || e === hostname;
  });
}

export interface Refusal {
  blocked: BlockReason;
  error: EgressError;
}

export interface HostPolicy {
  /**
   * Why a request to `url` may not leave, or null when it may. `context` null: no purpose known (a bare check).
   * `redirected`: this hop follows a server's redirect rather than the caller's own URL.
   */
  refusal(url: URL, context: TrafficContext | null, redirected?: boolean): Refusal | null;
}

/** A model download the user said yes to under all-local, to this URL: one of the model's own, or a CDN hop after it. */
function consentCovers(url: URL, context: TrafficContext | null, redirected: boolean): boolean {
  if (context?.purpose !== 'model-download' || context.allowInAllLocal !== true) return false;
  // Without a list there is nothing the yes was bound to.
  if (!context.consentUrls) return false;
  return redirected || context.consentUrls.includes(url.href);
}

/** Reads both settings on every call, so flipping all-local mode applies to the very next request (and hop). */
export function createHostPolicy(options: Pick<EgressOptions, 'allLocal' | 'allowedHosts'>): HostPolicy {
  return {
    refusal(url, context, redirected = false) {
      // In all-local mode only a model download the user said yes to may pass (models are public files), and only
      // to that model's own file URLs; a redirect hop must still be on the allow-list below (the publisher's CDN).
      if (options.allLocal() && !consentCovers(url, context, redirected)) return { blocked: 'all-local', error: new EgressBlockedError(url.host) };
      if (!hostAllowed(url, options.allowedHosts())) return { blocked: 'host-not-allowed', error: new EgressHostRefusedError(url.host) };
      return null;
    },
  };
}
