import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { isFourPartIPv4, isIPv6Literal } from "./ip";

const SAMPLES = [
  "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.4 ", "0x7f.0.0.1",
  "99999999999.1.1.1", "", "app.example.com", "10.0.0.1.example.com", "::1", "2001:db8::1", "::ffff:1.2.3.4",
  "fe80::1%eth0", "2001:db8::g", ":::", "1.2.3.4:80", "*.example.com",
];

describe("IP literal checks agree with ipaddr.js", () => {
  it.each(SAMPLES)("%j", (s) => {
    expect(isFourPartIPv4(s)).toBe(ipaddr.IPv4.isValidFourPartDecimal(s));
    expect(isIPv6Literal(s)).toBe(ipaddr.IPv6.isValid(s) && s.includes(":"));
  });

  it("answers the same when asked again, and past the memo's bound", () => {
    for (let round = 0; round < 2; round++) {
      for (const s of SAMPLES) {
        expect(isFourPartIPv4(s)).toBe(ipaddr.IPv4.isValidFourPartDecimal(s));
        expect(isIPv6Literal(s)).toBe(ipaddr.IPv6.isValid(s) && s.includes(":"));
      }
    }
    for (let i = 0; i < 5000; i++) expect(isIPv6Literal(`2001:db8::${i.toString(16)}`)).toBe(true);
    expect(isIPv6Literal("2001:db8::g")).toBe(false);
    expect(isFourPartIPv4("256.1.1.1")).toBe(false);
  });

  it.each([
    ["1.2.3.4", true, false],
    ["256.1.1.1", false, false],
    ["app.example.com", false, false],
    ["2001:db8::1", false, true],
  ])("%s → IPv4 %s, IPv6 %s", (s, v4, v6) => {
    expect([isFourPartIPv4(s), isIPv6Literal(s)]).toEqual([v4, v6]);
  });
});
