import type { CaptionView } from '../../state';
import { bytesDescription, laneDescription, latencyDescription } from './caption-text';

/** What a focused caption tells on top of its chips: why this lane, how long each step took, its own bytes. */
export function CaptionDetails({ caption: c }: { caption: CaptionView }) {
  if (!c.final) return null;
  const bytes = bytesDescription(c);
  return (
    <div className="caption-details">
      {c.lane && <p>{laneDescription(c)}</p>}
      {c.timings && <p>{latencyDescription(c)}.</p>}
      {bytes && <p data-testid="caption-bytes">{bytes}</p>}
    </div>
  );
}
