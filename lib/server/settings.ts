// Everything dnsdrift reads from its environment, in one place, validated once at start: the
// server's settings, and the few variables of the launchers (serve, demo, CLI). This is the only
// product file that touches process.env (settings.test.ts fails otherwise); parsers elsewhere
// (auth/config.ts, lib/kube/discovery.ts, lib/cloudflare/token.ts) are handed the environment
// from here. Secrets stay here: nothing in this object is ever serialised to a response or a log.

import path from "node:path";
import { authSettingsFromEnv, type AuthSettings } from "./auth/config";
import { secretsFromEnv } from "./redact";
import { resolveCloudflareBaseURL, resolveCloudflareToken } from "../cloudflare/token";
import { DEFAULT_CHANGE_SHARE, DEFAULT_MIN_OWNED } from "../drift/safety";
import { parseProtectedNames, ProtectedNamesError } from "../drift/protected-names";

export type Mode = "live" | "snapshot" | "demo";

export type Env = Record<string, string | undefined>;

/**
 * Every variable dnsdrift reads. docs/environment.md explains each one; settings.test.ts fails
 * when product code names a DNSDRIFT_ or CF_API_ variable missing here, or when the page lacks
 * one of these. (Besides these, the value of any variable with a secret-like name — TOKEN,
 * SECRET, PASSWORD, API_KEY — is redacted from every output: redact.ts.)
 */
export const ENVIRONMENT_VARIABLES = [
  // what to read
  "DNSDRIFT_MODE", "DNSDRIFT_SNAPSHOT_MANIFESTS", "DNSDRIFT_SNAPSHOT_RECORDS",
  "DNSDRIFT_EXTERNALDNS_CONFIG", "DNSDRIFT_EXTERNALDNS_SELECTOR", "DNSDRIFT_EXTERNALDNS_NAMESPACE",
  "DNSDRIFT_EXTERNALDNS_VERSION", "DNSDRIFT_ANNOTATION_PREFIX",
  // the cluster, and this replica in it
  "KUBECONFIG", "DNSDRIFT_KUBE_CONTEXT", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "HOME",
  "POD_NAME", "POD_NAMESPACE", "DNSDRIFT_LEASE_NAMESPACE",
  // Cloudflare
  "CF_API_TOKEN", "CF_API_TOKEN_FILE", "CF_API_BASE_URL", "CF_API_WRITE_TOKEN", "DNSDRIFT_WRITES",
  "DNSDRIFT_CLOUDFLARE_TIMEOUT_MS", "DNSDRIFT_REFRESH_SECONDS", "DNSDRIFT_FORCE_REFRESH_SECONDS",
  "DNSDRIFT_CLOUDFLARE_BUDGET", "DNSDRIFT_CLOUDFLARE_BUDGET_SOFT", "DNSDRIFT_CLOUDFLARE_AUDIT_LOGS",
  // who may look and approve (auth/config.ts)
  "DNSDRIFT_AUTH_MODE", "DNSDRIFT_TRUSTED_PROXIES", "DNSDRIFT_AUTH_TOKENS", "DNSDRIFT_AUTH_TOKENS_FILE",
  "DNSDRIFT_SESSION_SECRET", "DNSDRIFT_SESSION_TTL_SECONDS", "DNSDRIFT_APPROVER_GROUPS", "DNSDRIFT_VIEWER_GROUPS",
  "DNSDRIFT_APPROVER_SAR", "DNSDRIFT_VIEWER_SAR", "DNSDRIFT_SAR_USER", "DNSDRIFT_SAR_CACHE_SECONDS",
  "DNSDRIFT_ALLOWED_ORIGINS",
  // typed confirmation
  "DNSDRIFT_CONFIRM_CHANGE_PERCENT", "DNSDRIFT_CONFIRM_MIN_OWNED", "DNSDRIFT_PROTECTED_NAMES",
  // audit and history
  "DNSDRIFT_AUDIT_DB", "DNSDRIFT_HISTORY_DB", "DNSDRIFT_HISTORY_RETENTION_DAYS", "DNSDRIFT_HISTORY_MAX_ROWS",
  "DNSDRIFT_WEBHOOK_URL", "DNSDRIFT_PUBLIC_URL",
  // public DNS
  "DNSDRIFT_DOH", "DNSDRIFT_DOH_RESOLVERS", "DNSDRIFT_DOH_TIMEOUT_MS", "DNSDRIFT_DOH_MAX_RESULTS",
  "DNSDRIFT_DOH_MAX_HOSTS", "NODE_EXTRA_CA_CERTS",
  // the launchers
  "HOST", "PORT", "NODE_ENV", "DNSDRIFT_DEBUG", "DNSDRIFT_FROM_SOURCE", "DNSDRIFT_SOURCES_THREAD", "DNSDRIFT_DEMO_CLOUDFLARE_PORT",
  "DNSDRIFT_DEMO_KUBE_PORT", "DNSDRIFT_DEMO_DOH_PORT", "DNSDRIFT_DEMO_INFO",
  // the process
  "DNSDRIFT_HEAP_GROWTH_PERCENT", "NODE_OPTIONS",
] as const;

