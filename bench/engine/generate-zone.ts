// The Cloudflare side of a synthetic world: the records external-dns would have written for the
// wanted records (data + ownership TXT), bent by drift — missing records, proxied flipped, stale
// targets, records owned by another cluster or by nobody, orphans this owner left behind, legacy
// ownership TXTs — and padded with manual records up to the requested count.

import type { CloudflareRecord, CloudflareZone, Config } from "../../lib/externaldns/types";
import type { Random } from "./random";

/** A record the generator expects external-dns to want. */
export interface Wanted {
  name: string;
  type: "A" | "AAAA" | "CNAME";
  targets: string[];
  proxied: boolean;
  /** Configured TTL in seconds, 0 = automatic. */
  ttl: number;
  resource: string;
}

export interface ZoneOptions {
  config: Config;
  routes: number;
  records: number;
  rng: Random;
}

export const MANAGED_ZONE = { id: "023e105f4ecef8ad9ca31a8372d0c353", name: "example.com" };
/** Visible to the token but outside --domain-filter: external-dns never reads it. */
export const OTHER_ZONE = { id: "9a7806061c88ada191ed06f989cc3dac", name: "example.org" };
export const OTHER_OWNER = "other-cluster";
const TEMPLATE = "%{record_type}";

/** The new-format ownership TXT name (spec §5.1), written independently of the engine's mapper. */
export function txtNameFor(name: string, type: string, cfg: Config): string {
  const t = type.toLowerCase();
  const prefix = cfg.txtPrefix.toLowerCase();
  const suffix = cfg.txtSuffix.toLowerCase();
  const templated = prefix.includes(TEMPLATE) || suffix.includes(TEMPLATE);
  const dot = name.indexOf(".");
  const first = dot < 0 ? name : name.slice(0, dot);
  const head = templated ? first : `${t}-${first}`;
  const p = prefix.split(TEMPLATE).join(t);
  const s = suffix.split(TEMPLATE).join(t);
  return dot < 0 ? p + head + s : `${p}${head}${s}.${name.slice(dot + 1)}`;
}

/** The legacy (pre-v0.18) name: no type marker, templates emptied. */
function legacyTxtName(name: string, cfg: Config): string {
  const dot = name.indexOf(".");
  const first = dot < 0 ? name : name.slice(0, dot);
  const p = cfg.txtPrefix.toLowerCase().split(TEMPLATE).join("");
  const s = cfg.txtSuffix.toLowerCase().split(TEMPLATE).join("");
  return dot < 0 ? p + first + s : `${p}${first}${s}.${name.slice(dot + 1)}`;
}

export function ownershipContent(owner: string, resource: string): string {
  return `"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}"`;
}

type Tag = "sync" | "fixed" | "pad";

class ZoneWriter {
  readonly out: Array<{ zone: string; record: CloudflareRecord; tag: Tag }> = [];
  private seq = 0;

  add(zone: string, tag: Tag, r: Omit<CloudflareRecord, "id">): void {
    const id = (++this.seq).toString(16).padStart(32, "0");
    this.out.push({ zone, tag, record: { id, ...r } });
  }

  data(w: Wanted, tag: Tag, over: { proxied?: boolean; targets?: string[] } = {}): void {
    const proxied = over.proxied ?? w.proxied;
    const ttl = proxied || w.ttl === 0 ? 1 : w.ttl;
    for (const content of over.targets ?? w.targets) this.add(MANAGED_ZONE.id, tag, { type: w.type, name: w.name, content, proxied, ttl });
  }

  txt(name: string, content: string, tag: Tag, zone = MANAGED_ZONE.id): void {
    this.add(zone, tag, { type: "TXT", name, content, proxied: false, ttl: 1 });
  }
}

function staleTargets(w: Wanted, i: number): string[] {
  if (w.type === "A") return [`10.255.${(i >> 8) & 255}.${i & 255}`];
  if (w.type === "AAAA") return [`2001:db8:ffff::${(i + 1).toString(16)}`];
  return ["old-lb.example.net"];
}

function fixedRecords(z: ZoneWriter): void {
  const m = MANAGED_ZONE.id;
  z.add(m, "fixed", { type: "A", name: "example.com", content: "203.0.113.1", proxied: true, ttl: 1 });
  z.add(m, "fixed", { type: "MX", name: "example.com", content: "mail.example.com", proxied: false, ttl: 3600, priority: 10 });
  z.add(m, "fixed", { type: "TXT", name: "example.com", content: '"v=spf1 include:_spf.mx.example.net ~all"', proxied: false, ttl: 3600 });
  z.add(m, "fixed", { type: "TXT", name: "_dmarc.example.com", content: '"v=DMARC1; p=quarantine"', proxied: false, ttl: 3600 });
  z.add(m, "fixed", { type: "A", name: "external.example.com", content: "203.0.113.10", proxied: true, ttl: 1 });
  const o = OTHER_ZONE.id;
  z.add(o, "fixed", { type: "A", name: "example.org", content: "203.0.113.20", proxied: true, ttl: 1 });
  z.add(o, "fixed", { type: "CNAME", name: "www.example.org", content: "example.org", proxied: true, ttl: 1 });
}

