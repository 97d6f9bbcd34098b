// The TXT registry (registry/txt/registry.go): reads ownership back from the TXT records a zone
// holds (Records) and adds/removes ownership TXTs around the planner's changes (ApplyChanges).
//
// The link "which TXT gave this record its owner" is kept in RegistryView.ownerOf, a Map keyed
// by the record objects of RegistryView.records (object identity: look records up with the
// very objects the view returned, not copies).

import { copyEndpoint, getProviderSpecific, resourceOf } from "../endpoint";
import type { Changes, Config, Endpoint, Reason } from "../types";
import { decryptText, deriveNonce, encryptText, parseAesKey } from "./txt-crypto";
import { ENCRYPTION_NONCE_LABEL, isLabelError, parseLabels, serializeLabels, trimQuotes } from "./txt-labels";
import { fromTXTName, toTXTName, txtNameOptions, txtNameTooLong, type TxtNameOptions } from "./txt-name";
import { normalizeHostname } from "../hostname";
import { addToList } from "../append";
import { ITEMS_PER_STEP, runSteps, type Steps } from "../steps";

/** Provider-specific marker that makes the planner rewrite a record lacking its new-format TXT. */
export const FORCE_UPDATE_PROPERTY = "txt/force-update";
/** Label on a generated TXT endpoint naming the record it owns (never serialised). */
export const OWNED_RECORD_LABEL = "ownedRecord";

export interface OwnershipTxt {
  /** The TXT record as read. */
  endpoint: Endpoint;
  txtName: string;
  setIdentifier: string;
  /** targets[0] exactly as stored (quotes included). */
  content: string;
  encrypted: boolean;
  /** Decrypted plain text (no quotes) when encrypted. */
  plaintext?: string;
  /** Parsed labels (with the hidden nonce label when encrypted). */
  labels: Record<string, string>;
  owner: string;
  resource: string;
  /** "unmapped": valid content, but the name does not carry the configured affix. */
  format: "new" | "legacy" | "unmapped";
  /** Lower-cased name of the record it claims ("" when unmapped). */
  ownedName: string;
  /** Type it claims; "" for legacy (any type but AAAA) and unmapped. */
  ownedType: string;
  /** A record it refers to exists in the same read. */
  matched: boolean;
}

export interface InvalidTxt {
  endpoint: Endpoint;
  error: string;
  /** True when external-dns drops it from the record list (no targets); else it is an ordinary record. */
  dropped: boolean;
}

export interface RegistryView {
  /** Provider records minus registry TXTs, with owner/resource/… labels folded in. */
  records: Endpoint[];
  /** Every TXT whose content is valid heritage=external-dns content. */
  ownershipTxts: OwnershipTxt[];
  /** TXTs without targets, and TXTs that look like registry content but are not valid. */
  invalidTxts: InvalidTxt[];
  /** records[i] → the TXT whose labels it received. */
  ownerOf: Map<Endpoint, OwnershipTxt>;
}

const keyOf = (a: string, b: string) => `${a}\u0000${b}`;

function isManaged(type: string, cfg: Config): boolean {
  return !cfg.excludeRecordTypes.includes(type) && cfg.managedRecordTypes.includes(type);
}

interface Decoded {
  labels: Record<string, string> | { error: string };
  encrypted: boolean;
  plaintext?: string;
}

// With a key configured decryption is tried first; content that does not decrypt is read as plain text.
function decodeContent(content: string, key: Buffer | undefined): Decoded {
  const opened = key ? decryptText(trimQuotes(content), key) : undefined;
  if (!opened) return { labels: parseLabels(content), encrypted: false };
  const labels = parseLabels(opened.plaintext);
  if (!isLabelError(labels)) labels[ENCRYPTION_NONCE_LABEL] = opened.nonce;
  return { labels, encrypted: true, plaintext: opened.plaintext };
}

// Only content that tried to be registry content is worth reporting; SPF and friends are not.
function looksLikeRegistry(content: string): boolean {
  return /heritage=|external-dns\//.test(content);
}

