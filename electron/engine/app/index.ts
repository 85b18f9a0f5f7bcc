import { join } from 'node:path';
import type { CommandName, CommandRequest, CommandResponse, EngineEvent, Settings } from '../../contract';
import type { EgressOptions } from '../egress';
import { AsrDevice } from '../asr-device/asr-device';
import { nodeProbeLauncher } from '../asr-device/probe';
import { GpuInUseMarker } from '../asr-device/gpu-in-use';
import { ProbeRecords } from '../asr-device/probe-record';
import { History } from '../history';
import { Budget, FileBudgetStore, Ledger } from '../ledger';
import { loadCatalog } from '../models/catalog';
import { Pipeline } from '../pipeline/pipeline';
import { SettingsStore } from '../settings/store';
import { FileParamMemory } from '../translate/cloud-params-file';
import { ApiKey } from './api-key';
import { createAppEgress, createAppModelManager } from './app-egress';
import { AsrModelHolder } from './asr-model';
import { CaptureController } from './capture-controller';
import { createCommandHandlers, type CommandHandlers } from './commands';
import { EndpointReachability } from './endpoint-reachability';
import { EngineFailure } from './errors';
import { EventHub } from './event-hub';
import type { AppParts } from './parts';
import { reactToSettings } from './settings-reactions';
import { Signal } from './signal';
import { placeWhenIdle, preloadSpeechModel, speechModelFailure } from './speech-model';
import { projectStatus } from './status';
import type { EngineApp, EngineAppOptions } from './types';
import { repoResourcesDir } from './user-data';

export type { EngineApp, EngineAppOptions } from './types';
export { defaultUserDataDir } from './user-data';

/**
 * The engine behind the UI, composed: settings, models, capture, the caption pipeline and the ledger, answering the
 * contract's commands and emitting its events. Electron main and the dev host both wrap one of these. Parts are built
 * first and connected after, so nothing depends on the order of declarations.
 */
export async function createEngineApp(options: EngineAppOptions): Promise<EngineApp> {
  const files = userDataFiles(options.userDataDir);
  const modelsDir = options.modelsDir ?? join(options.userDataDir, 'models');
  const store = await SettingsStore.open({ dir: options.userDataDir });
  const settings = (): Settings => store.get();
  const catalog = await loadCatalog(join(options.resourcesDir ?? repoResourcesDir, 'models.json'));
  const apiKey = await ApiKey.open(options.secrets, settings().cloud.baseUrl);
  const events = new EventHub();
  const statusChanged = new Signal();
  const ledger = new Ledger({
    price: () => settings().cloud.pricePerMillion,
    // The month's cloud spending survives restarts; the budget itself is read from settings at each line.
    budget: new Budget(new FileBudgetStore(files.budget)),
    budgetSettings: () => settings().cloud.budget,
  });
  const egress = createAppEgress(settings, catalog, options.userDataDir, trafficOutsideCaptions(ledger, events.emit));
  const models = createAppModelManager(egress, { catalog, modelsDir, settings, onProgress: events.emit });
  const device = new AsrDevice({
    records: new ProbeRecords(files.gpuProbe, (e) => events.emit({ type: 'notice', level: 'warning', code: 'gpu_probe_write_failed', message: `What Sotto learned about the GPU could not be saved: ${e.message}` })),
    inUse: new GpuInUseMarker(files.gpuInUse),
    launch: options.gpuProbe ?? nodeProbeLauncher(),
    emit: events.emit,
    onProbed: statusChanged.fire,
    ...(options.gpuProbeEnv ? { probeEnv: options.gpuProbeEnv } : {}),
  });
  const asr = new AsrModelHolder(models, statusChanged.fire, { device, setting: () => settings().asrDevice, epoch: () => device.epoch });
  const pipeline = new Pipeline({
    settings,
    asr: () => asr.get(settings().asrModel),
    // Installed translation models are checked before every load, as speech models are in installedPath.
    verifyModelFolder: (folder) => models.verifyFolder(folder),
    egress,
    // Every endpoint gets the secrets of its own origin (its key among them), and only those.
    secrets: (origin) => apiKey.secretsFor(origin),
    paramMemory: new FileParamMemory(files.cloudModels),
    modelsDir,
    emit: events.emit,
    ledger,
  });
  const capture = new CaptureController({
    session: () => pipeline.session(),
    micDevice: () => settings().micDeviceIndex,
    vadSettings: () => settings().vad,
    emit: events.emit,
    onChange: statusChanged.fire,
    ...(options.requestMicrophoneAccess ? { requestMicrophoneAccess: options.requestMicrophoneAccess } : {}),
  });
  const endpoint = new EndpointReachability(statusChanged.fire);
  const history = new History({ dir: files.history, retention: () => settings().history.retention, report: events.emit });
  const status: AppParts['status'] = (message = null) => projectStatus({ settings: settings(), asr, capture, endpoint: endpoint.state(settings()) }, message);
  const publicSettings: AppParts['publicSettings'] = async () => ({ ...settings(), apiKeySet: apiKey.origin !== null, apiKeyOrigin: apiKey.origin, endpointSecrets: apiKey.summary() });
  const parts: AppParts = { store, settings, apiKey, events, egress, models, asr, device, pipeline, capture, endpoint, history, status, publicSettings };
  connect(parts, statusChanged);
  statusChanged.on(() => placeWhenIdle(parts));
  return engineApi(parts, createCommandHandlers(parts));
}

