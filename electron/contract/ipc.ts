/**
 * Electron IPC channel names shared by main and the preload. Invokes go over `invoke`
 * (InvokeEnvelope → ReplyEnvelope); engine events come back on `event`.
 */
export const IPC_CHANNELS = {
  invoke: 'sotto:invoke',
  event: 'sotto:event',
} as const;
