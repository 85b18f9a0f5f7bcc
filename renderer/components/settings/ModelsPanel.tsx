import { useState } from 'react';
import type { ModelEntry, PublicSettings } from '../../contract';
import { recommendations, translatorsFor } from '../../catalog';
import { FoldedModelList } from '../models/ModelList';
import { TextField, type FormFields } from './fields';

function MirrorField({ settings, form }: { settings: PublicSettings; form: FormFields }) {
  return (
    <fieldset disabled={settings.allLocal} aria-describedby={settings.allLocal ? 'mirror-locked' : undefined}>
      <legend>Download mirror</legend>
      <TextField form={form} field="modelMirror" label="Mirror base URL" hint="For proxies and offline networks: files are fetched from here with the catalog's path. Empty: from the publisher." type="url" inputMode="url" placeholder="http://proxy.lan/hf" />
      {settings.allLocal && (
        <p id="mirror-locked" className="field-hint">
          All-local mode is on, so the mirror cannot change now (a confirmed download must not go to a server nobody confirmed). Switch all-local off under Privacy to change it.
        </p>
      )}
    </fieldset>
  );
}

/** Downloads (with an explicit yes in all-local mode), import of a file you have, and the mirror for proxies. */
export function ModelsPanel({ settings, models, form }: { settings: PublicSettings; models: ModelEntry[]; form: FormFields }) {
  const [allowDownloads, setAllowDownloads] = useState(false);
  const source = settings.sourceLanguage;
  const target = settings.targetLanguage ?? '';
  const recommended = recommendations(models, source, target, settings.asrModel);
  const speech = models.filter((m) => m.kind === 'whisper');
  const pair = translatorsFor(models, source, target);
  const otherTranslators = models.filter((m) => m.kind === 'translation' && !pair.includes(m));
  return (
    <>
      {settings.allLocal && (
        <div className="consent">
          <input id="set-allow-downloads" type="checkbox" checked={allowDownloads} onChange={(e) => setAllowDownloads(e.target.checked)} />
          <label htmlFor="set-allow-downloads">Allow model downloads while all-local is on. Only the file request leaves this device — no audio, no text.</label>
        </div>
      )}
      <FoldedModelList title="Speech models" models={speech} recommended={recommended} allowInAllLocal={allowDownloads} />
      <FoldedModelList title="Translation models" models={[...pair, ...otherTranslators]} recommended={recommended} allowInAllLocal={allowDownloads} />
      <MirrorField settings={settings} form={form} />
    </>
  );
}
