import { useState } from 'react';
import { useView } from '../store';
import { copyText } from './clipboard';
import { linesText, plural } from './history-text';

/** The live view's copy-all and clear (clearing the screen only: history keeps every line). */
export function LiveCaptionTools() {
  const finals = useView((s) => s.order.filter((id) => s.captions[id]?.final).length);
  const [said, setSaid] = useState('');
  const copyAll = async () => {
    const { order, captions } = useView.getState();
    const lines = order.flatMap((id) => (captions[id]?.final ? [{ text: captions[id].committed, translation: captions[id].translation }] : []));
    setSaid((await copyText(linesText(lines))) ? `Copied ${plural(lines.length, 'line')}.` : 'Copying was refused; select the text instead.');
  };
  const clear = () => {
    useView.setState({ captions: {}, order: [] });
    setSaid('Cleared the screen. History still has every line.');
  };
  return (
    <div className="live-tools" role="group" aria-label="Captions on screen">
      <button type="button" className="button ghost small" disabled={finals === 0} onClick={() => void copyAll()}>
        Copy all
      </button>
      <button type="button" className="button ghost small" disabled={finals === 0} onClick={clear} title="Clears the screen; history keeps the lines">
        Clear
      </button>
      <span className="visually-hidden" role="status">
        {said}
      </span>
    </div>
  );
}