/** The name a record looks its TXT up under: a leading "*" label becomes the wildcard replacement. */
function lookupName(name: string, cfg: Config): string {
  if (cfg.txtWildcardReplacement === "" || !(name === "*" || name.startsWith("*."))) return name;
  return cfg.txtWildcardReplacement + name.slice(1);
}

/** Records(): folds ownership TXTs into the labels of the records they own. */
export function readRegistry(input: Endpoint[], cfg: Config, options: { adoptInput?: boolean } = {}): RegistryView {
  return runSteps(readRegistrySteps(input, cfg, options));
}

/** The same, pausing every ITEMS_PER_STEP records. */
export function* readRegistrySteps(input: Endpoint[], cfg: Config, options: { adoptInput?: boolean } = {}): Steps<RegistryView> {
  let n = 0;
  const aesKey = parseAesKey(cfg.txtEncryptAesKey);
  const opts = txtNameOptions(cfg);
  // The records get labels written into them, so they are copies — unless the caller hands over
  // endpoints nobody else holds (the pipeline's fresh read), which saves copying 20,000 of them.
  const cloneEndpoint = options.adoptInput ? (ep: Endpoint) => ep : copyEndpoint;
  const records: Endpoint[] = [];
  const ownershipTxts: OwnershipTxt[] = [];
  const invalidTxts: InvalidTxt[] = [];
  // TXTs by the record name they claim. Indexing by name alone (a string the endpoint already
  // has) instead of name+type+set keys spares building two key strings per record.
  const byName = new Map<string, OwnershipTxt[]>();

  for (const rec of input) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    if (rec.recordType !== "TXT") {
      records.push(cloneEndpoint(rec));
      continue;
    }
    if (rec.targets.length === 0) {
      invalidTxts.push({ endpoint: rec, error: "TXT record has no targets", dropped: true });
      continue;
    }
    const decoded = decodeContent(rec.targets[0], aesKey);
    if (isLabelError(decoded.labels)) {
      records.push(cloneEndpoint(rec));
      if (looksLikeRegistry(rec.targets[0])) invalidTxts.push({ endpoint: rec, error: decoded.labels.error, dropped: false });
      continue;
    }
    const labels = decoded.labels as Record<string, string>;
    const mapped = fromTXTName(rec.dnsName, opts);
    const txt: OwnershipTxt = {
      endpoint: rec,
      txtName: rec.dnsName,
      setIdentifier: rec.setIdentifier,
      content: rec.targets[0],
      encrypted: decoded.encrypted,
      plaintext: decoded.plaintext,
      labels,
      owner: labels.owner ?? "",
      resource: labels.resource ?? "",
      format: !mapped ? "unmapped" : mapped.recordType === "" ? "legacy" : "new",
      ownedName: mapped?.name ?? "",
      ownedType: mapped?.recordType ?? "",
      matched: false,
    };
    ownershipTxts.push(txt);
    if (mapped) addToList(byName, mapped.name, txt);
  }

  const txtNames = new Set<string>();
  for (const t of ownershipTxts) txtNames.add(t.txtName);
  const ownerOf = new Map<Endpoint, OwnershipTxt>();
  for (const ep of records) {
    if (++n % ITEMS_PER_STEP === 0) yield;
    const claims = byName.get(lookupName(ep.dnsName, cfg));
    if (claims) {
      // New format first; the legacy (type-less) TXT is a fallback for every type but AAAA.
      let txt = lastClaim(claims, ep.recordType, ep.setIdentifier);
      if (!txt && ep.recordType !== "AAAA") txt = lastClaim(claims, "", ep.setIdentifier);
      if (txt) {
        Object.assign(ep.labels, txt.labels);
        ownerOf.set(ep, txt);
      }
      markMatched(claims, ep);
    }
    if (cfg.migrateFromTxtOwner !== "" && ep.labels.owner === cfg.migrateFromTxtOwner) ep.labels.owner = cfg.txtOwnerId;
    markMissingNewFormat(ep, cfg, txtNames, opts);
  }
  return { records, ownershipTxts, invalidTxts, ownerOf };
}

