import { toCommandError, type CommandName, type CommandRequest, type CommandResponse } from '../../contract';
import { listMicDevices } from '../capture/mic-source';
import { checkEndpoint } from '../translate/cloud-check';
import type { AppParts } from './parts';
import { adoptInstalledModel } from './speech-model';

/** One handler per contract command, typed by the contract. */
export type CommandHandlers = { [K in CommandName]: (request: CommandRequest<K>) => Promise<CommandResponse<K>> };

const ok = { ok: true as const };

function settingsCommands(p: AppParts) {
  return {
    'settings.get': () => p.publicSettings(),
    'settings.update': async ({ patch }) => {
      await p.store.update(patch);
      return p.publicSettings();
    },
    'apikey.set': async ({ key }) => {
      await p.apiKey.set(key, p.settings().cloud.baseUrl);
      p.endpoint.forget();
      const settings = await p.publicSettings();
      p.events.emit({ type: 'settings.changed', settings });
      return settings;
    },
    'status.get': async () => p.status(),
    'ledger.get': async () => p.pipeline.ledger.totals(),
    'endpoint.secrets.set': async ({ baseUrl, key, headers, query }) => {
      await p.apiKey.setFor(baseUrl, { ...(key !== undefined ? { key } : {}), ...(headers ? { headers } : {}), ...(query ? { query } : {}) });
      p.endpoint.forget();
      const settings = await p.publicSettings();
      p.events.emit({ type: 'settings.changed', settings });
      return settings;
    },
    'endpoint.check': async () => {
      // Each endpoint gets the secrets of its own origin only (ApiKey.secretsFor), read at this moment.
      const result = await checkEndpoint(p.egress, p.settings().cloud, (origin) => p.apiKey.secretsFor(origin));
      if (result.state === 'reachable' || result.state === 'unreachable') p.endpoint.record(result.state);
      const status = p.status(result.message);
      p.events.emit(status);
      return status;
    },
  } satisfies Partial<CommandHandlers>;
}

function captureCommands(p: AppParts) {
  return {
    'mics.list': async () => ({ devices: listMicDevices() }),
    'mode.set': async ({ mode }) => {
      await p.store.update({ mode });
      return p.status();
    },
    'ptt.press': async () => {
      await p.capture.pttPress();
      return ok;
    },
    'ptt.release': async () => {
      await p.capture.pttRelease();
      return ok;
    },
    'listen.set': async ({ on }) => {
      await p.capture.setListening(on);
      return p.status();
    },
    'text.translate': async ({ text }) => ({ id: (await p.pipeline.textSession()).translateText(text) }),
  } satisfies Partial<CommandHandlers>;
}

function deviceCommands(p: AppParts) {
  const modelPath = () => p.asr.resolvePath(p.settings().asrModel);
  return {
    'asr.gpu': async () => p.device.report(p.settings().asrDevice, await modelPath().catch(() => null)),
    'asr.gpu.probe': async () => p.device.reprobe(p.settings().asrDevice, await modelPath()),
  } satisfies Partial<CommandHandlers>;
}

function modelCommands(p: AppParts) {
  return {
    'models.list': async () => ({ models: await p.models.list() }),
    'models.download': async ({ id, allowInAllLocal }) => {
      p.models.model(id); // an unknown id is a clear error now, not in a progress event
      p.models.download(id, { allowInAllLocal: allowInAllLocal ?? false }).then(
        () => adoptInstalledModel(p, id),
        (error: unknown) => {
          const f = toCommandError(error, { code: 'model_download_failed', action: 'Try again, set a download mirror in Settings, or import the file.' });
          p.events.emit({ type: 'error', ...f, recoverable: true, caption_id: null });
        },
      );
      return ok;
    },
    'models.cancel': async ({ id }) => {
      p.models.cancel(id);
      return ok;
    },
    'models.delete': async ({ id }) => {
      const models = await p.models.delete(id);
      p.pipeline.refresh();
      return { models };
    },
    'models.import': async ({ id, path }) => {
      await p.models.import(id, path);
      await adoptInstalledModel(p, id);
      return { models: await p.models.list() };
    },
  } satisfies Partial<CommandHandlers>;
}

/** History stays on this device: these handlers read and delete local files only, never the egress. */
export function historyCommands(p: Pick<AppParts, 'history' | 'settings'>) {
  const sessions = async () => ({ sessions: await p.history.list(), retention: p.settings().history.retention });
  return {
    'history.list': sessions,
    'history.get': ({ id }) => p.history.get(id),
    'history.search': ({ query }) => p.history.search(query),
    'history.delete': async ({ id }) => {
      await p.history.delete(id);
      return sessions();
    },
    'history.clear': async () => {
      await p.history.clear();
      return sessions();
    },
    'history.export': ({ id, format, content }) => p.history.export(id, format, content ?? 'both'),
  } satisfies Partial<CommandHandlers>;
}

export function createCommandHandlers(parts: AppParts): CommandHandlers {
  return { ...settingsCommands(parts), ...captureCommands(parts), ...deviceCommands(parts), ...modelCommands(parts), ...historyCommands(parts) };
}
