import { memo } from 'react';
import type { CaptionView } from '../../state';
import { CaptionDetails } from './CaptionDetails';
import { CaptionMeta } from './CaptionMeta';
import { isUntranslated } from './caption-text';

function Translation({ caption: c }: { caption: CaptionView }) {
  if (isUntranslated(c)) {
    return <p className="caption-translation missing">Not translated{c.laneReason ? `: ${c.laneReason}` : ''}</p>;
  }
  // The translator returned nothing: say so, rather than leave a gap that looks like a rendering bug.
  if (c.final && c.translation === '') return <p className="caption-translation missing">(no translation)</p>;
  if (c.translation === null) return null;
  return (
    <p className={`caption-translation ${c.final ? '' : 'streaming'}`} lang={c.targetLanguage ?? undefined}>
      {c.translation}
    </p>
  );
}

/**
 * One caption: provisional (committed solid, tentative lighter) until the final replaces it in place. One line of the
 * list is a Tab stop (`tabbable`); the arrow keys move between them (CaptionList). Focus shows the line's details.
 */
export const CaptionLine = memo(function CaptionLine({ caption: c, tabbable }: { caption: CaptionView; tabbable: boolean }) {
  return (
    <li className={`caption ${c.final ? 'final' : 'partial'}`} aria-busy={!c.final} data-caption-id={c.id} tabIndex={tabbable ? 0 : -1}>
      <p className="caption-source" lang={c.language ?? undefined}>
        <span className="committed">{c.committed}</span>
        {c.tentative && <span className="tentative">{c.tentative}</span>}
        {!c.final && <span className="visually-hidden"> (still listening)</span>}
      </p>
      <Translation caption={c} />
      {(c.final || c.stage === 'translating') && <CaptionMeta caption={c} />}
      <CaptionDetails caption={c} />
    </li>
  );
});
