// "What would fix it": turns an explain document's reasons into concrete changes a person can
// review — usually a YAML patch to a cluster object, sometimes a Cloudflare record to add or
// delete, or a flag of external-dns. Pure: the explain document and the configuration in
// effect are the only inputs, so the same answer comes from the API, the CLI and the tests.

import type { ConfigSummary, ExplainDocument, Fix, ReasonJSON } from "../api/types";
import type { ExplainRecordJSON } from "./plan-json";
import { serializeLabels } from "../externaldns/registry/txt-labels";
import { toTXTName } from "../externaldns/registry/txt-name";
import { parseVersion } from "../externaldns/version";
import {
  isRoute,
  kubectlAnnotate,
  kubectlLabel,
  kubectlMoveAnnotation,
  kubectlRemoveAnnotations,
  labelsForSelector,
  objectOf,
  objectPatch,
  valuesPatch,
  type ObjectId,
} from "./fix-objects";

interface Ctx {
  doc: ExplainDocument;
  config: ConfigSummary;
}

type Rule = (reasons: ReasonJSON[], ctx: Ctx) => Fix[];

/** The Gateway a route reason speaks of ("… Gateway networking/envoy-internal …"). */
function gatewayIn(text: string): ObjectId | undefined {
  const m = /Gateway ([a-z0-9.-]+)\/([a-z0-9.-]+)/i.exec(text);
  return m ? objectOf(`gateway/${m[1]}/${m[2]}`) : undefined;
}

function parentGateway(ctx: Ctx, route: string): ObjectId | undefined {
  for (const r of ctx.doc.reasons) {
    if (r.resource !== route) continue;
    const gw = gatewayIn(r.message);
    if (gw) return gw;
  }
  return undefined;
}

/** Routes that produce (or try to produce) this hostname. */
function routesOf(ctx: Ctx): ObjectId[] {
  const resources = [...ctx.doc.desired.map((d) => d.resource), ...ctx.doc.reasons.map((r) => r.resource)];
  return [...new Set(resources)].map(objectOf).filter((o): o is ObjectId => !!o && isRoute(o));
}

const gatewayLabelFilter: Rule = (reasons, { config }) =>
  uniqueBy(reasons.map((r) => (r.resource.startsWith("gateway/") ? objectOf(r.resource) : gatewayIn(r.message))), (g) => g && `${g.namespace}/${g.name}`).flatMap((gw) => {
    if (!gw) return [];
    const routes = reasons.filter((r) => { const o = objectOf(r.resource); return !!o && isRoute(o); }).map((r) => r.resource);
    const why = `external-dns runs with --gateway-label-filter=${config.gatewayLabelFilter}; Gateway ${gw.namespace}/${gw.name} does not carry that label, so ${routes.length ? routes.join(", ") : "every route attached to it"} publish${routes.length === 1 ? "es" : ""} nothing.`;
    const labels = labelsForSelector(config.gatewayLabelFilter);
    if (!labels) {
      return [{ code: "gateway-label-filter", title: `Label Gateway ${gw.namespace}/${gw.name} to match --gateway-label-filter`, description: `${why} Give the Gateway labels that satisfy the selector, or attach the route to a Gateway that does.` }];
    }
    return [
      {
        code: "gateway-label-filter",
        title: `Add the label ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(", ")} to Gateway ${gw.namespace}/${gw.name}`,
        description: `${why} If the Gateway is internal on purpose, attach the route to a Gateway external-dns processes instead.`,
        patch: { resource: `gateway/${gw.namespace}/${gw.name}`, yaml: objectPatch(gw, { labels }) },
        command: kubectlLabel(gw, labels),
      },
    ];
  });

const controllerAnnotation: Rule = (reasons, { config }) =>
  uniqueBy(reasons, (r) => r.resource).flatMap((r) => {
    const o = objectOf(r.resource);
    const key = `${config.annotationPrefix}controller`;
    if (!o || o.label === "crd") return [];
    return [
      {
        code: r.code,
        title: `Remove ${key} from ${o.kind} ${o.namespace}/${o.name}`,
        description: `${r.message}. external-dns only reads objects whose controller annotation is absent or "dns-controller"; remove it if this object should publish records.`,
        patch: { resource: r.resource, yaml: objectPatch(o, { annotations: { [key]: null } }) },
        command: kubectlRemoveAnnotations(o, [key]),
      },
    ];
  });

