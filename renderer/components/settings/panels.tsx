import type { MicDevice, ModelEntry, PublicSettings } from '../../contract';
import { Field } from '../Field';
import { LanguageSelect } from '../Select';
import { AllLocalSection } from './AllLocalSection';
import { AsrDeviceField } from './AsrDeviceField';
import { FieldGrid, SelectField, TextField, type FormFields } from './fields';
import { CAPTION_SIZE_OPTIONS, MODE_OPTIONS, THEME_OPTIONS, micOptions, speechModelOptions } from './options';

export function GeneralPanel({ form, mics, models }: { form: FormFields; mics: readonly MicDevice[]; models: readonly ModelEntry[] }) {
  return (
    <FieldGrid legend="Speech">
      <SelectField form={form} field="micDeviceIndex" label="Microphone" options={micOptions(mics)} validated />
      <SelectField form={form} field="asrModel" label="Speech model" options={speechModelOptions(models, form.draft.asrModel)} validated />
      <AsrDeviceField form={form} />
      <SelectField form={form} field="mode" label="Capture" options={MODE_OPTIONS} />
      <TextField form={form} field="hotkey" label="Push-to-talk hotkey" hint='Like "Alt+Space" or "F8"; works while Sotto is in the background.' />
    </FieldGrid>
  );
}

function LanguageField({ form, field, label, first }: { form: FormFields; field: 'sourceLanguage' | 'targetLanguage'; label: string; first: 'auto' | 'none' }) {
  const id = `set-${field}`;
  const choose = (value: string) => {
    form.set(field, value);
    void form.commit([field], { [field]: value });
  };
  return (
    <Field id={id} label={label} error={form.errors[field]}>
      {(d, invalid) => <LanguageSelect id={id} first={first} value={form.draft[field]} onChange={choose} describedBy={d} invalid={invalid} />}
    </Field>
  );
}

export function TranslationPanel({ form }: { form: FormFields }) {
  return (
    <>
      <FieldGrid legend="Languages">
        <LanguageField form={form} field="sourceLanguage" label="Spoken language" first="auto" />
        <LanguageField form={form} field="targetLanguage" label="Translate to" first="none" />
      </FieldGrid>
      <fieldset>
        <legend>Routing between the device and the cloud</legend>
        <div className="grid-3">
          <TextField form={form} field="maxDeviceWords" label="Long line (words)" hint="Longer lines may go to the cloud." inputMode="numeric" />
          <TextField form={form} field="minAsrConfidence" label="Uncertain below" hint="Speech confidence, 0–1." inputMode="decimal" />
          <TextField form={form} field="minDeviceLogprob" label="Escalate below" hint="Device translation log-probability (≤ 0)." inputMode="decimal" />
        </div>
      </fieldset>
    </>
  );
}

export function AppearancePanel({ form }: { form: FormFields }) {
  return (
    <FieldGrid legend="Appearance">
      <SelectField form={form} field="captionSize" label="Caption size" options={CAPTION_SIZE_OPTIONS} />
      <SelectField form={form} field="theme" label="Theme" options={THEME_OPTIONS} />
    </FieldGrid>
  );
}

export function PrivacyPanel({ settings, form }: { settings: PublicSettings; form: FormFields }) {
  const { draft, errors, set, commit } = form;
  return (
    <>
      <AllLocalSection settings={settings} />
      <fieldset>
        <legend>Glossary</legend>
        <Field id="set-glossary" label="Names and terms (one per line)" hint="Kept exact, and replaced by placeholders before anything is sent." error={errors.glossary}>
          {(d, invalid) => <textarea id="set-glossary" className="input" rows={3} value={draft.glossary} onChange={(e) => set('glossary', e.target.value)} onBlur={() => void commit(['glossary'])} aria-describedby={d} aria-invalid={invalid} />}
        </Field>
      </fieldset>
      <p className="field-hint">Every request that leaves this device is recorded in audit.jsonl in the app&apos;s data folder: time, host, purpose, bytes and the redacted text.</p>
    </>
  );
}
