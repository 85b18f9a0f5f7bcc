const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** "German" for "de"; null when ICU does not know the code (the caller shows the code instead). */
export function languageName(code: string): string | null {
  let name: string | undefined;
  try {
    name = displayNames.of(code);
  } catch {
    name = undefined; // not a well-formed language tag
  }
  return name && name !== code ? name : null;
}
