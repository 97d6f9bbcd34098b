// A local RFC 8484 endpoint for demo mode: answers from Cloudflare-style records the way
// Cloudflare's public DNS would (see zone-answer.ts). Plain HTTP on loopback: demo only.

import http from "node:http";
import type { AddressInfo } from "node:net";
import dnsPacket from "dns-packet";
import { answerQuestion, type AnswerOptions, type ZoneRecords } from "./zone-answer";

export type { EmulatedRecord, ExternalAnswer, ZoneRecords } from "./zone-answer";

export interface DohEmulatorOptions extends AnswerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Read on every question, so the answers follow the Cloudflare emulator's live state. */
  zones: (() => Promise<ZoneRecords> | ZoneRecords) | ZoneRecords;
}

export interface DohEmulator {
  /** http://127.0.0.1:PORT/dns-query */
  url: string;
  port: number;
  /** Questions answered so far, as "name/TYPE". */
  questions(): string[];
  close(): Promise<void>;
}

const PATH = "/dns-query";
const MAX_BODY = 65535;
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
/** What Cloudflare's resolver advertises as its EDNS buffer size. */
const EDNS_UDP_SIZE = 1232;

/** EDNS(0): a query that carries an OPT record gets one back (RFC 6891 §6.1.1), DO bit echoed. */
function ednsReply(query: dnsPacket.DecodedPacket): dnsPacket.Answer[] {
  const opt = query.additionals?.find((a) => a.type === "OPT") as { flag_do?: boolean; flags?: number } | undefined;
  if (!opt) return [];
  const doBit = opt.flag_do || ((opt.flags ?? 0) & 0x8000) !== 0;
  return [{ type: "OPT", name: ".", udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: doBit ? 0x8000 : 0, options: [] } as unknown as dnsPacket.Answer];
}

function reply(res: http.ServerResponse, status: number, body: Buffer | string, headers: Record<string, string> = {}): void {
  const ct = typeof body === "string" ? "text/plain; charset=utf-8" : "application/dns-message";
  res.writeHead(status, { "content-type": ct, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The raw query of a DoH request, or an HTTP status + reason when the request is not one. */
async function queryOf(req: http.IncomingMessage, url: URL): Promise<Buffer | [number, string]> {
  if (req.method === "GET") {
    const dns = url.searchParams.get("dns");
    if (!dns) return [400, "missing dns parameter"];
    return Buffer.from(dns, "base64url");
  }
  if (req.method === "POST") {
    const ct = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (ct !== "application/dns-message") return [415, "content-type must be application/dns-message"];
    const body = await readBody(req);
    return body ?? [413, "query too large"];
  }
  return [405, "method not allowed"];
}

export async function startDohEmulator(opts: DohEmulatorOptions): Promise<DohEmulator> {
  const zonesOf = typeof opts.zones === "function" ? opts.zones : () => opts.zones as ZoneRecords;
  const asked: string[] = [];

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== PATH) return reply(res, 404, "not found");
    const raw = await queryOf(req, url);
    if (Array.isArray(raw)) return reply(res, raw[0], raw[1], raw[0] === 405 ? { allow: "GET, POST" } : {});
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(raw);
    } catch {
      return reply(res, 400, "undecodable DNS message");
    }
    const q = query.questions?.[0];
    if (!q || query.type !== "query") return reply(res, 400, "no question");
    asked.push(`${q.name.toLowerCase()}/${q.type}`);
    const ans = answerQuestion(await zonesOf(), q.name, q.type, opts);
    // A recursive resolver's answer: RA set, RD echoed, never AA (it is not the authority).
    const flags = dnsPacket.RECURSION_AVAILABLE | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | RCODE[ans.rcode];
    const body = dnsPacket.encode({ type: "response", id: query.id ?? 0, flags, questions: [q], answers: ans.answers, authorities: ans.authorities, additionals: ednsReply(query) });
    const ttls = [...ans.answers, ...ans.authorities].map((a) => ("ttl" in a ? (a.ttl ?? 0) : 0));
    reply(res, 200, body, ttls.length > 0 ? { "cache-control": `max-age=${Math.min(...ttls)}` } : {});
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) reply(res, 500, `emulator error: ${(e as Error).message}`);
      else res.destroy();
    });
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}${PATH}`,
    port,
    questions: () => [...asked],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
