import { useEffect, useRef, useState, type RefObject } from 'react';
import type { MicDevice, PublicSettings } from '../contract';
import { useCall } from '../api';
import { useView } from '../store';
import { AllLocalSection } from './settings/AllLocalSection';
import { CloudSection } from './settings/CloudSection';
import { AppearanceSection, GlossarySection, LanguagesSection, ModelsSection, SpeechSection } from './settings/sections';
import { useSettingsForm } from './settings/use-settings-form';

/** Opens the dialog as a modal and fetches what only the dialog needs (microphones, models), once per opening. */
function useSettingsDialog(): { dialog: RefObject<HTMLDialogElement | null>; mics: MicDevice[] } {
  const call = useCall();
  const setModels = useView((s) => s.setModels);
  const dialog = useRef<HTMLDialogElement>(null);
  const [mics, setMics] = useState<MicDevice[]>([]);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    void call('mics.list', {}).then((r) => r && setMics(r.devices));
    void call('models.list', {}).then((r) => r && setModels(r.models));
    // Load once per opening (call is a fresh closure each render; re-running would refetch forever).
  }, []);
  return { dialog, mics };
}

function SaveNote({ saved, hasErrors }: { saved: boolean; hasErrors: boolean }) {
  return (
    <span className="saved-note" role="status">
      {saved ? 'Saved.' : hasErrors ? 'Fix the marked fields to save.' : ''}
    </span>
  );
}

export function SettingsPanel({ settings, onClose }: { settings: PublicSettings; onClose: () => void }) {
  const { dialog, mics } = useSettingsDialog();
  const models = useView((s) => s.models);
  const form = useSettingsForm(settings, onClose);
  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby="settings-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={form.submit} noValidate>
        <header className="dialog-header">
          <h2 id="settings-title">Settings</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close settings">
            ×
          </button>
        </header>
        <div className="dialog-body">
          <AllLocalSection settings={settings} />
          <LanguagesSection form={form} />
          <SpeechSection form={form} mics={mics} models={models} />
          <CloudSection settings={settings} form={form} />
          <ModelsSection settings={settings} models={models} />
          <GlossarySection form={form} />
          <AppearanceSection form={form} />
        </div>
        <footer className="dialog-footer">
          <SaveNote saved={form.saved} hasErrors={Object.values(form.errors).some(Boolean)} />
          <button type="button" className="button ghost" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary">
            Save
          </button>
        </footer>
      </form>
    </dialog>
  );
}
