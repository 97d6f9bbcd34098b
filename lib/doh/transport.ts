// HTTP/1.1 transport for DoH over node:http/node:https. Chosen over global fetch because fetch
// cannot take an extra CA without undici as a dependency, and tests run against a DoH server
// with a self-signed certificate. Keep-alive agents avoid a TLS handshake per question.

import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import tls from "node:tls";

/** A DNS message is at most 64 KiB; anything bigger is not a DoH answer. */
const MAX_BODY = 65535;

export interface HttpResult {
  status: number;
  contentType: string;
  body: Buffer;
}

/** A failure before an HTTP status arrived; `timedOut` when our own abort fired. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export interface TransportOptions {
  /** Extra CA certificate(s) (PEM) to trust besides the system roots and NODE_EXTRA_CA_CERTS. */
  ca?: string | Buffer;
  /** NODE_EXTRA_CA_CERTS, handed in by the caller's settings. */
  extraCaCertsFile?: string;
  maxSockets: number;
}

/**
 * Passing `ca` replaces node's default trust store, which would silently drop both the bundled
 * roots and NODE_EXTRA_CA_CERTS; so the list is rebuilt with all three.
 */
function trustList(extra: string | Buffer, envFile: string | undefined): (string | Buffer)[] {
  const list: (string | Buffer)[] = [...tls.rootCertificates];
  if (envFile) {
    try {
      list.push(fs.readFileSync(envFile));
    } catch {
      // node itself only warns about an unreadable file; do the same by ignoring it.
    }
  }
  list.push(extra);
  return list;
}

export class Transport {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent: http.Agent;

  constructor(opts: TransportOptions) {
    const common = { keepAlive: true, maxSockets: opts.maxSockets };
    // One SecureContext for all connections: with a `ca` list node would otherwise parse the ~140
    // roots again for every TLS connection, which costs hundreds of ms under parallel questions.
    this.httpsAgent = new https.Agent(opts.ca ? { ...common, secureContext: tls.createSecureContext({ ca: trustList(opts.ca, opts.extraCaCertsFile) }) } : common);
    this.httpAgent = new http.Agent(common);
  }

  close(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }

  /** POST the message as the body, or GET with ?dns=base64url (RFC 8484 §4.1). */
  async send(url: string, message: Buffer, method: "POST" | "GET", signal: AbortSignal): Promise<HttpResult> {
    try {
      return await this.once(url, message, method, signal);
    } catch (e) {
      // A pooled socket the server already closed fails on first write; one retry on a new socket
      // is what node's docs recommend for keep-alive clients.
      if (e instanceof StaleSocket && !signal.aborted) return this.once(url, message, method, signal);
      throw e;
    }
  }

  private once(url: string, message: Buffer, method: "POST" | "GET", signal: AbortSignal): Promise<HttpResult> {
    return new Promise<HttpResult>((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
        if (method === "GET") target.searchParams.set("dns", message.toString("base64url"));
      } catch {
        reject(new TransportError(`invalid resolver URL ${url}`, false));
        return;
      }
      const secure = target.protocol === "https:";
      if (!secure && target.protocol !== "http:") {
        reject(new TransportError(`unsupported URL scheme ${target.protocol}`, false));
        return;
      }
      const headers: Record<string, string | number> = { accept: "application/dns-message" };
      if (method === "POST") {
        headers["content-type"] = "application/dns-message";
        headers["content-length"] = message.length;
      }
      const fail = (err: Error, req?: http.ClientRequest) => {
        if (signal.aborted) reject(new TransportError("timed out", true));
        else if (req?.reusedSocket && isResetLike(err)) reject(new StaleSocket(err.message));
        else reject(new TransportError(describe(err), false));
      };
      const mod = secure ? https : http;
      const req = mod.request(target, { method, headers, agent: secure ? this.httpsAgent : this.httpAgent, signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) {
            res.destroy();
            reject(new TransportError(`response larger than ${MAX_BODY} bytes`, false, true));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks) }),
        );
        res.on("error", (err) => fail(err));
        res.on("aborted", () => fail(new Error("response aborted")));
      });
      req.on("error", (err) => fail(err, req));
      req.end(method === "POST" ? message : undefined);
    });
  }
}

class StaleSocket extends TransportError {
  constructor(message: string) {
    super(message, false);
  }
}

function isResetLike(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ECONNRESET" || code === "EPIPE";
}

function describe(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
}
