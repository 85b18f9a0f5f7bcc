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

/** The model manager over that egress: one scope per download, carrying the user's all-local consent for its URLs. */
export function createAppModelManager(
  egress: Egress,
  options: Omit<ModelManagerOptions, 'fetchFor'>,
): ModelManager {
  return new ModelManager({
    ...options,
    fetchFor: ({ allowInAllLocal, urls }) => egress.scope({ purpose: 'model-download', allowInAllLocal, consentUrls: urls }).fetch as typeof fetch,
  });
}
