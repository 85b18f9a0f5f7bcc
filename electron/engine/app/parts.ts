import type { PublicSettings, Settings, Status } from '../../contract';
import type { Egress } from '../egress';
import type { History } from '../history';
import type { ModelManager } from '../models/manager';
import type { Pipeline } from '../pipeline/pipeline';
import type { SettingsStore } from '../settings/store';
import type { ApiKey } from './api-key';
import type { AsrDevice } from '../asr-device/asr-device';
import type { AsrModelHolder } from './asr-model';
import type { CaptureController } from './capture-controller';
import type { EndpointReachability } from './endpoint-reachability';
import type { EventHub } from './event-hub';

/** The engine's parts, built once by createEngineApp and handed to the command handlers and reactions. */
export interface AppParts {
  store: SettingsStore;
  settings: () => Settings;
  apiKey: ApiKey;
  events: EventHub;
  egress: Egress;
  models: ModelManager;
  asr: AsrModelHolder;
  device: AsrDevice;
  pipeline: Pipeline;
  capture: CaptureController;
  endpoint: EndpointReachability;
  history: History;
  status: (message?: string | null) => Status;
  publicSettings: () => Promise<PublicSettings>;
}
