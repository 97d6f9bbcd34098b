import { describe, expect, it } from "vitest";
import { applyArgEdits, parseArgEdit } from "./config-source";
import { nonPublicRange } from "./consequences";
import { newestModelledAfter } from "./versions";

describe("nonPublicRange", () => {
  it.each([
    ["192.168.0.239", "RFC 1918 private"],
    ["10.0.0.1", "RFC 1918 private"],
    ["172.16.5.4", "RFC 1918 private"],
    ["100.64.0.1", "RFC 6598 shared (carrier-grade NAT)"],
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["fd12:3456::1", "RFC 4193 unique local (ULA)"],
    ["169.254.10.1", "link-local"],
    ["::ffff:10.1.2.3", "RFC 1918 private"],
    ["8.8.8.8", undefined],
    ["2606:4700::1", undefined],
    ["172.32.0.1", undefined],
    ["external.example.com", undefined],
  ])("%s → %s", (addr, range) => {
    expect(nonPublicRange(addr)).toBe(range);
  });
});

describe("argument edits", () => {
  it.each([
    [["--policy=sync", "--source=crd"], ["--policy=upsert-only"], ["--source=crd", "--policy=upsert-only"]],
    [["--policy", "sync", "--source=crd"], ["--policy=upsert-only"], ["--source=crd", "--policy=upsert-only"]],
    [["--cloudflare-proxied", "--source=crd"], ["--no-cloudflare-proxied"], ["--source=crd", "--no-cloudflare-proxied"]],
    [["--domain-filter=a.com", "--domain-filter=b.com"], ["--domain-filter=c.com", "--domain-filter=d.com"], ["--domain-filter=c.com", "--domain-filter=d.com"]],
    [["--source=crd"], ["--annotation-prefix=x/"], ["--source=crd", "--annotation-prefix=x/"]],
  ])("%j with %j → %j", (args, edits, out) => {
    expect(applyArgEdits(args, edits.map(parseArgEdit))).toEqual(out);
  });
});

describe("newestModelledAfter", () => {
  it.each([
    ["v0.20.0", "v0.22.0"],
    ["v0.21.3", "v0.22.0"],
    ["0.20", "v0.22.0"],
    ["v0.22.0", undefined],
    ["v0.22.4", undefined],
    ["v0.23.0", undefined],
    ["v1.0.0", undefined],
    ["latest", undefined],
  ])("%s → %s", (v, out) => {
    expect(newestModelledAfter(v)).toBe(out);
  });
});
