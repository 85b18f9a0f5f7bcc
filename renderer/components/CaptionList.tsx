import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useView } from '../store';
import { CaptionLine } from './CaptionLine';

// Within this many pixels of the bottom counts as "following live".
const LIVE_SLACK_PX = 48;

/** The live captions: follows new text unless the user scrolled up; then offers "Jump to live". */
export function CaptionList() {
  const order = useView((s) => s.order);
  const captions = useView((s) => s.captions);
  const mode = useView((s) => s.settings?.mode ?? 'push-to-talk');
  const scroller = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight <= LIVE_SLACK_PX);
  }, []);

  const jumpToLive = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    setFollowing(true);
  }, []);

  // After every change, keep the newest line in view while following.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [captions, order, following]);

  // The screen-reader announcement: each finished line once, not every partial.
  const lastFinal = [...order].reverse().map((id) => captions[id]).find((c) => c?.final);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (lastFinal) setAnnounced(`${lastFinal.committed}${lastFinal.translation ? `. ${lastFinal.translation}` : ''}`);
  }, [lastFinal]);

  return (
    <div className="caption-list-wrap">
      <div className="caption-scroller" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Caption history">
        {order.length === 0 ? (
          <div className="empty-captions">
            <p className="empty-title">No captions yet</p>
            <p className="muted">
              {mode === 'push-to-talk' ? 'Hold the talk button (or Space while it is focused) and speak.' : 'Turn listening on and speak: lines appear as you talk.'}
            </p>
          </div>
        ) : (
          <ol className="caption-list" aria-label="Captions">
            {order.map((id) => {
              const c = captions[id];
              return c ? <CaptionLine key={id} caption={c} /> : null;
            })}
          </ol>
        )}
      </div>
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
