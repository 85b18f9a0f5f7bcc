import type { KeyboardEvent } from 'react';
import { SETTINGS_TABS, type SettingsTab } from '../../settings-tabs';
import { nextIndex } from '../../hooks/use-roving-focus';

const HORIZONTAL: Record<string, string> = { ArrowRight: 'ArrowDown', ArrowLeft: 'ArrowUp', Home: 'Home', End: 'End' };

/** The settings tabs (ARIA tabs pattern): one Tab stop, arrow keys move and select, each tab controls its panel. */
export function SettingsTabs({ current, onSelect }: { current: SettingsTab; onSelect: (tab: SettingsTab) => void }) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = HORIZONTAL[e.key];
    const to = key ? nextIndex(key, SETTINGS_TABS.findIndex((t) => t.id === current), SETTINGS_TABS.length) : null;
    if (to === null) return;
    e.preventDefault();
    const tab = SETTINGS_TABS[to]!.id;
    onSelect(tab);
    document.getElementById(`settings-tab-${tab}`)?.focus();
  };
  return (
    <div className="settings-tabs" role="tablist" aria-label="Settings sections" onKeyDown={onKeyDown}>
      {SETTINGS_TABS.map((t) => (
        <button key={t.id} type="button" role="tab" id={`settings-tab-${t.id}`} aria-selected={t.id === current} aria-controls="settings-panel" tabIndex={t.id === current ? 0 : -1} onClick={() => onSelect(t.id)}>
          {t.label}
        </button>
      ))}
    </div>
  );
}
