import { useEffect, useRef, useState } from 'react';
import type { GpuDevice, GpuReport } from '../contract';
import { useCall } from '../api';
import { useView } from '../store';

/** How often `asr.gpu` is asked again while the engine probes by itself (after a model or setting change). */
export const PROBING_POLL_MS = 2000;

export interface GpuReportView {
  /** The engine's latest answer; null until the first one. */
  report: GpuReport | null;
  /**
   * The GPUs seen since Settings opened: a report is per setting, and one for a GPU not checked yet lists none, which
   * must not empty the picker the moment that GPU is chosen.
   */
  devices: GpuDevice[];
  /** A check runs (this window's, or one the engine started): the check button waits. */
  checking: boolean;
  /** Probes the GPUs again now (`asr.gpu.probe`: seconds, up to a minute or two). */
  probe(): Promise<void>;
}

/**
 * The GPU report for the settings dialog: asked when it opens, again whenever the setting, the model or where Whisper
 * runs changes, and every couple of seconds while the engine is probing. Only the newest answer is kept.
 */
export function useGpuReport(): GpuReportView {
  const call = useCall();
  const asrDevice = useView((s) => s.settings?.asrDevice);
  const asrModel = useView((s) => s.settings?.asrModel);
  const device = useView((s) => s.status?.model.device ?? null);
  const [report, setReport] = useState<GpuReport | null>(null);
  const [devices, setDevices] = useState<GpuDevice[]>([]);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  const take = (answer: GpuReport | null, asked: number) => {
    if (!answer || asked !== latest.current) return;
    setReport(answer);
    if (!answer.available) setDevices([]);
    else if (answer.devices.length > 0) setDevices(answer.devices);
  };
  const refresh = () => {
    const asked = ++latest.current;
    void call('asr.gpu', {}).then((answer) => take(answer, asked));
  };

  // call is a fresh closure each render: the effects list what they depend on, not it.
  useEffect(refresh, [asrDevice, asrModel, device?.name, device?.fallback]);
  const polling = Boolean(report?.probing) && !busy;
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(refresh, PROBING_POLL_MS);
    return () => clearInterval(timer);
  }, [polling]);

  const probe = async () => {
    setBusy(true);
    const asked = ++latest.current;
    take(await call('asr.gpu.probe', {}), asked);
    setBusy(false);
  };
  return { report, devices, checking: busy || Boolean(report?.probing), probe };
}