function pick(env: Env, names: readonly string[]): Env {
  const out: Env = {};
  for (const n of names) if (env[n] !== undefined) out[n] = env[n];
  return out;
}

export interface Settings {
  mode: Mode;
  refreshSeconds: number;
  /** Forced refreshes of all users share one Cloudflare listing per this many seconds. */
  forceRefreshSeconds: number;
  /** Cloudflare calls per 5 minutes dnsdrift allows itself, and where it starts backing off. */
  cloudflareBudget: { limit: number; softLimit: number };
  /** `config` empty: external-dns Deployments found in the manifests are used, as in live mode. */
  snapshot?: { manifests: string[]; records: string; config: string };
  /** The read token resolved (CF_API_TOKEN, its file: form, or CF_API_TOKEN_FILE); "" when none. */
  cloudflare?: { token: string; baseURL: string; writeToken?: string; timeoutMs: number };
  writesEnabled: boolean;
  cluster: ClusterSettings;
  /** The variables external-dns discovery reads (lib/kube/discovery.ts). */
  discoveryEnv: Env;
  /** Values of secret-named variables, for redaction (redact.ts). */
  environmentSecrets: string[];
  /** Who may view and who may approve (lib/server/auth/config.ts documents the variables). */
  auth: AuthSettings;
  /** Drift history (docs/history.md). */
  history: HistorySettings;
  /** When an approval needs the typed confirmation (lib/drift/safety.ts). */
  safety: SafetySettings;
}

export interface HistorySettings {
  /** DNSDRIFT_HISTORY_DB; default history.db beside the audit database (":memory:" with it). */
  db: string;
  /** DNSDRIFT_HISTORY_RETENTION_DAYS (default 30) and DNSDRIFT_HISTORY_MAX_ROWS (default 50000). */
  retentionDays: number;
  maxRows: number;
  /** DNSDRIFT_WEBHOOK_URL: Slack-compatible JSON on new drift; off when empty. */
  webhookUrl?: string;
  /** DNSDRIFT_CLOUDFLARE_AUDIT_LOGS=off stops reading the account audit log. */
  cloudflareAuditLogs: boolean;
  /** DNSDRIFT_PUBLIC_URL: the dashboard's address, for links in webhook messages. */
  publicUrl?: string;
}

/** Cluster access and this replica's identity (lib/kube/kubeconfig.ts, apply-context.ts). */
export interface ClusterSettings {
  /** KUBECONFIG taken as one file, as the server always has. */
  kubeconfigPath?: string;
  /** DNSDRIFT_KUBE_CONTEXT. */
  context?: string;
  /** The cluster variables, for loadKubeConfig and the apply lease. */
  env: Env;
}

const CLUSTER_VARIABLES = ["KUBECONFIG", "DNSDRIFT_KUBE_CONTEXT", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "HOME", "POD_NAME", "POD_NAMESPACE", "DNSDRIFT_LEASE_NAMESPACE"];
const DISCOVERY_VARIABLES = ["DNSDRIFT_EXTERNALDNS_SELECTOR", "DNSDRIFT_EXTERNALDNS_NAMESPACE", "DNSDRIFT_EXTERNALDNS_CONFIG", "DNSDRIFT_EXTERNALDNS_VERSION", "DNSDRIFT_ANNOTATION_PREFIX"];

