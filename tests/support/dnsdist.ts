// A real DoH server for tests: dnsdist 1.7 on loopback, answering from spoof rules the test
// gives, behind a fresh self-signed certificate. dnsdist missing is an error, never a skip:
// install it with `apt-get install -y dnsdist` (CI's .ci/run does).

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import dnsPacket from "dns-packet";

export interface Soa {
  zone: string;
  /** SOA record TTL. */
  ttl: number;
  /** SOA MINIMUM; the negative-caching TTL is min(ttl, minimum). */
  minimum: number;
}

export type DnsdistRule =
  | { kind: "A" | "AAAA"; name: string; addresses: string[]; ttl?: number }
  /** A CNAME for every type at the name (dnsdist does not chase it). */
  | { kind: "CNAME"; name: string; target: string; ttl?: number }
  /** One TXT record per value. */
  | { kind: "TXT"; name: string; values: string[]; ttl?: number }
  /** A whole DNS response (ID 0) for name/type, built with dns-packet; for chains dnsdist cannot spoof. */
  | { kind: "raw"; name: string; type: string; response: dnsPacket.Packet }
  /** NOERROR with no answer for every type not answered by an earlier rule. */
  | { kind: "nodata"; name: string; soa?: Soa }
  | { kind: "nxdomain"; suffix: string; soa?: Soa }
  | { kind: "servfail"; name: string };

export interface Dnsdist {
  /** https://127.0.0.1:PORT/dns-query */
  url: string;
  port: number;
  /** The self-signed certificate (PEM): pass as the client's `ca`. */
  ca: string;
  certPath: string;
  pid: number;
  dir: string;
  /** Output so far (stdout + stderr). */
  output(): string;
  stop(): Promise<void>;
}

const BINARY_CANDIDATES = ["/usr/bin/dnsdist", "/usr/sbin/dnsdist", "/usr/local/bin/dnsdist"];

