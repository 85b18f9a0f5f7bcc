import { useState } from 'react';
import type { MicDevice, ModelEntry, PublicSettings } from '../../contract';
import { Field } from '../Field';
import { ModelList } from '../ModelList';
import { LanguageSelect } from '../Select';
import { FieldGrid, SelectField, TextField, type FormFields } from './fields';
import { CAPTION_SIZE_OPTIONS, MODE_OPTIONS, THEME_OPTIONS, micOptions, speechModelOptions } from './options';

export function LanguagesSection({ form }: { form: FormFields }) {
  const { draft, errors, set } = form;
  return (
    <FieldGrid legend="Languages">
      <Field id="set-sourceLanguage" label="Spoken language" error={errors.sourceLanguage}>
        {(d, invalid) => <LanguageSelect id="set-sourceLanguage" first="auto" value={draft.sourceLanguage} onChange={(v) => set('sourceLanguage', v)} describedBy={d} invalid={invalid} />}
      </Field>
      <Field id="set-targetLanguage" label="Translate to" error={errors.targetLanguage}>
        {(d, invalid) => <LanguageSelect id="set-targetLanguage" first="none" value={draft.targetLanguage} onChange={(v) => set('targetLanguage', v)} describedBy={d} invalid={invalid} />}
      </Field>
    </FieldGrid>
  );
}

export function SpeechSection({ form, mics, models }: { form: FormFields; mics: readonly MicDevice[]; models: readonly ModelEntry[] }) {
  return (
    <FieldGrid legend="Speech">
      <SelectField form={form} field="micDeviceIndex" label="Microphone" options={micOptions(mics)} validated />
      <SelectField form={form} field="asrModel" label="Speech model" options={speechModelOptions(models, form.draft.asrModel)} validated />
      <SelectField form={form} field="mode" label="Capture" options={MODE_OPTIONS} />
      <TextField form={form} field="hotkey" label="Push-to-talk hotkey" hint='Like "Alt+Space" or "F8"; works while Sotto is in the background.' />
    </FieldGrid>
  );
}

/** The model list; in all-local mode downloads need an explicit yes first (only the file request leaves). */
export function ModelsSection({ settings, models }: { settings: PublicSettings; models: ModelEntry[] }) {
  const [allowDownloads, setAllowDownloads] = useState(false);
  return (
    <fieldset>
      <legend>Models</legend>
      {settings.allLocal && (
        <div className="consent">
          <input id="set-allow-downloads" type="checkbox" checked={allowDownloads} onChange={(e) => setAllowDownloads(e.target.checked)} />
          <label htmlFor="set-allow-downloads">Allow model downloads while all-local is on. Only the file request leaves this device — no audio, no text.</label>
        </div>
      )}
      <ModelList models={models} allowInAllLocal={allowDownloads} />
    </fieldset>
  );
}

export function GlossarySection({ form }: { form: FormFields }) {
  const { draft, errors, set } = form;
  return (
    <fieldset>
      <legend>Glossary</legend>
      <Field id="set-glossary" label="Names and terms (one per line)" hint="Kept exact, and replaced by placeholders before anything is sent." error={errors.glossary}>
        {(d, invalid) => <textarea id="set-glossary" className="input" rows={3} value={draft.glossary} onChange={(e) => set('glossary', e.target.value)} aria-describedby={d} aria-invalid={invalid} />}
      </Field>
    </fieldset>
  );
}

export function AppearanceSection({ form }: { form: FormFields }) {
  return (
    <FieldGrid legend="Appearance">
      <SelectField form={form} field="captionSize" label="Caption size" options={CAPTION_SIZE_OPTIONS} />
      <SelectField form={form} field="theme" label="Theme" options={THEME_OPTIONS} />
    </FieldGrid>
  );
}