/**
 * Marks the TXTs that refer to this record as matched: a legacy TXT refers to any record of its
 * name but AAAA, a new-format one to its type only. (The TXTs claiming the record's name are
 * exactly the mapped ones whose ownedName it has, so no index of records by name is needed.)
 */
function markMatched(claims: OwnershipTxt[], ep: Endpoint): void {
  for (const txt of claims) {
    if (txt.matched || txt.setIdentifier !== ep.setIdentifier) continue;
    if (txt.ownedType === "" ? ep.recordType !== "AAAA" : ep.recordType === txt.ownedType) txt.matched = true;
  }
}

/** The TXT claiming that type and set identifier; a later TXT overrides an earlier one, as in upstream's label map. */
function lastClaim(claims: OwnershipTxt[], type: string, setIdentifier: string): OwnershipTxt | undefined {
  for (let i = claims.length - 1; i >= 0; i--) {
    if (claims[i].ownedType === type && claims[i].setIdentifier === setIdentifier) return claims[i];
  }
  return undefined;
}

/**
 * Format migration: an owned record of a managed type whose new-format TXT is missing (while
 * the zone holds at least one registry TXT) gets txt/force-update=true so the planner updates it.
 */
function markMissingNewFormat(ep: Endpoint, cfg: Config, txtNames: Set<string>, opts: TxtNameOptions): void {
  if (txtNames.size === 0 || ep.labels.owner !== cfg.txtOwnerId || !isManaged(ep.recordType, cfg)) return;
  const name = toTXTName(ep.dnsName, ep.recordType, opts);
  if (txtNameTooLong(name) || txtNames.has(name)) return;
  const existing = ep.providerSpecific.find((p) => p.name === FORCE_UPDATE_PROPERTY);
  if (existing) existing.value = "true";
  else ep.providerSpecific.push({ name: FORCE_UPDATE_PROPERTY, value: "true" });
}

/**
 * The TXT content for a record's labels. Encrypted content reuses the stored ciphertext when
 * external-dns would regenerate the very same bytes (same nonce, same plain text).
 */
function txtContent(labels: Record<string, string>, cfg: Config, view?: RegistryView): string {
  const key = cfg.txtEncryptEnabled ? parseAesKey(cfg.txtEncryptAesKey) : undefined;
  if (!key) return serializeLabels(labels, true);
  const { [ENCRYPTION_NONCE_LABEL]: nonce, ...rest } = labels;
  const plain = serializeLabels(rest, false);
  const stored = nonce
    ? view?.ownershipTxts.find((t) => t.encrypted && t.labels[ENCRYPTION_NONCE_LABEL] === nonce && t.plaintext === plain)
    : undefined;
  if (stored) return `"${trimQuotes(stored.content)}"`;
  return `"${encryptText(plain, key, nonce ?? deriveNonce(plain, key))}"`;
}

/**
 * generateTXTRecord: the ownership TXT external-dns writes for a record — name via the mapper,
 * content from the record's labels (owner rewritten when migrating), TTL 0, the record's set
 * identifier and a copy of its provider-specific properties. Undefined when a label of the
 * TXT name exceeds 63 characters (the record then stays unowned). Apex names are generated
 * like any other; finding no zone for them is the provider's business.
 */
export function ownershipTxtFor(ep: Endpoint, cfg: Config, view?: RegistryView): Endpoint | undefined {
  const labels = { ...ep.labels };
  if (cfg.migrateFromTxtOwner !== "" && labels.owner === cfg.migrateFromTxtOwner) labels.owner = cfg.txtOwnerId;
  const name = toTXTName(ep.dnsName, ep.recordType, txtNameOptions(cfg));
  if (txtNameTooLong(name)) return undefined;
  return {
    dnsName: name.endsWith(".") ? name.slice(0, -1) : name,
    recordType: "TXT",
    targets: [txtContent(labels, cfg, view)],
    recordTTL: 0,
    setIdentifier: ep.setIdentifier,
    labels: { [OWNED_RECORD_LABEL]: ep.dnsName },
    providerSpecific: ep.providerSpecific.map((p) => ({ ...p })),
  };
}

