import { describe, expect, it } from 'vitest';
import { ModelDownloadProgress } from '../../contract';
import { ProgressReporter } from './progress';

describe('ProgressReporter', () => {
  it('reports the first bytes at once, then throttles, with speed and ETA from a sliding window', () => {
    let clock = 0;
    const events: ModelDownloadProgress[] = [];
    const p = new ProgressReporter('m', 10_000, (e) => events.push(ModelDownloadProgress.parse(e)), 200, 3000, () => clock);
    p.send('queued');
    p.bytesNow(0);
    expect(events.map((e) => e.state)).toEqual(['queued', 'downloading']);
    clock = 100;
    p.bytesNow(100); // within the interval: no event
    expect(events.length).toBe(2);
    clock = 1000;
    p.bytesNow(1000); // 1000 bytes in 1 s
    const last = events.at(-1)!;
    expect(last.speed_bps).toBeCloseTo(1000);
    expect(last.eta_s).toBeCloseTo(9);
    // Old samples fall out of the window: a stall shows as a lower speed.
    clock = 5000;
    p.bytesNow(1000);
    expect(events.at(-1)!.speed_bps).toBe(0);
    expect(events.at(-1)!.eta_s).toBeNull();
    p.send('done');
    expect(events.at(-1)).toMatchObject({ state: 'done', eta_s: 0, speed_bps: 0 });
  });

  it('keeps the total null when it is unknown', () => {
    const events: ModelDownloadProgress[] = [];
    const p = new ProgressReporter('m', null, (e) => events.push(e));
    p.bytesNow(5);
    expect(events[0]).toMatchObject({ total: null, eta_s: null, bytes: 5 });
  });
});