const prefixMismatch: Rule = (reasons) => {
  const renames = new Map<string, { o: ObjectId; pairs: [string, string][] }>();
  const fixes: Fix[] = [];
  for (const r of reasons) {
    const m = /^annotation (\S+) .*write it as ([A-Za-z0-9._/-]*[A-Za-z0-9])/.exec(r.message);
    const o = objectOf(r.resource);
    if (m && o) {
      const entry = renames.get(r.resource) ?? { o, pairs: [] };
      if (!entry.pairs.some(([k]) => k === m[1])) entry.pairs.push([m[1], m[2]]);
      renames.set(r.resource, entry);
      continue;
    }
    const p = /^providerSpecific (\S+) on (\S+) is not recognised: .* names it (\S+)/.exec(r.message);
    if (p) {
      fixes.push({ code: r.code, title: `Rename providerSpecific ${p[1]} to ${p[3]}`, description: `In ${r.resource}, spec.endpoints[] for ${p[2]}: ${r.message}.` });
    }
  }
  for (const [resource, { o, pairs }] of renames) {
    const annotations: Record<string, string | null> = {};
    for (const [from, to] of pairs) {
      annotations[from] = null;
      annotations[to] = `<value of ${from}>`;
    }
    fixes.unshift({
      code: "annotation-prefix-mismatch",
      title: `Rename ${pairs.length === 1 ? "the annotation" : `${pairs.length} annotations`} on ${o.kind} ${o.namespace}/${o.name} to the prefix in effect`,
      description: `external-dns ignores ${pairs.map(([f]) => f).join(", ")}. Keep each value and change the key: ${pairs.map(([f, t]) => `${f} → ${t}`).join("; ")}.`,
      patch: { resource, yaml: objectPatch(o, { annotations }) },
      command: pairs.map(([f, t]) => kubectlMoveAnnotation(o, f, o, t)).join(" && "),
    });
  }
  return fixes;
};

const ignoredHere: Rule = (reasons, ctx) =>
  reasons.flatMap((r): Fix[] => {
    const m = /^annotation (\S+) on (.+?) is ignored: (.*)$/.exec(r.message) ?? /^annotation (\S+) is ignored: (.*)$/.exec(r.message);
    const from = objectOf(r.resource);
    if (!m || !from) return [{ code: r.code, title: `Move or remove a misplaced annotation on ${r.resource}`, description: r.message }];
    const key = m[1];
    const attr = key.startsWith(ctx.config.annotationPrefix) ? key.slice(ctx.config.annotationPrefix.length) : key;
    if (/read from v0\.\d+/.test(r.message)) {
      return [{ code: r.code, title: `${key} needs a newer external-dns`, description: `${r.message}. Upgrade external-dns, or remove the annotation so nobody relies on it.`, command: kubectlRemoveAnnotations(from, [key]) }];
    }
    if (isRoute(from) && attr === "target") {
      const gw = parentGateway(ctx, r.resource);
      if (!gw) return [{ code: r.code, title: `Move ${key} to the parent Gateway`, description: r.message }];
      return [
        {
          code: r.code,
          title: `Move ${key} from ${from.kind} ${from.namespace}/${from.name} to Gateway ${gw.namespace}/${gw.name}`,
          description: `${r.message}. Note that a target on the Gateway applies to every route attached to it.`,
          patch: { resource: `gateway/${gw.namespace}/${gw.name}`, yaml: objectPatch(gw, { annotations: { [key]: `<value of ${key} on the route>` } }) },
          command: kubectlMoveAnnotation(from, key, gw, key),
        },
      ];
    }
    if (from.label === "gateway" || from.label === "listenerset") {
      const labels = ctx.config.gatewayLabelFilter.includes(key) ? labelsForSelector(ctx.config.gatewayLabelFilter) : undefined;
      if (labels) {
        return [
          {
            code: r.code,
            title: `Make ${key} a label of Gateway ${from.namespace}/${from.name}, not an annotation`,
            description: r.message,
            patch: { resource: r.resource, yaml: objectPatch(from, { labels, annotations: { [key]: null } }) },
            command: `${kubectlLabel(from, labels)} && ${kubectlRemoveAnnotations(from, [key])}`,
          },
        ];
      }
      const routes = routesOf(ctx);
      if (routes.length && attr !== "hostname") {
        return routes.map((route) => ({
          code: r.code,
          title: `Move ${key} from Gateway ${from.namespace}/${from.name} to ${route.kind} ${route.namespace}/${route.name}`,
          description: `${r.message}.`,
          patch: { resource: `${route.label}/${route.namespace}/${route.name}`, yaml: objectPatch(route, { annotations: { [key]: `<value of ${key} on the Gateway>` } }) },
          command: kubectlMoveAnnotation(from, key, route, key),
        }));
      }
    }
    return [{ code: r.code, title: `${key} has no effect on ${from.kind} ${from.namespace}/${from.name}`, description: `${r.message}.`, command: kubectlRemoveAnnotations(from, [key]) }];
  });

