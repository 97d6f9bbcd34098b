import { describe, expect, it } from "vitest";
import { endpointProblem } from "./endpoint-validation";
import type { Endpoint, ProviderSpecificProperty } from "./types";

function ep(dnsName: string, recordType: string, targets: string[], providerSpecific: ProviderSpecificProperty[] = []): Endpoint {
  return { dnsName, recordType, targets, recordTTL: 0, setIdentifier: "", labels: {}, providerSpecific };
}

const alias = (value = "true") => [{ name: "alias", value }];

describe("endpointProblem (CheckEndpoint, v0.21+)", () => {
  it.each([
    // A / AAAA: IPs of the right family, unless alias=true
    ["A with IPv4", ep("a.example.com", "A", ["1.2.3.4", "10.0.0.1"]), true],
    ["A with a hostname", ep("a.example.com", "A", ["lb.example.com"]), false],
    ["A with IPv6", ep("a.example.com", "A", ["2001:db8::1"]), false],
    ["A with IPv4-mapped IPv6", ep("a.example.com", "A", ["::ffff:1.2.3.4"]), false],
    ["A with a trailing-dot IP", ep("a.example.com", "A", ["1.2.3.4."]), false],
    ["A with an empty target", ep("a.example.com", "A", [""]), false],
    ["A without targets", ep("a.example.com", "A", []), true],
    ["A alias to a hostname", ep("a.example.com", "A", ["lb.example.com"], alias()), true],
    ["A alias=false to a hostname", ep("a.example.com", "A", ["lb.example.com"], alias("false")), false],
    ["AAAA with IPv6", ep("a.example.com", "AAAA", ["2001:db8::1", "::"]), true],
    ["AAAA with IPv4-mapped IPv6", ep("a.example.com", "AAAA", ["::ffff:1.2.3.4"]), true],
    ["AAAA with IPv4", ep("a.example.com", "AAAA", ["1.2.3.4"]), false],
    // CNAME and others: anything goes
    ["CNAME with anything", ep("a.example.com", "CNAME", ["1.2.3.4", "x."]), true],
    ["CNAME alias", ep("a.example.com", "CNAME", ["x"], alias()), true],
    ["TXT anything", ep("a.example.com", "TXT", ["hello world"]), true],
    // alias only on A/AAAA/CNAME, whatever its value
    ["TXT with alias", ep("a.example.com", "TXT", ["x"], alias()), false],
    ["MX with alias=false", ep("a.example.com", "MX", ["10 mail.example.com"], alias("false")), false],
    // MX
    ["MX ok", ep("a.example.com", "MX", ["10 mail.example.com", " 0   mx.example.com. "]), true],
    ["MX without preference", ep("a.example.com", "MX", ["mail.example.com"]), false],
    ["MX preference too large", ep("a.example.com", "MX", ["65536 mail.example.com"]), false],
    ["MX negative preference", ep("a.example.com", "MX", ["-1 mail.example.com"]), false],
    ["MX three fields", ep("a.example.com", "MX", ["10 mail.example.com extra"]), false],
    // SRV
    ["SRV ok", ep("_sip._udp.example.com", "SRV", ["10 5 5060 sip.example.com."]), true],
    ["SRV host without dot", ep("_sip._udp.example.com", "SRV", ["10 5 5060 sip.example.com"]), false],
    ["SRV port too large", ep("_sip._udp.example.com", "SRV", ["10 5 70000 sip.example.com."]), false],
    ["SRV three fields", ep("_sip._udp.example.com", "SRV", ["10 5060 sip.example.com."]), false],
    // PTR
    ["PTR ok", ep("4.3.2.1.in-addr.arpa", "PTR", ["host.example.com"]), true],
    ["PTR ip6.arpa, upper case", ep("1.0.0.0.IP6.ARPA", "PTR", ["host.example.com"]), true],
    ["PTR not reverse", ep("host.example.com", "PTR", ["x.example.com"]), false],
    ["PTR bare suffix", ep("in-addr.arpa", "PTR", ["x.example.com"]), false],
    ["PTR empty head label", ep(".in-addr.arpa", "PTR", ["x.example.com"]), false],
    ["PTR without targets", ep("4.3.2.1.in-addr.arpa", "PTR", []), false],
    ["PTR with IP target", ep("4.3.2.1.in-addr.arpa", "PTR", ["1.2.3.4"]), false],
    ["PTR with blank target", ep("4.3.2.1.in-addr.arpa", "PTR", [" "]), false],
  ])("%s", (_name, endpoint, valid) => {
    const problem = endpointProblem(endpoint);
    expect(problem === undefined).toBe(valid);
    if (!valid) expect(typeof problem).toBe("string");
  });
});
