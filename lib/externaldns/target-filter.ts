// --target-net-filter / --exclude-target-net (endpoint/target_filter.go and
// source/wrappers/targetfiltersource.go, the same at v0.20.0, v0.21.0 and v0.22.0): after
// dedupSource, each endpoint keeps only the targets inside a filter net (when any filter net is
// given) and outside every excluded net; an endpoint left without targets is dropped. Targets are
// compared as IP addresses (Go's net.ParseIP), so a hostname target never lies inside a net: with
// a --target-net-filter every CNAME is dropped. A CIDR Go cannot parse is skipped (external-dns
// only logs it), which can leave the filter empty and so disabled.

import ipaddr from "ipaddr.js";
import { resourceOf } from "./endpoint";
import { isFourPartIPv4, isIPv6Literal } from "./ip";
import { reasonHosts } from "./reason-hosts";
import type { Config, Endpoint, Reason } from "./types";

type Net = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseNets(cidrs: string[]): Net[] {
  const out: Net[] = [];
  for (const raw of cidrs) {
    try {
      out.push(ipaddr.parseCIDR(raw.trim()));
    } catch {
      // net.ParseCIDR failed: logged by external-dns, and left out of the filter.
    }
  }
  return out;
}

/** net.ParseIP (no zones), with IPv4-mapped IPv6 read as IPv4 as IPNet.Contains does. */
function parseIP(target: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (isFourPartIPv4(target)) return ipaddr.IPv4.parse(target);
  return isIPv6Literal(target) && !target.includes("%") ? ipaddr.process(target) : undefined;
}

function inAny(nets: Net[], ip: ipaddr.IPv4 | ipaddr.IPv6 | undefined): boolean {
  return ip !== undefined && nets.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

export interface TargetNetFilter {
  enabled: boolean;
  match(target: string): boolean;
}

export function makeTargetNetFilter(cfg: Pick<Config, "targetNetFilters" | "excludeTargetNets">): TargetNetFilter {
  const include = parseNets(cfg.targetNetFilters);
  const exclude = parseNets(cfg.excludeTargetNets);
  return {
    enabled: include.length > 0 || exclude.length > 0,
    match(target) {
      const ip = parseIP(target);
      return (include.length === 0 || inAny(include, ip)) && !inAny(exclude, ip);
    },
  };
}

/** targetFilterSource.Endpoints, with a reason for every target or endpoint it drops. */
export function filterTargets(endpoints: Endpoint[], cfg: Config, reasons: Reason[]): Endpoint[] {
  const filter = makeTargetNetFilter(cfg);
  if (!filter.enabled) return endpoints;
  const out: Endpoint[] = [];
  for (const ep of endpoints) {
    const kept = ep.targets.filter((t) => filter.match(t));
    const dropped = ep.targets.filter((t) => !kept.includes(t));
    if (dropped.length) {
      const what = kept.length ? `targets ${dropped.join(", ")} are dropped` : `every target (${dropped.join(", ")}) is dropped, so the record is not published`;
      reasons.push({
        code: "target-net-filter",
        resource: resourceOf(ep) || "config",
        message: `${ep.dnsName} ${ep.recordType}: ${what} by --target-net-filter/--exclude-target-net`,
        severity: kept.length ? "info" : "warning",
        hostnames: reasonHosts([ep.dnsName]),
      });
    }
    if (kept.length) out.push(kept.length === ep.targets.length ? ep : { ...ep, targets: kept });
  }
  return out;
}
