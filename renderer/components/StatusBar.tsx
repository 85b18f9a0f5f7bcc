import type { AsrDeviceStatus, Status } from '../contract';
import { shortDeviceName, whereItRuns } from '../asr-device';
import { useView } from '../store';

const ENDPOINT_TEXT: Record<Status['endpoint'], { label: string; tone: string; help: string }> = {
  unconfigured: { label: 'No cloud endpoint', tone: 'neutral', help: 'No endpoint is set: every line is translated on this device.' },
  unknown: { label: 'Endpoint not checked', tone: 'neutral', help: 'The endpoint has not been contacted yet.' },
  reachable: { label: 'Endpoint reachable', tone: 'good', help: 'The cloud endpoint answered.' },
  failing: { label: 'Endpoint failing', tone: 'bad', help: 'The cloud endpoint answered with an error: the last line was translated on this device instead.' },
  unreachable: { label: 'Endpoint unreachable', tone: 'bad', help: 'The cloud endpoint did not answer: lines fall back to this device.' },
  blocked: { label: 'Cloud blocked (all-local)', tone: 'good', help: 'All-local mode: no connection leaves this device.' },
};

const STATE_TEXT: Record<Status['state'], string> = {
  idle: 'Idle',
  loading: 'Loading model…',
  ready: 'Ready',
  listening: 'Listening',
};

function MicMeter() {
  const level = useView((s) => s.micLevel);
  const capturing = useView((s) => s.status?.mic.capturing ?? false);
  const device = useView((s) => s.status?.mic.device ?? null);
  const percent = Math.round(Math.min(1, level.rms * 3) * 100); // speech RMS is ~0.05–0.3: scale for a readable bar
  return (
    <div className="status-item mic" title={device ? `Microphone: ${device}` : 'Default microphone'}>
      <span className="status-label">Mic</span>
      <div className={`meter ${capturing ? 'on' : ''}`} role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="meter-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** Where Whisper runs, short ("CPU", "NVIDIA GeForce RTX 3060"): the full name and any fallback reason in the title. */
function AsrDeviceName({ device }: { device: AsrDeviceStatus }) {
  const title = device.fallback ? `${whereItRuns(device)} ${device.fallback}` : whereItRuns(device);
  return (
    <span className={`asr-device-name${device.fallback ? ' warn' : ''}`} title={title} data-asr-device={device.kind} data-fallback={device.fallback ? 'true' : undefined}>
      {device.fallback && <span aria-hidden="true">⚠</span>}
      <span className="asr-device-text">{device.kind === 'cpu' ? 'CPU' : shortDeviceName(device.name)}</span>
      {device.fallback && <span className="visually-hidden">, not on the GPU: {device.fallback}</span>}
    </span>
  );
}

/** The speech model and, once loaded, where it runs: "ggml-base on CPU". A model set by file path shows its file name. */
export function ModelItem({ model }: { model: Status['model'] | undefined }) {
  const name = model?.id ? model.id.split(/[\\/]/).pop() : null;
  const device = model?.loaded ? model.device : null;
  return (
    <span className="status-item model" title={model?.id ?? ''}>
      <span className={`dot ${model?.loaded ? 'good' : 'neutral'}`} aria-hidden="true" />
      {!name ? 'No model' : device ? <span className="status-model-name">{name} on</span> : `${name} ${model?.loaded ? 'loaded' : 'not loaded'}`}
      {name && device && <AsrDeviceName device={device} />}
    </span>
  );
}

/** What the engine is doing and whether each part is usable. */
export function StatusBar() {
  const status = useView((s) => s.status);
  const connection = useView((s) => s.connection);
  const endpoint = status ? ENDPOINT_TEXT[status.endpoint] : null;
  return (
    <footer className="status-bar" aria-label="Status">
      <MicMeter />
      <ModelItem model={status?.model} />
      {endpoint && (
        <span className="status-item" title={endpoint.help} data-endpoint={status?.endpoint}>
          <span className={`dot ${endpoint.tone}`} aria-hidden="true" />
          {endpoint.label}
        </span>
      )}
      <span className="status-item" data-engine-state={status?.state}>
        <span className={`dot ${status?.state === 'listening' ? 'live' : 'neutral'}`} aria-hidden="true" />
        {status ? STATE_TEXT[status.state] : 'Unknown'}
        {status?.message ? ` — ${status.message}` : ''}
      </span>
      {connection !== 'ipc' && connection !== 'open' && <span className="status-item warn">Engine connection: {connection}</span>}
    </footer>
  );
}