const isDataRecord = (r: ExplainRecordJSON) => !r.ownershipOf;

const unownedRecord: Rule = (reasons, { doc, config }) => {
  if (!reasons.some((r) => r.severity !== "info")) return [];
  const resource = doc.desired[0]?.resource ?? reasons[0].resource;
  const opts = { prefix: config.txtPrefix, suffix: config.txtSuffix, wildcardReplacement: config.txtWildcardReplacement, version: parseVersion(config.version) };
  return doc.records
    .filter((r) => isDataRecord(r) && r.owner === "" && config.managedRecordTypes.includes(r.type))
    .flatMap((rec): Fix[] => {
      const content = serializeLabels({ owner: config.ownerId, resource });
      const want = doc.desired.map((d) => `${d.type} ${d.targets.join(", ")}`).join("; ");
      return [
        {
          code: "unowned-record",
          title: `Delete the manual record ${rec.type} ${rec.name} at Cloudflare`,
          description: `${rec.type} ${rec.name} → ${rec.content} was created outside external-dns (no ownership TXT), so external-dns will not replace it. Once it is gone, external-dns creates ${want || "the desired record"} on its next loop.`,
          record: { action: "delete", zone: rec.zone, type: rec.type, name: rec.name, content: rec.content, id: rec.id },
        },
        {
          code: "unowned-record",
          title: `Or let external-dns adopt it: create its ownership TXT`,
          description: `With this TXT record, external-dns (owner id "${config.ownerId}") owns ${rec.type} ${rec.name} and brings it to ${want || "the desired state"} on its next loop${doc.desired.some((d) => d.type !== rec.type) ? `, replacing the ${rec.type} record` : ""}. Only do this if nothing else relies on the manual record.`,
          record: { action: "create", zone: rec.zone, type: "TXT", name: toTXTName(rec.name, rec.type, opts), content },
        },
      ];
    });
};

const ownedByOther: Rule = (reasons, { doc, config }) => {
  if (!reasons.some((r) => r.severity !== "info")) return [];
  const owner = doc.records.find((r) => isDataRecord(r) && r.owner && r.owner !== config.ownerId)?.owner ?? /owned by "([^"]+)"/.exec(reasons[0].message)?.[1] ?? "another owner";
  const fixes: Fix[] = [
    {
      code: "owned-by-other",
      title: `Stop publishing ${doc.hostname} from the external-dns with owner id "${owner}"`,
      description: `The record belongs to the external-dns instance running with --txt-owner-id=${owner} (another cluster or deployment). Remove the hostname from its source objects there; once that instance deletes the record, this one (owner id "${config.ownerId}") creates it.`,
    },
  ];
  for (const txt of doc.records.filter((r) => r.ownershipOf && r.content.includes(`external-dns/owner=${owner}`))) {
    fixes.push({
      code: "owned-by-other",
      title: `Or take it over: rewrite its ownership TXT to owner "${config.ownerId}"`,
      description: `Only when "${owner}" no longer wants the name (or is this same instance under an old owner id — then prefer --migrate-from-txt-owner=${owner}); otherwise the two instances will fight over it.`,
      record: { action: "update", zone: txt.zone, type: "TXT", name: txt.name, content: txt.content.replace(`external-dns/owner=${owner}`, `external-dns/owner=${config.ownerId}`), id: txt.id },
    });
  }
  return fixes;
};

