import { useState } from 'react';
import { hasDeviceTranslator, modelSize, translatorsFor } from '../../catalog';
import { languageName } from '../../languages';
import { useView } from '../../store';
import type { ViewStore } from '../../store';
import { isUntranslated } from './caption-text';

/** The pair of the newest final line that asked for a translation and got none because no translator covers it. */
function missingPair(s: ViewStore): { source: string; target: string } | null {
  const last = [...s.order].reverse().map((id) => s.captions[id]).find((c) => c?.final);
  if (!last || !isUntranslated(last) || !last.targetLanguage) return null;
  const source = last.language ?? s.settings?.sourceLanguage ?? 'auto';
  return hasDeviceTranslator(s.models, source, last.targetLanguage) ? null : { source, target: last.targetLanguage };
}

/**
 * "No translator for English → French": said above the captions (in the flow, so it never covers the newest line),
 * with the two ways out: download a device translator, or use a cloud endpoint.
 */
export function MissingTranslator() {
  const pair = useView((s) => {
    const p = missingPair(s);
    return p ? `${p.source}→${p.target}` : null;
  });
  const models = useView((s) => s.models);
  const openSettings = useView((s) => s.openSettings);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!pair || pair === dismissed) return null;
  const [source, target] = pair.split('→') as [string, string];
  const offer = translatorsFor(models, source, target)[0];
  return (
    <div className="inline-problem translator-missing" role="status" data-pair={pair}>
      <p>
        No on-device translator for {source === 'auto' ? 'this language' : languageName(source)} → {languageName(target)}: lines stay untranslated.
      </p>
      <div className="row wrap">
        {offer && (
          <button type="button" className="button small" onClick={() => openSettings('models')}>
            Get {offer.name} ({modelSize(offer)})
          </button>
        )}
        <button type="button" className="button small" onClick={() => openSettings('cloud')}>
          Use a cloud endpoint
        </button>
        <button type="button" className="button ghost small" onClick={() => setDismissed(pair)}>
          Not now
        </button>
      </div>
    </div>
  );
}
