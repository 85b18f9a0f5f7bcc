import { writeFile } from 'node:fs/promises';
import type { EngineEvent, ExportFormat } from '../../contract';
import { exportLines, type ExportLine } from '../history';
import type { DemoOptions } from './args';

/**
 * The demo's --srt/--vtt/--txt: every final caption collected as it arrives, written at the end through History's
 * exporter. A file's captions are timed from the start of its audio; a typed line starts at zero.
 */
export class DemoExports {
  private readonly lines: ExportLine[] = [];

  constructor(private readonly files: DemoOptions['exports']) {}

  readonly collect = (event: EngineEvent): void => {
    if (event.type === 'caption.final') this.lines.push({ start_ms: event.start_ms, end_ms: event.end_ms, text: event.text, translation: event.translation });
  };

  async write(): Promise<void> {
    for (const format of ['srt', 'vtt', 'txt'] as const satisfies readonly ExportFormat[]) {
      const file = this.files[format];
      if (file) await writeFile(file, exportLines(this.lines, format, 'both'));
    }
  }
}
