import type { Status } from '../contract';
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

/** What the engine is doing and whether each part is usable. */
export function StatusBar() {
  const status = useView((s) => s.status);
  const connection = useView((s) => s.connection);
  const endpoint = status ? ENDPOINT_TEXT[status.endpoint] : null;
  return (
    <footer className="status-bar" aria-label="Status">
      <MicMeter />
      <span className="status-item" title={status?.model.id ?? ''}>
        <span className={`dot ${status?.model.loaded ? 'good' : 'neutral'}`} aria-hidden="true" />
        {/* A model set by file path shows its file name; the full path is in the title. */}
        {status?.model.id ? `${status.model.id.split(/[\\/]/).pop()} ${status.model.loaded ? 'loaded' : 'not loaded'}` : 'No model'}
      </span>
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
