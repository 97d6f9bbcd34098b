// `dnsdrift lookup` end to end against dnsdist: arguments, text and JSON output, exit codes.

import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLookup } from "../bin/lookup";
import { startDnsdist, type Dnsdist } from "./support/dnsdist";

let d: Dnsdist;

beforeAll(async () => {
  d = await startDnsdist([
    { kind: "A", name: "app.example.test", addresses: ["192.0.2.10"], ttl: 120 },
    { kind: "A", name: "shop.example.test", addresses: ["104.21.33.10", "172.67.140.2"], ttl: 300 },
    { kind: "TXT", name: "k8s.a-app.example.test", values: ["heritage=external-dns,external-dns/owner=default"] },
    { kind: "nxdomain", suffix: "example.test", soa: { zone: "example.test", ttl: 900, minimum: 120 } },
  ]);
}, 20000);
afterAll(async () => {
  await d?.stop();
});

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runLookup(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

const local = () => ["--resolver", d.url, "--ca", d.certPath];

describe("dnsdrift lookup", () => {
  it("text: per resolver rcode, answers with TTL, verdict and timing", async () => {
    const r = await cli("app.example.test", ...local(), "--expect", "A=192.0.2.10");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("app.example.test: matches");
    expect(lines[1]).toBe("  wanted: A 192.0.2.10 (DNS-only)");
    expect(r.stdout).toMatch(new RegExp(`127\\.0\\.0\\.1:${d.port}  NOERROR  matches  TTL 120  \\d+ ms`));
    expect(r.stdout).toMatch(/app\.example\.test\s+120\s+A\s+192\.0\.2\.10/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("json: the HostLookup plus the expectation", async () => {
    const r = await cli("shop.example.test", ...local(), "--proxied", "--output", "json");
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ hostname: "shop.example.test", verdict: "proxied-ok", desired: [{ type: "A", targets: [], proxied: true }] });
    expect(doc.resolvers[0]).toMatchObject({ id: `127.0.0.1:${d.port}`, ttl: 300, rcode: "NOERROR" });
  });

  it.each([
    { title: "match", args: ["app.example.test", "--expect", "A=192.0.2.10"], code: 0 },
    { title: "wrong target", args: ["app.example.test", "--expect", "A=192.0.2.99"], code: 2 },
    { title: "missing", args: ["new.example.test", "--expect", "CNAME=lb.example.net"], code: 2 },
    { title: "no expectation, resolves", args: ["app.example.test"], code: 0 },
    { title: "no expectation, NXDOMAIN", args: ["new.example.test"], code: 2 },
  ])("--detailed-exitcode: $title → $code", async ({ args, code }) => {
    expect((await cli(...args, ...local(), "--detailed-exitcode")).code).toBe(code);
  });

  it("without --detailed-exitcode a mismatch still exits 0", async () => {
    expect((await cli("app.example.test", ...local(), "--expect", "A=192.0.2.99")).code).toBe(0);
  });

  it("shows what was seen for a wrong target", async () => {
    const r = await cli("app.example.test", ...local(), "--expect", "A=192.0.2.99");
    expect(r.stdout).toContain("wrong-target");
    expect(r.stdout).toContain("seen: 192.0.2.10");
  });

  it("ownership TXT", async () => {
    const r = await cli("app.example.test", ...local(), "--expect", "A=192.0.2.10", "--ownership-txt", "k8s.a-app.example.test", "--output", "json");
    expect(JSON.parse(r.stdout).ownershipVisible).toBe(true);
  });

  it("a dead resolver is output, not a crash", async () => {
    const port = await closedPort();
    const r = await cli("app.example.test", "--resolver", `https://127.0.0.1:${port}/dns-query`, "--expect", "A=192.0.2.10", "--timeout", "500");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("resolver-failure");
    expect(r.stdout).toMatch(/network \(.*ECONNREFUSED/);
  });

  it("accepts the subcommand name as first positional", async () => {
    expect((await cli("lookup", "app.example.test", ...local())).code).toBe(0);
  });

  it("--help", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dnsdrift lookup HOSTNAME");
  });

  it.each([
    { title: "no hostname", args: [], msg: /HOSTNAME is required/ },
    { title: "two hostnames", args: ["a.example.test", "b.example.test"], msg: /one HOSTNAME only/ },
    { title: "bad hostname", args: ["not a host!"], msg: /not a hostname/ },
    { title: "A target not IPv4", args: ["a.example.test", "--expect", "A=2001:db8::1"], msg: /not an IPv4 address/ },
    { title: "AAAA target not IPv6", args: ["a.example.test", "--expect", "AAAA=192.0.2.1"], msg: /not an IPv6 address/ },
    { title: "expect without =", args: ["a.example.test", "--expect", "A"], msg: /TYPE=TARGET/ },
    { title: "two CNAMEs", args: ["a.example.test", "--expect", "CNAME=x.example", "--expect", "CNAME=y.example"], msg: /at most one CNAME/ },
    { title: "bad output", args: ["a.example.test", "--output", "yaml"], msg: /json or text/ },
    { title: "bad timeout", args: ["a.example.test", "--timeout", "soon"], msg: /positive number/ },
    { title: "bad resolver scheme", args: ["a.example.test", "--resolver", "ftp://x/dns-query"], msg: /https:\/\// },
    { title: "unreadable CA", args: ["a.example.test", "--ca", "/nonexistent/ca.pem"], msg: /cannot read/ },
    { title: "unknown option", args: ["a.example.test", "--bogus"], msg: /Unknown option/ },
  ])("usage error: $title → exit 1", async ({ args, msg }) => {
    const r = await cli(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe("");
  });
});

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