const policy: Rule = (reasons, { config }) => [
  {
    code: "policy",
    title: `external-dns runs with --policy=${config.policy}, which forbids this change`,
    description: `${reasons.map((r) => r.message).join("; ")}. Either make the change by hand at Cloudflare (the Plan page applies what sync would do), or switch external-dns to policy sync — which then also deletes every other owned record no source wants.`,
    patch: { resource: "external-dns Helm values", yaml: valuesPatch({ policy: "sync" }) },
  },
];

const ingressClass: Rule = (reasons, { config }) =>
  reasons.flatMap((r) => {
    const o = objectOf(r.resource);
    const cls = /"([^"]+)" is not one of/.exec(r.message)?.[1];
    if (!o || !cls) return [{ code: r.code, title: "Use an ingress class external-dns watches", description: r.message }];
    return [
      {
        code: r.code,
        title: `Let external-dns watch ingress class "${cls}"`,
        description: `${r.message}. Add --ingress-class=${cls} to external-dns's extraArgs next to ${config.ingressClasses.map((c) => `--ingress-class=${c}`).join(", ") || "the existing flags"} (Helm replaces lists: keep every existing entry). Changing the Ingress's class instead would also move it to another ingress controller.`,
        patch: { resource: "external-dns Helm values (add to extraArgs)", yaml: valuesPatch({ extraArgs: [`--ingress-class=${cls}`] }) },
      },
    ];
  });

const objectFilter: Rule = (reasons, { config }) =>
  reasons.flatMap((r) => {
    const o = objectOf(r.resource);
    const selector = r.code === "label-filter" ? config.labelFilter : "";
    const labels = selector ? labelsForSelector(selector) : undefined;
    if (!o || !labels) return [{ code: r.code, title: `${r.resource} is excluded by --${r.code}`, description: `${r.message}. Change the object's ${r.code === "label-filter" ? "labels" : "annotations"} to match, or widen the flag.` }];
    return [{ code: r.code, title: `Add the label${Object.keys(labels).length > 1 ? "s" : ""} --label-filter asks for to ${o.kind} ${o.namespace}/${o.name}`, description: r.message, patch: { resource: r.resource, yaml: objectPatch(o, { labels }) }, command: kubectlLabel(o, labels) }];
  });

const noTargets: Rule = (reasons, { config }) =>
  reasons.flatMap((r) => {
    const o = objectOf(r.resource);
    const host = o && isRoute(o) ? undefined : o;
    const key = `${config.annotationPrefix}target`;
    if (!host || host.label === "crd") return [{ code: r.code, title: "Give the object a target", description: r.message }];
    return [{ code: r.code, title: `Set ${key} on ${host.kind} ${host.namespace}/${host.name}`, description: `${r.message}. Or wait until its controller publishes status addresses.`, patch: { resource: r.resource, yaml: objectPatch(host, { annotations: { [key]: "<load balancer hostname or IP>" } }) } }];
  });

const domainFilter: Rule = (reasons, { doc, config }) => {
  const zone = doc.records[0]?.zone ?? doc.hostname.split(".").slice(-2).join(".");
  const excluded = config.excludeDomains.find((d) => doc.hostname === d || doc.hostname.endsWith(`.${d}`));
  return [
    {
      code: "domain-filter",
      title: excluded ? `${doc.hostname} is inside --exclude-domains=${excluded}` : `${doc.hostname} is outside --domain-filter`,
      description: `${reasons[0].message}. ${excluded ? "Remove it from excludeDomains" : "Add its zone to domainFilters"} if external-dns should manage it.`,
      patch: excluded
        ? { resource: "external-dns Helm values", yaml: valuesPatch({ excludeDomains: config.excludeDomains.filter((d) => d !== excluded) }) }
        : { resource: "external-dns Helm values", yaml: valuesPatch({ domainFilters: [...config.domainFilters, zone] }) },
    },
  ];
};

