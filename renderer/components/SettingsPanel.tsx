import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { MicDevice, PublicSettings } from '../contract';
import { useCall } from '../api';
import { FIELD_LABEL } from '../settings-form';
import { SETTINGS_TABS, type SettingsTab } from '../settings-tabs';
import { useView } from '../store';
import { CloudSection } from './settings/CloudSection';
import { disabledFields, FIELD_TAB } from './settings/field-tabs';
import { ModelsPanel } from './settings/ModelsPanel';
import { AppearancePanel, GeneralPanel, PrivacyPanel, TranslationPanel } from './settings/panels';
import { SettingsTabs } from './settings/SettingsTabs';
import { useSettingsForm, type FieldKey, type SettingsForm } from './settings/use-settings-form';

/**
 * Opens the dialog as a modal and fetches what only the dialog needs (microphones, models), once per opening.
 * On close, focus goes back where it was (the Settings button, or the control that opened the dialog).
 */
function useSettingsDialog(): { dialog: RefObject<HTMLDialogElement | null>; mics: MicDevice[] } {
  const call = useCall();
  const setModels = useView((s) => s.setModels);
  const dialog = useRef<HTMLDialogElement>(null);
  const [mics, setMics] = useState<MicDevice[]>([]);
  useEffect(() => {
    const opener = document.activeElement;
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    void call('mics.list', {}).then((r) => r && setMics(r.devices));
    void call('models.list', {}).then((r) => r && setModels(r.models));
    return () => {
      const back = opener instanceof HTMLElement && opener.isConnected && opener !== document.body ? opener : document.getElementById('settings-button');
      back?.focus();
    };
    // Once per opening (call is a fresh closure each render; re-running would refetch forever).
  }, []);
  return { dialog, mics };
}

function TabPanel({ tab, settings, form, mics }: { tab: SettingsTab; settings: PublicSettings; form: SettingsForm; mics: MicDevice[] }) {
  const models = useView((s) => s.models);
  const panels: Record<SettingsTab, () => ReactNode> = {
    general: () => <GeneralPanel form={form} mics={mics} models={models} />,
    translation: () => <TranslationPanel form={form} />,
    cloud: () => <CloudSection settings={settings} form={form} />,
    models: () => <ModelsPanel settings={settings} models={models} form={form} />,
    appearance: () => <AppearancePanel form={form} />,
    privacy: () => <PrivacyPanel settings={settings} form={form} />,
  };
  return (
    <div className="dialog-body" role="tabpanel" id="settings-panel" aria-labelledby={`settings-tab-${tab}`}>
      {panels[tab]()}
    </div>
  );
}

/** Asked when closing would lose edits that could not be saved (invalid, or refused by the engine). */
function UnsavedPrompt({ keys, form, keepEditing, discard }: { keys: FieldKey[]; form: SettingsForm; keepEditing: () => void; discard: () => void }) {
  return (
    <div className="unsaved" role="alertdialog" aria-labelledby="unsaved-text">
      <p id="unsaved-text">Not saved: {keys.map((k) => `${FIELD_LABEL[k]}${form.errors[k] ? ` (${form.errors[k]})` : ''}`).join('; ')}</p>
      <div className="row wrap">
        <button type="button" className="button" onClick={keepEditing}>
          Keep editing
        </button>
        <button type="button" className="button ghost" onClick={discard}>
          Discard and close
        </button>
      </div>
    </div>
  );
}

/** Closing saves what can be saved; what cannot is named, with the choice to go back to it or drop it. */
function useClosing(settings: PublicSettings, form: SettingsForm, setTab: (tab: SettingsTab) => void) {
  const closeSettings = useView((s) => s.closeSettings);
  const [unsaved, setUnsaved] = useState<FieldKey[]>([]);
  const requestClose = async () => {
    const left = await form.commitPending(disabledFields(settings.allLocal));
    if (left.length === 0) closeSettings();
    else setUnsaved(left);
  };
  const keepEditing = () => {
    const first = unsaved[0]!;
    setUnsaved([]);
    setTab(FIELD_TAB[first]);
    setTimeout(() => document.getElementById(`set-${first}`)?.focus());
  };
  const discard = () => {
    form.discard();
    closeSettings();
  };
  return { unsaved, requestClose, keepEditing, discard };
}

export function SettingsPanel({ settings, tab }: { settings: PublicSettings; tab: SettingsTab }) {
  const { dialog, mics } = useSettingsDialog();
  const openSettings = useView((s) => s.openSettings);
  const form = useSettingsForm(settings);
  const closing = useClosing(settings, form, openSettings);
  const label = SETTINGS_TABS.find((t) => t.id === tab)!.label;
  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby="settings-title" onCancel={(e) => (e.preventDefault(), void closing.requestClose())}>
      <header className="dialog-header">
        <h2 id="settings-title">Settings</h2>
        <button type="button" className="icon-button" onClick={() => void closing.requestClose()} aria-label="Close settings">
          ×
        </button>
      </header>
      <SettingsTabs current={tab} onSelect={openSettings} />
      <TabPanel tab={tab} settings={settings} form={form} mics={mics} />
      <footer className="dialog-footer">
        {closing.unsaved.length > 0 ? (
          <UnsavedPrompt keys={closing.unsaved} form={form} keepEditing={closing.keepEditing} discard={closing.discard} />
        ) : (
          <>
            <span className="saved-note" role="status" data-tab={label}>
              {form.savedNote || 'Changes apply at once.'}
            </span>
            <button type="button" className="button primary" onClick={() => void closing.requestClose()}>
              Done
            </button>
          </>
        )}
      </footer>
    </dialog>
  );
}