export function clusterSettingsFromEnv(env: Env = process.env): ClusterSettings {
  return { kubeconfigPath: env.KUBECONFIG || undefined, context: env.DNSDRIFT_KUBE_CONTEXT || undefined, env: pick(env, CLUSTER_VARIABLES) };
}

export interface DohSettings {
  /** DNSDRIFT_DOH=off stops the background checks of public DNS. */
  enabled: boolean;
  /** DNSDRIFT_DOH_RESOLVERS as given (`id=url,…`); unset: Cloudflare and Google. */
  resolvers?: string;
  timeoutMs: number;
  /** Results kept for the dashboard (DNSDRIFT_DOH_MAX_RESULTS), and names checked per sweep (DNSDRIFT_DOH_MAX_HOSTS). */
  maxResults: number;
  maxHosts: number;
  /** NODE_EXTRA_CA_CERTS: kept in the trust list when a resolver's own CA is added. */
  extraCaCertsFile?: string;
}

function positiveOr(raw: string | undefined, fallback: number): number {
  const n = Number(raw ?? String(fallback));
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Lenient as before: a bad number falls back to the default rather than stopping the server. */
export function dohSettingsFromEnv(env: Env = process.env): DohSettings {
  return {
    enabled: env.DNSDRIFT_DOH !== "off",
    ...(env.DNSDRIFT_DOH_RESOLVERS !== undefined ? { resolvers: env.DNSDRIFT_DOH_RESOLVERS } : {}),
    timeoutMs: Number(env.DNSDRIFT_DOH_TIMEOUT_MS ?? "3000"),
    maxResults: positiveOr(env.DNSDRIFT_DOH_MAX_RESULTS, 5000),
    maxHosts: Number(env.DNSDRIFT_DOH_MAX_HOSTS ?? "500"),
    ...(env.NODE_EXTRA_CA_CERTS ? { extraCaCertsFile: env.NODE_EXTRA_CA_CERTS } : {}),
  };
}

export const DEFAULT_AUDIT_DB = "./data/audit.db";

/** DNSDRIFT_AUDIT_DB, relative paths taken from the working directory. */
export function auditDbFromEnv(env: Env = process.env): string {
  const raw = env.DNSDRIFT_AUDIT_DB?.trim() || DEFAULT_AUDIT_DB;
  return raw === ":memory:" ? raw : path.resolve(/*turbopackIgnore: true*/ raw);
}

export interface SafetySettings {
  /** DNSDRIFT_CONFIRM_CHANGE_PERCENT / 100: share of a zone's owned records a plan may change unconfirmed. */
  changeShare: number;
  /** DNSDRIFT_CONFIRM_MIN_OWNED: the share applies once a zone owns at least this many records. */
  minOwned: number;
  /** DNSDRIFT_PROTECTED_NAMES: comma-separated globs that always need confirming. */
  protectedNames: string[];
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new SettingsError(`${name} must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

export function historySettingsFromEnv(env: Env = process.env): HistorySettings {
  const audit = env.DNSDRIFT_AUDIT_DB?.trim() || DEFAULT_AUDIT_DB;
  const db = env.DNSDRIFT_HISTORY_DB?.trim() || (audit === ":memory:" ? ":memory:" : path.join(path.dirname(audit), "history.db"));
  const webhookUrl = env.DNSDRIFT_WEBHOOK_URL?.trim();
  if (webhookUrl) {
    let u: URL;
    try {
      u = new URL(webhookUrl);
    } catch {
      throw new SettingsError("DNSDRIFT_WEBHOOK_URL must be an http(s) URL");
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new SettingsError("DNSDRIFT_WEBHOOK_URL must be an http(s) URL");
  }
  return {
    db: db === ":memory:" ? db : path.resolve(/*turbopackIgnore: true*/ db),
    retentionDays: positive(env, "DNSDRIFT_HISTORY_RETENTION_DAYS", 30),
    maxRows: positive(env, "DNSDRIFT_HISTORY_MAX_ROWS", 50_000),
    ...(webhookUrl ? { webhookUrl } : {}),
    cloudflareAuditLogs: env.DNSDRIFT_CLOUDFLARE_AUDIT_LOGS !== "off",
    ...(env.DNSDRIFT_PUBLIC_URL ? { publicUrl: env.DNSDRIFT_PUBLIC_URL } : {}),
  };
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(/[,:]/).map((s) => s.trim()).filter(Boolean);
}

export class SettingsError extends Error {}

export function safetySettingsFromEnv(env: Env = process.env): SafetySettings {
  const percentText = env.DNSDRIFT_CONFIRM_CHANGE_PERCENT?.trim();
  const percent = percentText ? Number(percentText.replace(/%$/, "")) : DEFAULT_CHANGE_SHARE * 100;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new SettingsError(`DNSDRIFT_CONFIRM_CHANGE_PERCENT must be a percentage from 0 to 100, got "${env.DNSDRIFT_CONFIRM_CHANGE_PERCENT}"`);
  }
  const minText = env.DNSDRIFT_CONFIRM_MIN_OWNED?.trim();
  const minOwned = minText ? Number(minText) : DEFAULT_MIN_OWNED;
  if (!Number.isInteger(minOwned) || minOwned < 0) {
    throw new SettingsError(`DNSDRIFT_CONFIRM_MIN_OWNED must be a whole number ≥ 0, got "${env.DNSDRIFT_CONFIRM_MIN_OWNED}"`);
  }
  try {
    return { changeShare: percent / 100, minOwned, protectedNames: parseProtectedNames(env.DNSDRIFT_PROTECTED_NAMES) };
  } catch (e) {
    if (e instanceof ProtectedNamesError) throw new SettingsError(`DNSDRIFT_PROTECTED_NAMES: ${e.message}`);
    throw e;
  }
}

export function settingsFromEnv(env: Env = process.env): Settings {
  const mode = (env.DNSDRIFT_MODE ?? (env.DNSDRIFT_SNAPSHOT_RECORDS ? "snapshot" : "live")) as Mode;
  if (!["live", "snapshot", "demo"].includes(mode)) {
    throw new SettingsError(`DNSDRIFT_MODE must be live, snapshot or demo, got "${mode}"`);
  }
  const refreshSeconds = Number(env.DNSDRIFT_REFRESH_SECONDS ?? "30");
  if (!Number.isFinite(refreshSeconds) || refreshSeconds < 1) {
    throw new SettingsError(`DNSDRIFT_REFRESH_SECONDS must be a number of seconds ≥ 1, got "${env.DNSDRIFT_REFRESH_SECONDS}"`);
  }
  const forceRefreshSeconds = Number(env.DNSDRIFT_FORCE_REFRESH_SECONDS ?? "5");
  if (!Number.isFinite(forceRefreshSeconds) || forceRefreshSeconds < 0) {
    throw new SettingsError(`DNSDRIFT_FORCE_REFRESH_SECONDS must be a number of seconds ≥ 0, got "${env.DNSDRIFT_FORCE_REFRESH_SECONDS}"`);
  }
  const limit = Number(env.DNSDRIFT_CLOUDFLARE_BUDGET ?? "600");
  if (!Number.isInteger(limit) || limit < 10) {
    throw new SettingsError(`DNSDRIFT_CLOUDFLARE_BUDGET must be a whole number of calls per 5 minutes ≥ 10, got "${env.DNSDRIFT_CLOUDFLARE_BUDGET}"`);
  }
  const softLimit = Number(env.DNSDRIFT_CLOUDFLARE_BUDGET_SOFT ?? String(Math.floor(limit / 2)));
  if (!Number.isInteger(softLimit) || softLimit < 1 || softLimit > limit) {
    throw new SettingsError(`DNSDRIFT_CLOUDFLARE_BUDGET_SOFT must be a whole number of calls between 1 and DNSDRIFT_CLOUDFLARE_BUDGET, got "${env.DNSDRIFT_CLOUDFLARE_BUDGET_SOFT}"`);
  }
  const settings: Settings = {
    mode,
    refreshSeconds,
    forceRefreshSeconds,
    cloudflareBudget: { limit, softLimit },
    writesEnabled: env.DNSDRIFT_WRITES === "enabled",
    auth: authSettingsFromEnv(env),
    safety: safetySettingsFromEnv(env),
    history: historySettingsFromEnv(env),
    cluster: clusterSettingsFromEnv(env),
    discoveryEnv: pick(env, DISCOVERY_VARIABLES),
    environmentSecrets: secretsFromEnv(env),
  };
  if (mode === "snapshot") {
    const manifests = list(env.DNSDRIFT_SNAPSHOT_MANIFESTS);
    const records = env.DNSDRIFT_SNAPSHOT_RECORDS ?? "";
    const config = env.DNSDRIFT_EXTERNALDNS_CONFIG ?? "";
    if (!manifests.length || !records) {
      throw new SettingsError(
        "snapshot mode needs DNSDRIFT_SNAPSHOT_MANIFESTS (files or directories) and DNSDRIFT_SNAPSHOT_RECORDS (records JSON); DNSDRIFT_EXTERNALDNS_CONFIG (Helm values or args) unless the manifests hold the external-dns Deployment",
      );
    }
    settings.snapshot = { manifests, records, config };
  } else {
    const timeoutMs = Number(env.DNSDRIFT_CLOUDFLARE_TIMEOUT_MS ?? "15000");
    if (!Number.isFinite(timeoutMs) || timeoutMs < 1) {
      throw new SettingsError(`DNSDRIFT_CLOUDFLARE_TIMEOUT_MS must be a number of milliseconds ≥ 1, got "${env.DNSDRIFT_CLOUDFLARE_TIMEOUT_MS}"`);
    }
    settings.cloudflare = {
      token: resolveCloudflareToken(env) ?? "",
      baseURL: resolveCloudflareBaseURL(undefined, env),
      timeoutMs,
      ...(env.CF_API_WRITE_TOKEN ? { writeToken: env.CF_API_WRITE_TOKEN } : {}),
    };
  }
  return settings;
}

// The launchers' variables.

/** HOST and PORT for bin/serve.ts (its --hostname and --port win). */
export function listenEnv(env: Env = process.env): Env {
  return pick(env, ["HOST", "PORT"]);
}

/** What the heap growth policy reads (heap-growth.ts): its own variable, and node's options, which win. */
export function heapEnv(env: Env = process.env): Env {
  return pick(env, ["DNSDRIFT_HEAP_GROWTH_PERCENT", "NODE_OPTIONS"]);
}

/** DNSDRIFT_DEBUG: the CLI prints stack traces. NODE_EXTRA_CA_CERTS: see DohSettings. */
export function cliSettingsFromEnv(env: Env = process.env): { debug: boolean; extraCaCertsFile?: string } {
  return { debug: Boolean(env.DNSDRIFT_DEBUG), ...(env.NODE_EXTRA_CA_CERTS ? { extraCaCertsFile: env.NODE_EXTRA_CA_CERTS } : {}) };
}

export interface DemoSettings {
  host: string;
  port: number;
  /** Fixed emulator ports (0: any free port). */
  ports: { cloudflare: number; kube: number; doh: number };
  /** DNSDRIFT_DEMO_INFO: a file to write the demo's addresses to. */
  infoFile?: string;
  /** The environment the demo's server starts with, before the demo's own variables. */
  inherited: NodeJS.ProcessEnv;
}

export function demoSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DemoSettings {
  return {
    host: env.HOST ?? "127.0.0.1",
    port: Number(env.PORT ?? "3000"),
    ports: { cloudflare: Number(env.DNSDRIFT_DEMO_CLOUDFLARE_PORT ?? "0"), kube: Number(env.DNSDRIFT_DEMO_KUBE_PORT ?? "0"), doh: Number(env.DNSDRIFT_DEMO_DOH_PORT ?? "0") },
    ...(env.DNSDRIFT_DEMO_INFO ? { infoFile: env.DNSDRIFT_DEMO_INFO } : {}),
    inherited: { ...env },
  };
}

/**
 * Sets variables Next and React read when they load (NODE_ENV, the build's recorded config),
 * each only when the environment does not already set it.
 */
export function handToNext(vars: Record<string, string>, env: Env = process.env): void {
  for (const [k, v] of Object.entries(vars)) env[k] ??= v;
}