/** Drops `excess` records of in-sync wanted records at random (they become missing). */
function trim(z: ZoneWriter, excess: number, rng: Random): void {
  const pool = z.out.map((e, i) => (e.tag === "sync" ? i : -1)).filter((i) => i >= 0);
  const drop = new Set<number>();
  for (let k = 0; k < excess && k < pool.length; k++) {
    const j = k + rng.int(pool.length - k);
    [pool[k], pool[j]] = [pool[j], pool[k]];
    drop.add(pool[k]);
  }
  const kept = z.out.filter((_, i) => !drop.has(i));
  z.out.length = 0;
  for (const e of kept) z.out.push(e); // a spread of 200,000 arguments overflows the stack
}

export function buildZones(wanted: Wanted[], opts: ZoneOptions): CloudflareZone[] {
  const { config: cfg, rng } = opts;
  const owner = cfg.txtOwnerId;
  const z = new ZoneWriter();
  fixedRecords(z);
  const seen = new Set<string>();
  wanted.forEach((w, i) => {
    const key = `${w.name}/${w.type}`;
    if (seen.has(key)) return; // a second claimant of a name is left to the planner's conflict rules
    seen.add(key);
    const own = ownershipContent(owner, w.resource);
    const txtName = txtNameFor(w.name, w.type, cfg);
    const r = rng.next();
    if (r < 0.03) return; // missing, TXT and all
    if (r < 0.05) return z.txt(txtName, own, "fixed"); // record deleted by hand, TXT survived
    if (r < 0.08) return (z.data(w, "fixed", { proxied: !w.proxied }), z.txt(txtName, own, "fixed"));
    if (r < 0.1) return (z.data(w, "fixed", { targets: staleTargets(w, i) }), z.txt(txtName, own, "fixed"));
    if (r < 0.115) return (z.data(w, "fixed"), z.txt(txtName, ownershipContent(OTHER_OWNER, w.resource), "fixed"));
    if (r < 0.13) return z.data(w, "fixed"); // created by hand: unowned
    if (r < 0.14 && w.type !== "AAAA") return (z.data(w, "fixed"), z.txt(legacyTxtName(w.name, cfg), own, "fixed"));
    z.data(w, "sync");
    z.txt(txtName, own, "sync");
  });
  for (let i = 0; i < Math.ceil(opts.routes * 0.02); i++) {
    const w: Wanted = { name: `old-${i}.example.com`, type: "CNAME", targets: ["external.example.com"], proxied: true, ttl: 0, resource: `httproute/retired/old-${i}` };
    z.data(w, "fixed");
    z.txt(txtNameFor(w.name, w.type, cfg), ownershipContent(owner, w.resource), "fixed");
  }
  for (let i = 0; i < Math.ceil(opts.routes * 0.01); i++) {
    const w: Wanted = { name: `other-${i}.example.com`, type: "A", targets: [`203.0.113.${(i % 200) + 30}`], proxied: false, ttl: 300, resource: `ingress/other/app-${i}` };
    z.data(w, "fixed");
    z.txt(txtNameFor(w.name, w.type, cfg), ownershipContent(OTHER_OWNER, w.resource), "fixed");
  }
  if (z.out.length > opts.records) trim(z, z.out.length - opts.records, rng);
  for (let i = 0; z.out.length < opts.records; i++) {
    if (i % 4 === 3) z.txt(`_acme-challenge.static-${i}.example.com`, `"token-${i}"`, "pad");
    else z.add(MANAGED_ZONE.id, "pad", { type: "A", name: `static-${i}.example.com`, content: `198.51.${(i >> 8) & 255}.${i & 255}`, proxied: false, ttl: 3600 });
  }
  // Cloudflare lists records in its own order; a shuffle keeps the engine from relying on ours.
  for (let i = z.out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [z.out[i], z.out[j]] = [z.out[j], z.out[i]];
  }
  return [MANAGED_ZONE, OTHER_ZONE].map((zone) => ({
    ...zone,
    records: z.out.filter((e) => e.zone === zone.id).map((e) => e.record),
  }));
}