/** A ClusterIP Service's hostname: name it by internal-hostname, or publish internal Services. */
const internalService: Rule = (reasons, { doc, config }) =>
  uniqueBy(reasons, (r) => r.resource).flatMap((r) => {
    const o = objectOf(r.resource);
    if (!o) return [];
    const key = `${config.annotationPrefix}internal-hostname`;
    return [
      {
        code: r.code,
        title: `Name ${doc.hostname} by ${key} on Service ${o.namespace}/${o.name}`,
        description: `${r.message}. The internal-hostname annotation publishes the ClusterIP whatever the flags; running external-dns with --publish-internal-services (extraArgs) would publish every ClusterIP Service's hostname instead.`,
        patch: { resource: r.resource, yaml: objectPatch(o, { annotations: { [key]: doc.hostname } }) },
        command: kubectlAnnotate(o, { [key]: doc.hostname }),
      },
    ];
  });

/** Drift a person made at Cloudflare: keep it by writing it into the cluster object instead. */
const pendingUpdate: Rule = (_reasons, { doc, config }) =>
  doc.changes.flatMap((c): Fix[] => {
    if (c.action !== "update" || c.ownershipOf || !c.previous || !c.resource) return [];
    const o = objectOf(c.resource);
    const annotations: Record<string, string | null> = {};
    if (c.previous.proxied !== undefined && c.previous.proxied !== c.proxied) annotations[`${config.annotationPrefix}cloudflare-proxied`] = String(c.previous.proxied);
    if (c.previous.ttl !== undefined && c.previous.ttl !== c.ttl) annotations[`${config.annotationPrefix}ttl`] = c.previous.ttl === 1 ? null : String(c.previous.ttl);
    const keys = Object.keys(annotations);
    const apply: Fix = {
      code: "pending-update",
      title: `Apply the update to ${c.type} ${c.name}`,
      description: `Cloudflare's record differs from what ${c.resource} asks for; external-dns will overwrite it on its next loop (every ${config.interval}). Approve it on the Plan page to do it now.`,
    };
    if (!keys.length || !o || o.label === "crd") return [apply];
    const set = Object.fromEntries(Object.entries(annotations).filter(([, v]) => v !== null)) as Record<string, string>;
    const unset = keys.filter((k) => annotations[k] === null);
    return [
      apply,
      {
        code: "pending-update",
        title: `Or keep Cloudflare's value: annotate ${o.kind} ${o.namespace}/${o.name}`,
        description: `If the change at Cloudflare was intended, write it into the cluster so external-dns stops reverting it.`,
        patch: { resource: c.resource, yaml: objectPatch(o, { annotations }) },
        command: [Object.keys(set).length ? kubectlAnnotate(o, set) : "", unset.length ? kubectlRemoveAnnotations(o, unset) : ""].filter(Boolean).join(" && "),
      },
    ];
  });

const pendingCreateDelete: Rule = (_reasons, { doc, config }) => {
  const actions = new Set(doc.changes.filter((c) => !c.ownershipOf).map((c) => c.action));
  if (!actions.size || actions.has("update")) return [];
  return [
    {
      code: actions.has("create") ? "pending-create" : "pending-delete",
      title: actions.has("delete") ? (actions.has("create") ? "Replace the record now" : "Delete the record now") : "Create the record now",
      description: `external-dns will do this on its next loop (every ${config.interval}); approve it on the Plan page to do it now.${actions.has("delete") && !actions.has("create") ? " If the record should stay, restore the source object that published it." : ""}`,
    },
  ];
};

