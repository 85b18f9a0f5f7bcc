import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/**
 * The sockets requests travel on. Translations and endpoint checks keep their connection alive per origin (a line
 * no longer pays a TCP and TLS handshake); everything else gets a connection of its own. Every TLS socket is laid
 * over a TCP socket held here, so its bytes on the wire (handshake included) can be counted per request.
 */

type ConnectOptions = tls.ConnectionOptions & net.NetConnectOpts & { host?: string; port?: number };

/** An https agent whose TLS sockets sit on TCP sockets we can read the counters of. */
class WireHttpsAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly raws: WeakMap<net.Socket, net.Socket>,
  ) {
    super(options);
  }

  override createConnection(options: ConnectOptions): net.Socket {
    const raw = net.connect({ host: options.host ?? 'localhost', port: Number(options.port ?? 443) });
    const secure = tls.connect({ ...options, socket: raw });
    // An error on the TCP socket before TLS took it over (refused, DNS) must still reach the request.
    raw.once('error', (error) => (secure.destroyed ? undefined : secure.destroy(error)));
    this.raws.set(secure, raw);
    return secure;
  }
}

export interface ConnectionsOptions {
  /** Trusted CAs replacing Node's defaults (they include them); null = the defaults. */
  ca: string[] | null;
  /** How long an idle kept-alive socket stays open. */
  idleSocketMs?: number;
}

export class Connections {
  private readonly raws = new WeakMap<net.Socket, net.Socket>();
  private readonly served = new WeakSet<net.Socket>();
  private readonly keptAlive = new Map<string, http.Agent>();
  private oneShot: { http: http.Agent; https: http.Agent } | null = null;

  constructor(private readonly options: ConnectionsOptions) {}

  /** The agent for a request: kept alive per origin, or one-shot (the socket closes with the response). */
  agentFor(url: URL, keepAlive: boolean): http.Agent {
    const secure = url.protocol === 'https:';
    if (!keepAlive) {
      this.oneShot ??= { http: new http.Agent({ keepAlive: false }), https: this.httpsAgent({ keepAlive: false }) };
      return secure ? this.oneShot.https : this.oneShot.http;
    }
    let agent = this.keptAlive.get(url.origin);
    if (!agent) {
      const common = { keepAlive: true, maxSockets: 4, maxFreeSockets: 2, timeout: this.options.idleSocketMs ?? 30_000 };
      agent = secure ? this.httpsAgent(common) : new http.Agent(common);
      this.keptAlive.set(url.origin, agent);
    }
    return agent;
  }

  /** The socket whose counters are the wire bytes: the TCP socket under a TLS one, else itself. */
  rawOf(socket: net.Socket): net.Socket {
    return this.raws.get(socket) ?? socket;
  }

  /** Marks the socket as serving a request; true when it already served one (a reused connection). */
  claim(socket: net.Socket): boolean {
    const reused = this.served.has(socket);
    this.served.add(socket);
    return reused;
  }

  /** Closes every idle kept-alive connection (all-local switched on, the egress shut down). */
  closeIdle(): void {
    for (const agent of this.keptAlive.values()) agent.destroy();
    this.keptAlive.clear();
  }

  private httpsAgent(options: https.AgentOptions): http.Agent {
    return new WireHttpsAgent({ ...options, ...(this.options.ca ? { ca: this.options.ca } : {}) }, this.raws);
  }
}
