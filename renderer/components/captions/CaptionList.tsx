import { useEffect, useRef, useState } from 'react';
import { useFollowLive } from '../../hooks/use-follow-live';
import { useRovingFocus } from '../../hooks/use-roving-focus';
import type { CaptionView } from '../../state';
import { useView } from '../../store';
import { CaptionLine } from './CaptionLine';

const ITEM = 'data-caption-id';

function EmptyCaptions() {
  const mode = useView((s) => s.settings?.mode ?? 'push-to-talk');
  return (
    <div className="empty-captions">
      <p className="empty-title">No captions yet</p>
      <p className="muted">{mode === 'push-to-talk' ? 'Hold the talk button (or Space while it is focused) and speak.' : 'Turn listening on and speak: lines appear as you talk.'}</p>
    </div>
  );
}

/** The screen-reader announcement: each finished line once, not every partial. */
function useAnnouncement(order: string[], captions: Record<string, CaptionView>): string {
  const lastFinal = [...order].reverse().map((id) => captions[id]).find((c) => c?.final);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (lastFinal) setAnnounced(`${lastFinal.committed}${lastFinal.translation ? `. ${lastFinal.translation}` : ''}`);
  }, [lastFinal]);
  return announced;
}

/** The live captions: follows new text (and layout changes) unless the user scrolled up; then offers "Jump to live". */
export function CaptionList() {
  const order = useView((s) => s.order);
  const captions = useView((s) => s.captions);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const { following, onScroll, jumpToLive } = useFollowLive(scroller, content, [captions, order]);
  const roving = useRovingFocus(order, ITEM);
  const announced = useAnnouncement(order, captions);

  return (
    <div className="caption-list-wrap">
      <div className="caption-scroller" ref={scroller} onScroll={onScroll}>
        <div ref={content}>
          {order.length === 0 ? (
            <EmptyCaptions />
          ) : (
            <ol className="caption-list" aria-label="Captions" aria-describedby="caption-keys" onKeyDown={roving.onKeyDown} onFocus={roving.onFocus} onBlur={roving.onBlur}>
              {order.map((id) => {
                const c = captions[id];
                return c ? <CaptionLine key={id} caption={c} tabbable={id === roving.activeId} /> : null;
              })}
            </ol>
          )}
        </div>
      </div>
      <p id="caption-keys" className="visually-hidden">
        Arrow keys move between lines, Home and End go to the first and the newest. A focused line shows its details.
      </p>
      {!following && (
        <button type="button" className="button jump-live" onClick={jumpToLive}>
          ↓ Jump to live
        </button>
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </div>
    </div>
  );
}