/** Reasons whose fix is to change the route or Gateway the message names; the message says how. */
const DESCRIBED: Record<string, string> = {
  "gateway-name-filter": "Attach the route to the Gateway external-dns is limited to, or change --gateway-name.",
  "gateway-namespace-filter": "Attach the route to a Gateway in the namespace external-dns is limited to, or change --gateway-namespace.",
  "gateway-not-found": "Fix the route's parentRefs to name an existing Gateway.",
  "no-parent-refs": "Add spec.parentRefs to the route.",
  "no-route-status": "The Gateway controller has not reported on the route yet; check that it runs and watches this namespace.",
  "parent-not-in-spec": "The route's status names a parent that is not in spec.parentRefs; the Gateway controller will clean it up, or re-apply the route.",
  "route-not-accepted": "The Gateway controller refused the route; read the route's status conditions (kubectl describe) for why.",
  "section-not-found": "Fix the parentRef's sectionName to a listener that exists on the Gateway.",
  "port-mismatch": "Fix the parentRef's port to one of the Gateway's listeners.",
  "protocol-mismatch": "Attach the route to a listener of a matching protocol.",
  "allowed-routes-namespace": "Allow the route's namespace in the listener's allowedRoutes, or move the route.",
  "allowed-routes-kind": "Allow this route kind in the listener's allowedRoutes.",
  "hostname-not-in-listener": "Make the route's hostnames fall under the listener's hostname, or widen the listener.",
  "no-zone": "No Cloudflare zone visible to the token holds this name: create the zone or give the token access to it.",
  "txt-name-too-long": "Shorten the hostname's first label or the --txt-prefix/--txt-suffix so the ownership TXT name fits.",
  "cname-conflict": "Another source asks for A/AAAA records at this name; remove one of the two.",
  "lost-conflict": "Two objects ask for this name; remove the hostname from one of them.",
  "unmanaged-record-type": "Add the type to --managed-record-types if external-dns should manage it.",
  "service-type-filter": "Add the Service's type to --service-type-filter (extraArgs), or change the Service's type.",
  "endpoint-not-ready": "The pod is not ready: fix its readiness, or set spec.publishNotReadyAddresses on the Service (or --always-publish-not-ready-addresses) if not-ready pods should be published.",
  "pod-not-found": "The EndpointSlice names something that is not a Pod the Service selects; check the Service's selector and the slice's targetRef.",
  "node-not-found": "The pod's node does not exist (any more); the record follows once the pod is rescheduled.",
  "lb-hostname-not-resolved": "dnsdrift cannot resolve load balancer hostnames the way external-dns does at run time; compare the A/AAAA records with what the hostname resolves to.",
};

const RULES: Record<string, Rule> = {
  "gateway-label-filter": gatewayLabelFilter,
  "controller-annotation": controllerAnnotation,
  "annotation-prefix-mismatch": prefixMismatch,
  "annotation-ignored-here": ignoredHere,
  "unowned-record": unownedRecord,
  "owned-by-other": ownedByOther,
  policy,
  "ingress-class": ingressClass,
  "label-filter": objectFilter,
  "annotation-filter": objectFilter,
  "no-targets": noTargets,
  "internal-service": internalService,
  "domain-filter": domainFilter,
  "pending-update": pendingUpdate,
  "pending-create": pendingCreateDelete,
  "pending-delete": pendingCreateDelete,
};

function uniqueBy<T>(xs: T[], key: (x: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}

/**
 * The fixes for one hostname, in the order of its reasons (most severe first). Reasons about
 * leftover records nobody wants ("record/…") need no fix; in-sync names get none.
 */
export function fixesFor(doc: ExplainDocument, config: ConfigSummary): Fix[] {
  if (doc.verdict === "in-sync") return [];
  const ctx: Ctx = { doc, config };
  const byCode = new Map<string, ReasonJSON[]>();
  for (const r of doc.reasons) {
    if (r.resource.startsWith("record/")) continue;
    byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  }
  const fixes: Fix[] = [];
  for (const [code, reasons] of byCode) {
    const rule = RULES[code];
    if (rule) fixes.push(...rule(reasons, ctx));
    else if (DESCRIBED[code]) fixes.push(...uniqueBy(reasons, (r) => r.resource).map((r) => ({ code, title: DESCRIBED[code], description: `${r.message} (${r.resource}).` })));
  }
  return uniqueBy(fixes, (f) => `${f.title}\u0000${f.patch?.resource ?? ""}`);
}
