import type { CloudSettings } from '../../contract';
import type { Egress } from '../egress';
import { openAiClient, type ErrorBodies } from './cloud-client';
import { endpointsOf, normaliseBaseUrl, type Endpoint, type EndpointSecrets } from './cloud-endpoint';
import { classifyCloudError } from './cloud-errors';

/**
 * *Check endpoint*: GET {baseUrl}/models on every configured endpoint through the egress (purpose endpoint-check),
 * and a verdict that names the part that is wrong — the URL path, the key, or the model name — with the server's own
 * message (scrubbed of the credentials it was sent).
 */

export type EndpointState = 'unconfigured' | 'blocked' | 'reachable' | 'unreachable';
export type EndpointProblem = 'url' | 'key' | 'model' | 'network' | 'server' | null;

export interface EndpointCheck {
  state: EndpointState;
  message: string | null;
  problem: EndpointProblem;
  /** The models the server listed (null when it listed none). */
  models: string[] | null;
}

function verdictFor(error: unknown, endpoint: Endpoint, bodies: ErrorBodies): EndpointCheck {
  const typed = classifyCloudError(error, { aborted: false, errorBody: bodies.last, secrets: endpoint.secrets });
  if (typed.code === 'CLOUD_BLOCKED') return { state: 'blocked', message: `${typed.message} ${typed.action}`, problem: null, models: null };
  const problem: EndpointProblem =
    typed.code === 'CLOUD_AUTH' ? 'key' : typed.code === 'CLOUD_NOT_FOUND' ? 'url' : typed.code === 'CLOUD_MODEL' ? 'model' : typed.code === 'CLOUD_NETWORK' || typed.code === 'CLOUD_TIMEOUT' ? 'network' : 'server';
  const part = { key: 'The key is not accepted', url: `The URL path is wrong (${endpoint.baseUrl}/models was not found)`, model: 'The model name is wrong', network: 'The server could not be reached', server: 'The server answered with an error' }[problem];
  return { state: 'unreachable', message: `${part}. ${typed.message} ${typed.action}`, problem, models: null };
}

/** Whether the configured model is among those listed; Azure lists base models, not deployment names, so it is not judged. */
function modelVerdict(endpoint: Endpoint, models: string[]): EndpointCheck {
  const listed = models.length ? `Served models: ${models.slice(0, 12).join(', ')}${models.length > 12 ? ', …' : ''}.` : 'The server listed no models.';
  if (endpoint.preset === 'azure' || models.length === 0 || models.includes(endpoint.model)) {
    return { state: 'reachable', message: `Reachable. ${listed}`, problem: null, models };
  }
  return { state: 'reachable', message: `The model name is wrong: "${endpoint.model}" is not among the served models. ${listed}`, problem: 'model', models };
}

async function checkOne(egress: Egress, endpoint: Endpoint, timeouts: { connectMs: number; idleMs: number }): Promise<EndpointCheck> {
  const scope = egress.scope({ purpose: 'endpoint-check', timeouts });
  const bodies: ErrorBodies = { last: null };
  try {
    const page = await openAiClient(endpoint, scope.fetch, bodies).models.list();
    return modelVerdict(endpoint, page.data.map((m) => m.id));
  } catch (error) {
    return verdictFor(error, endpoint, bodies);
  } finally {
    await scope.close();
  }
}

/** Every endpoint checked in turn; one verdict for the main endpoint, the replicas' appended. */
export async function checkEndpoint(egress: Egress, settings: CloudSettings, secrets: (origin: string) => EndpointSecrets): Promise<EndpointCheck> {
  const endpoints = endpointsOf(settings, secrets);
  if (endpoints.length === 0) return { state: 'unconfigured', message: null, problem: null, models: null };
  const timeouts = { connectMs: settings.connectTimeoutMs, idleMs: settings.timeoutMs };
  const results: EndpointCheck[] = [];
  for (const endpoint of endpoints) results.push(await checkOne(egress, endpoint, timeouts));
  const note = normaliseBaseUrl(settings.baseUrl, settings.preset).note;
  const main = results[0]!;
  const lines = [note, main.message, ...results.slice(1).map((r, i) => `Replica ${i + 1} (${endpoints[i + 1]!.origin}): ${r.message ?? r.state}`)].filter(Boolean);
  return { ...main, message: lines.join(' ') || null };
}