/** Where the engine keeps its files in the user data folder. */
function userDataFiles(dir: string) {
  return { budget: join(dir, 'cloud-budget.json'), cloudModels: join(dir, 'cloud-models.json'), history: join(dir, 'history'), gpuProbe: join(dir, 'gpu-probe.json'), gpuInUse: join(dir, 'gpu-in-use.json') };
}

/** The parts' reactions to one another, once all of them exist. */
function connect(parts: AppParts, statusChanged: Signal): void {
  const { events, store, egress, endpoint, history } = parts;
  statusChanged.on(() => events.emit(parts.status()));
  // All-local holds from the request on: whatever is still on the wire from before ends now.
  store.onAllLocalRequested(() => egress.refuseInFlight());
  events.observe((event) => endpoint.learnFrom(event));
  events.observe(budgetNotice(events.emit));
  events.observe(history.observe);
  reactToSettings(parts);
  preloadSpeechModel(parts);
}

/** The contract's face of the engine: commands by the table, events with a replay, and an orderly shutdown. */
function engineApi(parts: AppParts, handlers: CommandHandlers): EngineApp {
  const { events, store, apiKey } = parts;
  return {
    async invoke<K extends CommandName>(command: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
      const handler = handlers[command] as ((r: CommandRequest<K>) => Promise<CommandResponse<K>>) | undefined;
      if (!handler) throw new EngineFailure('unknown_command', `The engine has no command "${command}".`, 'Update Sotto.');
      return handler(request);
    },
    // A new window learns the current state, and what it must not miss: a reset settings file, a lost key, and why
    // the chosen speech model did not load (a window that opens later would otherwise never hear it).
    onEvent: (listener) =>
      events.subscribe(listener, () => [parts.status(), ...store.loadNotices, ...apiKey.notices, ...parts.device.notices, ...(parts.asr.failure ? [speechModelFailure(parts.asr.failure)] : [])]),
    async dispose() {
      await parts.capture.dispose();
      await parts.pipeline.dispose();
      await parts.asr.dispose();
      await parts.device.dispose(); // after the model is freed: a clean end, nothing left on a GPU
      await parts.history.close();
      parts.egress.close(); // idle kept-alive connections end with the app
      events.clear();
    },
  };
}

/**
 * Traffic that belongs to no caption (endpoint checks, model downloads) still counts in the ledger: its bytes_sent is
 * everything that left this machine. Translations are counted per caption.
 */
function trafficOutsideCaptions(ledger: Ledger, emit: (event: EngineEvent) => void): Pick<EgressOptions, 'onTraffic' | 'onAuditError'> {
  return {
    onTraffic: (record) => {
      if (record.purpose === 'translation' || record.blocked) return;
      emit({ type: 'ledger.updated', totals: ledger.addTraffic(record) });
    },
    onAuditError: (error) =>
      emit({ type: 'notice', level: 'warning', code: 'audit_write_failed', message: `The audit log could not be written: ${error.message}` }),
  };
}

/** One notice the moment the month's cloud budget runs out (and again in a later month): lines stay on the device. */
function budgetNotice(emit: (event: EngineEvent) => void): (event: EngineEvent) => void {
  let told: string | null = null;
  return (event) => {
    const budget = event.type === 'ledger.updated' ? event.totals.budget : null;
    if (!budget || budget.left > 0 || told === budget.month) return;
    told = budget.month;
    emit({ type: 'notice', level: 'warning', code: 'cloud_budget_spent', message: `This month's cloud budget is spent (${budget.spent.toFixed(budget.kind === 'usd' ? 2 : 0)} of ${budget.limit} ${budget.kind}). Lines stay on the device until next month, or until you raise the budget in Settings → Cloud endpoint.` });
  };
}
