import type { KeyboardEvent, ReactNode } from 'react';
import type { SettingsDraft } from '../../settings-form';
import { Field } from '../Field';
import { Select, type SelectOption } from '../Select';
import type { SettingsForm } from './use-settings-form';

/** What a field of the settings form needs from the form. */
export type FormFields = Pick<SettingsForm, 'draft' | 'errors' | 'set' | 'commit'>;

/** A titled group of fields laid out in two columns. */
export function FieldGrid({ legend, children, disabled = false }: { legend: string; children: ReactNode; disabled?: boolean }) {
  return (
    <fieldset disabled={disabled}>
      <legend>{legend}</legend>
      <div className="grid-2">{children}</div>
    </fieldset>
  );
}

type TextKey = { [K in keyof SettingsDraft]: SettingsDraft[K] extends string ? K : never }[keyof SettingsDraft];

interface TextFieldProps {
  form: FormFields;
  field: TextKey;
  label: string;
  hint?: string;
  type?: string;
  inputMode?: 'decimal' | 'numeric' | 'url';
  placeholder?: string;
  /** Saved on leaving the field; false for fields saved as a group (the price pair). */
  commitOnBlur?: boolean;
}

/** Enter in a text field saves it now (it never submits anything else). */
const commitOnEnter = (form: FormFields, field: TextKey) => (e: KeyboardEvent<HTMLInputElement>) => {
  if (e.key !== 'Enter') return;
  e.preventDefault();
  void form.commit([field]);
};

/** A text input bound to one draft field: id `set-<field>`, saved when left or on Enter, its hint and error wired by Field. */
export function TextField({ form, field, label, hint, commitOnBlur = true, ...inputProps }: TextFieldProps) {
  const id = `set-${field}`;
  return (
    <Field id={id} label={label} hint={hint} error={form.errors[field]}>
      {(describedBy, invalid) => (
        <input
          id={id}
          className="input"
          value={form.draft[field]}
          onChange={(e) => form.set(field, e.target.value as never)}
          onBlur={commitOnBlur ? () => void form.commit([field]) : undefined}
          onKeyDown={commitOnEnter(form, field)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...inputProps}
        />
      )}
    </Field>
  );
}

type ChoiceKey = 'micDeviceIndex' | 'asrModel' | 'mode' | 'captionSize' | 'theme';

interface SelectFieldProps<K extends ChoiceKey> {
  form: FormFields;
  field: K;
  label: string;
  options: ReadonlyArray<SelectOption<SettingsDraft[K]>>;
  /** Only fields the engine can reject are marked invalid; fixed choices get no aria-invalid at all. */
  validated?: boolean;
}

/** A select bound to one draft field, id `set-<field>`: a choice is saved the moment it is made. */
export function SelectField<K extends ChoiceKey>({ form, field, label, options, validated = false }: SelectFieldProps<K>) {
  const id = `set-${field}`;
  const choose = (value: SettingsDraft[K]) => {
    form.set(field, value);
    void form.commit([field], { [field]: value });
  };
  return (
    <Field id={id} label={label} error={form.errors[field]}>
      {(describedBy, invalid) => <Select id={id} value={form.draft[field]} options={options} onChange={choose} describedBy={describedBy} invalid={validated ? invalid : undefined} />}
    </Field>
  );
}
