import { useState } from 'react';
import { ExportContent, ExportFormat } from '../contract';
import { useHistoryActions } from './use-history-actions';

const FORMAT_LABELS: Record<ExportFormat, string> = { srt: 'SubRip (.srt)', vtt: 'WebVTT (.vtt)', txt: 'Plain text (.txt)', json: 'JSON (.json)' };
const CONTENT_LABELS: Record<ExportContent, string> = { both: 'Transcript and translation', source: 'Transcript only', translation: 'Translation only' };

/** Export the open session: a format, which text, and Save (a file on this device). */
export function ExportControls({ translated }: { translated: boolean }) {
  const [format, setFormat] = useState<ExportFormat>('srt');
  const [content, setContent] = useState<ExportContent>('both');
  const { exportOpen } = useHistoryActions();
  const chosen = translated ? content : 'source';
  return (
    <div className="export-controls" role="group" aria-label="Export">
      <span className="export-label" aria-hidden="true">
        Export
      </span>
      <select className="input" value={format} onChange={(e) => setFormat(ExportFormat.parse(e.target.value))} aria-label="Export format">
        {ExportFormat.options.map((f) => (
          <option key={f} value={f}>
            {FORMAT_LABELS[f]}
          </option>
        ))}
      </select>
      <select className="input" value={chosen} disabled={!translated} onChange={(e) => setContent(ExportContent.parse(e.target.value))} aria-label="Export text">
        {ExportContent.options.map((c) => (
          <option key={c} value={c}>
            {CONTENT_LABELS[c]}
          </option>
        ))}
      </select>
      <button type="button" className="button primary" onClick={() => void exportOpen(format, chosen)}>
        Save file
      </button>
    </div>
  );
}
