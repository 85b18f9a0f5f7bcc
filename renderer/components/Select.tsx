import { LANGUAGES } from '../languages';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string> {
  id: string;
  value: V;
  options: ReadonlyArray<SelectOption<V>>;
  onChange: (value: V) => void;
  /** From Field: the ids of the hint and error under the select. */
  describedBy?: string | undefined;
  /** Left out (no aria-invalid at all) where the form never marks this field. */
  invalid?: boolean;
}

/** A plain <select> over a list of options, typed by the values it can produce. */
export function Select<V extends string>({ id, value, options, onChange, describedBy, invalid }: SelectProps<V>) {
  return (
    // The value always comes from one of `options`, so it is a V.
    <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value as V)} aria-describedby={describedBy} aria-invalid={invalid}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** What the empty choice of a language picker means: detect the spoken language, or translate to nothing. */
export type LanguageChoice = 'auto' | 'none';

const FIRST_OPTION: Record<LanguageChoice, SelectOption<string>> = {
  auto: { value: 'auto', label: 'Detect automatically' },
  none: { value: '', label: 'No translation (captions only)' },
};

/** Options of a language picker: the empty choice first, then every language Sotto offers. */
export const languageOptions = (first: LanguageChoice): ReadonlyArray<SelectOption<string>> => [
  FIRST_OPTION[first],
  ...LANGUAGES.map((l) => ({ value: l.code, label: l.name })),
];

const OPTIONS: Record<LanguageChoice, ReadonlyArray<SelectOption<string>>> = { auto: languageOptions('auto'), none: languageOptions('none') };

/** The spoken-language ("auto") or target-language ("none") picker of the first-run wizard and the settings. */
export function LanguageSelect({ first, ...props }: Omit<SelectProps<string>, 'options'> & { first: LanguageChoice }) {
  return <Select {...props} options={OPTIONS[first]} />;
}
