import { z } from 'zod';
import { AsrDeviceSetting } from '../../contract';

/** What the app asks the probe child: try this model on the GPU this setting means. */
export const ProbeRequest = z.object({ model: z.string().min(1), setting: AsrDeviceSetting, flashAttn: z.boolean() });
export type ProbeRequest = z.infer<typeof ProbeRequest>;

export const ProbeStep = z.enum(['start', 'backends', 'devices', 'load', 'transcribe']);
export type ProbeStep = z.infer<typeof ProbeStep>;

const Device = z.object({
  name: z.string(),
  description: z.string(),
  kind: z.enum(['cpu', 'gpu', 'igpu', 'accel']),
  memoryFreeBytes: z.number(),
  memoryTotalBytes: z.number(),
  gpuIndex: z.number().int(),
});

/** How a probe ended, as the child says it; a child that dies says nothing, and the runner reports its last step. */
export const ProbeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), device: Device, devices: z.array(Device), backends: z.array(z.string()) }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['no_backend', 'no_gpu', 'gpu_failed', 'failed']),
    message: z.string(),
    devices: z.array(Device),
    backends: z.array(z.string()),
  }),
]);
export type ProbeResult = z.infer<typeof ProbeResult>;

/** One NDJSON line on the child's stdout: a step begins, or the result. */
export const ProbeLine = z.union([z.object({ step: ProbeStep }), z.object({ result: ProbeResult })]);
export type ProbeLine = z.infer<typeof ProbeLine>;
