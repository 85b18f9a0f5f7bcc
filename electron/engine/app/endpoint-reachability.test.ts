import { describe, expect, it } from 'vitest';
import { defaultSettings, type CaptionFinal, type Settings } from '../../contract';
import { EndpointReachability } from './endpoint-reachability';

const cloudOn: Settings = { ...defaultSettings(), allLocal: false, cloud: { ...defaultSettings().cloud, baseUrl: 'http://127.0.0.1:1/v1' } };
const caption = (lane: CaptionFinal['lane'], fallback: boolean, received: number) =>
  ({ type: 'caption.final', lane, fallback, bytes: { audio: 0, transcript: 5, sent: 100, received } }) as CaptionFinal;

describe('EndpointReachability', () => {
  it('follows the latest cloud outcome: answered, failing (an error answer), or no answer; telling only real changes', () => {
    let changes = 0;
    const endpoint = new EndpointReachability(() => changes++);
    expect(endpoint.state(cloudOn)).toBe('unknown');
    endpoint.learnFrom(caption('cloud', false, 300));
    endpoint.learnFrom(caption('cloud', false, 300));
    expect([endpoint.state(cloudOn), changes]).toEqual(['reachable', 1]);
    endpoint.learnFrom(caption('device', true, 0));
    expect([endpoint.state(cloudOn), changes]).toEqual(['unreachable', 2]);
    // A fallback after an error answer (a 503 body): it answers, but fails; a plain device line says nothing.
    endpoint.learnFrom(caption('device', true, 120));
    expect([endpoint.state(cloudOn), changes]).toEqual(['failing', 3]);
    endpoint.learnFrom(caption('device', false, 0));
    expect([endpoint.state(cloudOn), changes]).toEqual(['failing', 3]);
    endpoint.learnFrom(caption('cloud', false, 300));
    expect([endpoint.state(cloudOn), changes]).toEqual(['reachable', 4]);
  });

  it('shows blocked under all-local and unconfigured without a URL, whatever it last saw', () => {
    const endpoint = new EndpointReachability(() => undefined);
    endpoint.record('reachable');
    expect(endpoint.state({ ...cloudOn, allLocal: true })).toBe('blocked');
    expect(endpoint.state({ ...cloudOn, cloud: { ...cloudOn.cloud, baseUrl: '' } })).toBe('unconfigured');
    endpoint.forget();
    expect(endpoint.state(cloudOn)).toBe('unknown');
  });
});
