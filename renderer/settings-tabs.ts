/** The settings dialog's tabs, in order; Appearance is one click (or arrow key) away, never below the model list. */
export const SETTINGS_TABS = [
  { id: 'general', label: 'General' },
  { id: 'translation', label: 'Translation' },
  { id: 'cloud', label: 'Cloud' },
  { id: 'models', label: 'Models' },
  { id: 'appearance', label: 'Appearance' },
  { id: 'privacy', label: 'Privacy' },
] as const;

export type SettingsTab = (typeof SETTINGS_TABS)[number]['id'];
