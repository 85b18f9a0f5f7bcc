import { useState, type FormEvent } from 'react';
import { useCall } from '../../api';

/** A line typed instead of spoken: the same router, redaction and translators. */
export function TypeLine() {
  const call = useCall();
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const line = text.trim();
    if (!line) return;
    if (await call('text.translate', { text: line })) setText('');
  };
  return (
    <form className="type-line" onSubmit={submit}>
      <label htmlFor="type-line-input" className="visually-hidden">
        Type a line to translate
      </label>
      <input id="type-line-input" className="input" value={text} onChange={(e) => setText(e.target.value)} placeholder="…or type a line to translate" maxLength={5000} autoComplete="off" />
      <button type="submit" className="button" disabled={!text.trim()}>
        Translate
      </button>
    </form>
  );
}
