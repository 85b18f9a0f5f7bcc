import { join } from 'node:path';
import type { Settings } from '../../contract';
import { allowedHostsFor, createEgress, type Egress, type EgressOptions } from '../egress';
import { downloadHosts, MODEL_REDIRECT_HOST_SUFFIXES, type Catalog } from '../models/catalog';
import { ModelManager, type ModelManagerOptions } from '../models/manager';

/**
 * The egress as the app configures it (the app, the demo and the models CLI alike): all-local from settings;
 * allowed hosts = the endpoint and mirror the user set, the catalog's publishers and the CDNs they redirect
 * to; the audit log in the user data folder.
 */
export function createAppEgress(
  settings: () => Settings,
  catalog: Catalog,
  userDataDir: string,
  hooks: Pick<EgressOptions, 'onTraffic' | 'onAuditError'> = {},
): Egress {
  return createEgress({
    allLocal: () => settings().allLocal,
    allowedHosts: () => allowedHostsFor(settings(), [...downloadHosts(catalog, settings().modelMirror), ...MODEL_REDIRECT_HOST_SUFFIXES]),
    auditLogPath: join(userDataDir, 'audit.jsonl'),
    ...hooks,
  });
}

/**
 * The model manager over that egress: one scope per download attempt, carrying the user's all-local consent for its
 * URLs, and reporting every hop's response head (the server's integrity metadata rides on the redirect).
 */
export function createAppModelManager(
  egress: Egress,
  options: Omit<ModelManagerOptions, 'fetchFor'>,
): ModelManager {
  return new ModelManager({
    ...options,
    fetchFor: ({ allowInAllLocal, urls, onResponseHead }) => egress.scope({ purpose: 'model-download', allowInAllLocal, consentUrls: urls, onResponseHead }).fetch as typeof fetch,
  });
}
