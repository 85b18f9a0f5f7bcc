import { systemPreferences } from 'electron';

/**
 * macOS asks the user once per app; capture without consent yields silence, so ask first and
 * let the engine explain a refusal. Other systems have no per-app prompt for native capture.
 */
export async function requestMicrophoneAccess(): Promise<boolean> {
  if (process.platform !== 'darwin') return true;
  const status = systemPreferences.getMediaAccessStatus('microphone');
  if (status === 'granted') return true;
  // 'denied' and 'restricted' cannot be asked again: only System Settings can change them.
  if (status === 'denied' || status === 'restricted') return false;
  return systemPreferences.askForMediaAccess('microphone');
}

/**
 * A global key hook on macOS needs Accessibility permission, and uiohook aborts the whole
 * process without it: check (without prompting) first. null = allowed.
 */
export function accessibilityRefusal(): string | null {
  if (process.platform !== 'darwin') return null;
  if (systemPreferences.isTrustedAccessibilityClient(false)) return null;
  return 'macOS has not given Sotto Accessibility permission (System Settings → Privacy & Security → Accessibility); allow it there for hold-to-talk';
}