export function dnsdistBinary(): string {
  const found = BINARY_CANDIDATES.find((p) => fs.existsSync(p));
  if (found) return found;
  try {
    return execFileSync("sh", ["-c", "command -v dnsdist"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("dnsdist is not installed: the DoH tests need a real DoH server. Install it with `apt-get install -y dnsdist`.");
  }
}

/** A Lua string literal with every byte that could break it written as a decimal escape. */
export function luaString(value: string | Buffer): string {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8");
  let out = '"';
  for (const b of bytes) {
    const printable = b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c;
    out += printable ? String.fromCharCode(b) : `\\${String(b).padStart(3, "0")}`;
  }
  return out + '"';
}

const fqdn = (n: string) => (n.endsWith(".") ? n : `${n}.`);
const qname = (n: string) => `QNameRule(${luaString(fqdn(n))})`;
const qtype = (t: string) => `QTypeRule(DNSQType.${t.toUpperCase()})`;
const ttlOpt = (ttl?: number) => (ttl === undefined ? "" : `, {ttl=${ttl}}`);

function txtRdata(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    const chunk = bytes.subarray(i, i + 255);
    parts.push(Buffer.from([chunk.length]), chunk);
  }
  return Buffer.concat(parts);
}

function negative(nxd: boolean, soa: Soa): string {
  const zone = luaString(fqdn(soa.zone));
  return `NegativeAndSOAAction(${nxd}, ${zone}, ${soa.ttl}, "ns.${fqdn(soa.zone)}", "hostmaster.${fqdn(soa.zone)}", 1, 3600, 600, 86400, ${soa.minimum})`;
}

function ruleLua(rule: DnsdistRule): string {
  switch (rule.kind) {
    case "A":
    case "AAAA":
      return `addAction(AndRule({${qname(rule.name)}, ${qtype(rule.kind)}}), SpoofAction({${rule.addresses.map(luaString).join(", ")}}${ttlOpt(rule.ttl)}))`;
    case "CNAME":
      return `addAction(${qname(rule.name)}, SpoofCNAMEAction(${luaString(fqdn(rule.target))}${ttlOpt(rule.ttl)}))`;
    case "TXT":
      return `addAction(AndRule({${qname(rule.name)}, ${qtype("TXT")}}), SpoofRawAction({${rule.values.map((v) => luaString(txtRdata(v))).join(", ")}}${ttlOpt(rule.ttl)}))`;
    case "raw": {
      const body = dnsPacket.encode({ ...rule.response, type: "response", id: 0 });
      return `addAction(AndRule({${qname(rule.name)}, ${qtype(rule.type)}}), HTTPStatusAction(200, ${luaString(body)}, "application/dns-message"))`;
    }
    case "nodata":
      return `addAction(${qname(rule.name)}, ${rule.soa ? negative(false, rule.soa) : "RCodeAction(DNSRCode.NOERROR)"})`;
    case "servfail":
      return `addAction(${qname(rule.name)}, RCodeAction(DNSRCode.SERVFAIL))`;
    case "nxdomain":
      return [
        `local smn_${rule.suffix.replace(/\W/g, "_")} = newSuffixMatchNode()`,
        `smn_${rule.suffix.replace(/\W/g, "_")}:add(newDNSName(${luaString(fqdn(rule.suffix))}))`,
        `addAction(SuffixMatchNodeRule(smn_${rule.suffix.replace(/\W/g, "_")}), ${rule.soa ? negative(true, rule.soa) : "RCodeAction(DNSRCode.NXDOMAIN)"})`,
      ].join("\n");
  }
}

/**
 * Rule order: the test's answers, then NODATA for the other types at every name they mention
 * (so asking AAAA of an A-only name is not REFUSED), then NXDOMAIN suffixes, then REFUSED.
 */
export function dnsdistConfig(rules: DnsdistRule[], dir: string, ports: { dns: number; doh: number }): string {
  const answering = rules.filter((r) => r.kind !== "nxdomain");
  const explicit = new Set(rules.filter((r) => r.kind === "nodata" || r.kind === "servfail" || r.kind === "CNAME").map((r) => fqdn((r as { name: string }).name)));
  const fallback = [...new Set(answering.map((r) => fqdn((r as { name: string }).name)))].filter((n) => !explicit.has(n));
  return [
    `setLocal("127.0.0.1:${ports.dns}")`,
    `addDOHLocal("127.0.0.1:${ports.doh}", ${luaString(path.join(dir, "cert.pem"))}, ${luaString(path.join(dir, "key.pem"))}, "/dns-query")`,
    `setSecurityPollSuffix("")`,
    `setACL({"127.0.0.0/8"})`,
    ...answering.map(ruleLua),
    ...fallback.map((n) => `addAction(QNameRule(${luaString(n)}), RCodeAction(DNSRCode.NOERROR))`),
    ...rules.filter((r) => r.kind === "nxdomain").map(ruleLua),
    `addAction(AllRule(), RCodeAction(DNSRCode.REFUSED))`,
    "",
  ].join("\n");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function selfSignedCert(dir: string): string {
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
    { stdio: "pipe" },
  );
  return fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
}

export async function startDnsdist(rules: DnsdistRule[], opts: { readyTimeoutMs?: number } = {}): Promise<Dnsdist> {
  const bin = dnsdistBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-dnsdist-"));
  const ca = selfSignedCert(dir);
  const ports = { dns: await freePort(), doh: await freePort() };
  const conf = path.join(dir, "dnsdist.conf");
  fs.writeFileSync(conf, dnsdistConfig(rules, dir, ports));
  try {
    execFileSync(bin, ["--check-config", "-C", conf], { stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`dnsdist rejected its config ${conf}:\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }

  const child = spawn(bin, ["--supervised", "--disable-syslog", "-C", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, "SIGTERM");
      const killer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, "SIGKILL"), 2000);
      await exited(child);
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 5000);
  while (!(await canConnect(ports.doh))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`dnsdist did not start listening on 127.0.0.1:${ports.doh}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `https://127.0.0.1:${ports.doh}/dns-query`,
    port: ports.doh,
    ca,
    certPath: path.join(dir, "cert.pem"),
    pid: child.pid ?? -1,
    dir,
    output: () => output,
    stop,
  };
}