function ownedBy(ep: Endpoint, owner: string): boolean {
  return Object.prototype.hasOwnProperty.call(ep.labels, "owner") && ep.labels.owner === owner;
}

/**
 * ApplyChanges: creates get this owner and a TXT (unless a registry TXT of that name and set
 * identifier already exists, whoever owns it); updates and deletes are narrowed to records of
 * this owner and carry their regenerated TXTs. TXTs follow the data records in every list.
 */
export function applyRegistry(changes: Changes, view: RegistryView, cfg: Config): Changes {
  return runSteps(applyRegistrySteps(changes, view, cfg));
}

/** The same, pausing every ITEMS_PER_STEP records. */
export function* applyRegistrySteps(changes: Changes, view: RegistryView, cfg: Config): Steps<Changes> {
  const owner = cfg.txtOwnerId;
  const existing = new Set(view.ownershipTxts.map((t) => keyOf(t.txtName, t.setIdentifier)));
  let n = 0;
  function* withTxts(eps: Endpoint[], keep: (txt: Endpoint) => boolean = () => true): Steps<Endpoint[]> {
    const txts: Endpoint[] = [];
    for (const ep of eps) {
      if (++n % ITEMS_PER_STEP === 0) yield;
      const txt = ownershipTxtFor(ep, cfg, view);
      if (txt && keep(txt)) txts.push(txt);
    }
    return [...eps, ...txts];
  }
  // Copies, owned by this owner for creates; other owners' records are left out of the rest.
  function* copies(eps: Endpoint[], create: boolean): Steps<Endpoint[]> {
    const out: Endpoint[] = [];
    for (const ep of eps) {
      if (++n % ITEMS_PER_STEP === 0) yield;
      if (create) {
        const c = copyEndpoint(ep);
        c.labels.owner = owner;
        out.push(c);
      } else if (ownedBy(ep, owner)) out.push(copyEndpoint(ep));
    }
    return out;
  }
  return {
    create: yield* withTxts(yield* copies(changes.create, true), (txt) => !existing.has(keyOf(txt.dnsName, txt.setIdentifier))),
    updateOld: yield* withTxts(yield* copies(changes.updateOld, false)),
    updateNew: yield* withTxts(yield* copies(changes.updateNew, false)),
    delete: yield* withTxts(yield* copies(changes.delete, false)),
  };
}

/**
 * Desired records of a managed type whose ownership TXT cannot exist because its name has an
 * over-long label: external-dns creates them without a TXT, and they read back as unowned.
 */
export function txtNameReasons(desired: Endpoint[], cfg: Config): Reason[] {
  const reasons: Reason[] = [];
  const opts = txtNameOptions(cfg);
  // More than the mapper can add to a name: the affixes and the wildcard replacement (each
  // lower-cased, which lengthens a string at most threefold), and the type, lower-cased, as a
  // marker with its dash or in place of a %{record_type} in each affix.
  const added = 3 * (cfg.txtPrefix.length + cfg.txtSuffix.length + cfg.txtWildcardReplacement.length) + 1;
  for (const ep of desired) {
    if (!isManaged(ep.recordType, cfg)) continue;
    // No label of a TXT name that short can exceed 63 characters: no need to build it.
    if (ep.dnsName.length + 6 * ep.recordType.length + added <= 63) continue;
    const name = toTXTName(ep.dnsName, ep.recordType, opts);
    if (!txtNameTooLong(name)) continue;
    reasons.push({
      code: "txt-name-too-long",
      resource: resourceOf(ep) || "config",
      message: `the ownership TXT name ${name} for ${ep.recordType} ${ep.dnsName} has a label longer than 63 characters: external-dns writes the record without a TXT, so it stays unowned and is never updated or deleted`,
      severity: "warning",
      hostnames: [normalizeHostname(ep.dnsName)],
    });
  }
  return reasons;
}

/** True when the record carries the format-migration marker (an update loop with Cloudflare). */
export function hasForceUpdate(ep: Endpoint): boolean {
  return getProviderSpecific(ep, FORCE_UPDATE_PROPERTY) === "true";
}
