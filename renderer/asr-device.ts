/** Pure display helpers (unit-tested) for where Whisper runs: the picker's options and the sentences around it. */
import type { AsrDeviceStatus, GpuDevice, GpuReport } from './contract';

export interface DeviceOption {
  value: string;
  label: string;
}

/** GPU memory as the makers count it (binary): 8 GiB → "8 GB", 1.5 GiB → "1.5 GB"; 0 (not reported) → null. */
export function gpuMemory(bytes: number): string | null {
  if (!Number.isFinite(bytes) || bytes <= 0) return null;
  const gb = bytes / 1024 ** 3;
  const text = gb >= 10 ? gb.toFixed(0) : gb.toFixed(1).replace(/\.0$/, '');
  return `${text === '0' ? '<0.1' : text} GB`;
}

/** "NVIDIA GeForce RTX 3060 · dedicated · 12 GB"; a software renderer says so instead ("… · software, slow"). */
export function gpuLabel(d: GpuDevice): string {
  if (d.software) return `${d.description} · software, slow`;
  return [d.description, d.kind === 'igpu' ? 'integrated' : 'dedicated', gpuMemory(d.memoryTotalBytes)].filter(Boolean).join(' · ');
}

/**
 * Automatic and CPU always; one entry per GPU when this build has a GPU backend. A GPU the setting names that is not
 * listed (not checked yet, or gone) stays selectable under its own name, so the picker never shows another value.
 */
export function asrDeviceOptions(report: GpuReport | null, devices: readonly GpuDevice[], current: string): DeviceOption[] {
  const gpus = report?.available ? devices : [];
  const listed = current === 'auto' || current === 'cpu' || gpus.some((d) => d.id === current);
  const missing = !current.startsWith('gpu:') || listed ? [] : [{ value: current, label: `${current.slice(4)}${report && !report.probing && gpus.length > 0 ? ' · not found now' : ''}` }];
  return [{ value: 'auto', label: 'Automatic' }, { value: 'cpu', label: 'CPU' }, ...gpus.map((d) => ({ value: d.id, label: gpuLabel(d) })), ...missing];
}

/** "Whisper runs on the CPU." / "Whisper runs on Intel UHD Graphics 620 (integrated GPU)."; null: no model loaded. */
export function whereItRuns(device: AsrDeviceStatus | null): string {
  if (!device) return 'Whisper runs once a speech model is loaded.';
  if (device.kind === 'cpu') return 'Whisper runs on the CPU.';
  return `Whisper runs on ${device.name} (${device.kind === 'igpu' ? 'integrated' : 'dedicated'} GPU).`;
}

/** A GPU's name short enough for the status bar: no ®/™ marks, no driver suffix in brackets ("AMD Radeon RX 6600 (RADV NAVI23)"). */
export function shortDeviceName(name: string): string {
  const short = name
    .replace(/\((R|TM)\)|[®™]/gi, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return short || name;
}

/** "14:03" today, else the date too; '' when the time does not parse. */
export function checkedAt(at: string, now: Date = new Date()): string {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return '';
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return when.toDateString() === now.toDateString() ? time : `${when.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

/** What the last GPU check said, without repeating the fallback reason shown just above it. */
export function probeText(report: GpuReport, checking: boolean, fallback: string | null): string {
  if (checking) return 'This can take a minute or two the first time.';
  const last = report.last;
  if (!last) return 'The GPUs have not been checked yet.';
  const when = checkedAt(last.at);
  const head = when ? `Last check (${when})` : 'Last check';
  if (!last.ok && fallback !== null && fallback.includes(last.message)) return `${head} failed.`;
  return `${head}: ${last.message}`;
}

/** The check button: "Try again" after a failed check (the engine's notices name it), else "Check GPUs". */
export function probeButton(report: GpuReport, checking: boolean): string {
  if (checking) return 'Checking the GPU…';
  return report.last && !report.last.ok ? 'Try again' : 'Check GPUs';
}
