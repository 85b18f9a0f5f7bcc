import type { AsrDeviceStatus, GpuDevice, GpuReport } from '../../contract';
import { asrDeviceOptions, probeButton, probeText, whereItRuns } from '../../asr-device';
import { useGpuReport } from '../../hooks/use-gpu-report';
import { useView } from '../../store';
import { Field } from '../Field';
import { Select } from '../Select';
import type { FormFields } from './fields';

export interface AsrDeviceViewProps {
  value: string;
  error?: string | undefined;
  onChoose: (value: string) => void;
  report: GpuReport | null;
  devices: readonly GpuDevice[];
  checking: boolean;
  onProbe: () => void;
  /** Where Whisper runs now (status `model.device`); null while no model is loaded. */
  device: AsrDeviceStatus | null;
}

const ID = 'set-asrDevice';

/**
 * "Speech recognition runs on": Automatic, CPU or one of the GPUs, and under it what is true now: where Whisper runs,
 * why not on the GPU asked for, and the last GPU check with a button to check again.
 */
export function AsrDeviceView({ value, error, onChoose, report, devices, checking, onProbe, device }: AsrDeviceViewProps) {
  const fallback = device?.fallback ?? null;
  const described = (fromField: string | undefined) => [fromField, 'asr-device-now', fallback ? 'asr-device-fallback' : ''].filter(Boolean).join(' ');
  return (
    <div className="asr-device">
      <Field id={ID} label="Speech recognition runs on" error={error}>
        {(d, invalid) => <Select id={ID} value={value} options={asrDeviceOptions(report, devices, value)} onChange={onChoose} describedBy={described(d)} invalid={invalid} />}
      </Field>
      <div className="asr-device-state" data-testid="asr-device-state">
        <p id="asr-device-now" data-asr-device={device?.kind ?? 'none'}>
          {whereItRuns(device)}
        </p>
        {fallback && (
          <p id="asr-device-fallback" className="asr-device-fallback">
            <span aria-hidden="true">⚠ </span>
            {fallback}
          </p>
        )}
        {report && !report.available && <p className="field-hint">This build of Sotto has no GPU backend, so Whisper uses the CPU.</p>}
        {report?.available && (
          <div className="row wrap asr-device-check">
            <span className="field-hint" role="status">
              {probeText(report, checking, fallback)}
            </span>
            <button type="button" className="button small" onClick={onProbe} disabled={checking}>
              {probeButton(report, checking)}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** The picker bound to the settings form (saved the moment a choice is made), fed by the engine's GPU report. */
export function AsrDeviceField({ form }: { form: FormFields }) {
  const gpu = useGpuReport();
  const device = useView((s) => s.status?.model.device ?? null);
  const choose = (value: string) => {
    form.set('asrDevice', value);
    void form.commit(['asrDevice'], { asrDevice: value });
  };
  return (
    <AsrDeviceView value={form.draft.asrDevice} error={form.errors.asrDevice} onChoose={choose} report={gpu.report} devices={gpu.devices} checking={gpu.checking} onProbe={() => void gpu.probe()} device={device} />
  );
}
