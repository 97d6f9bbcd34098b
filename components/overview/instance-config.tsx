import { SeverityIcon } from "@/components/ui/badge";
import { Card, Facts } from "@/components/ui/card";
import { Mono } from "@/components/ui/table";
import type { InstanceSummary } from "@/lib/api/types";

function list(xs: string[], none = "none"): React.ReactNode {
  return xs.length ? <Mono>{xs.join(", ")}</Mono> : <span className="text-slate-500 dark:text-slate-400">{none}</span>;
}

function opt(v: string, none = "not set"): React.ReactNode {
  return v ? <Mono>{v}</Mono> : <span className="text-slate-500 dark:text-slate-400">{none}</span>;
}

export function InstanceConfig({ instance }: { instance: InstanceSummary }) {
  const c = instance.config;
  const items: [React.ReactNode, React.ReactNode][] = [
    ["Version", <Mono key="v">{c.version || "unknown"}</Mono>],
    [
      "Annotation prefix",
      <span key="p">
        <Mono>{c.annotationPrefix}</Mono>{" "}
        <span className="text-xs text-slate-600 dark:text-slate-400">{c.annotationPrefixExplicit ? "(--annotation-prefix)" : `(default of ${c.version})`}</span>
      </span>,
    ],
    ["Policy", <Mono key="pol">{c.policy}</Mono>],
    ["Owner id", <Mono key="o">{c.ownerId}</Mono>],
    ["Sources", list(c.sources)],
    ["Domain filter", list(c.domainFilters, "all zones")],
    ["Exclude domains", list(c.excludeDomains)],
  ];
  if (c.regexDomainFilter || c.regexDomainExclusion) {
    items.push(["Regex filter", opt(c.regexDomainFilter)], ["Regex exclusion", opt(c.regexDomainExclusion)]);
  }
  items.push(
    ["Gateway label filter", opt(c.gatewayLabelFilter)],
    ...(c.gatewayName || c.gatewayNamespace ? ([["Gateway name / ns", opt(`${c.gatewayNamespace || "*"}/${c.gatewayName || "*"}`)]] as [React.ReactNode, React.ReactNode][]) : []),
    ["Ingress classes", list(c.ingressClasses, "all")],
    ["Label filter", opt(c.labelFilter)],
    ["Annotation filter", opt(c.annotationFilter)],
    ["Proxied default", <span key="px">{c.proxiedDefault ? "on (--cloudflare-proxied)" : "off"}</span>],
    ["TXT registry", <Mono key="t">{`prefix "${c.txtPrefix}" · suffix "${c.txtSuffix}"${c.txtWildcardReplacement ? ` · wildcard "${c.txtWildcardReplacement}"` : ""}`}</Mono>],
    ["Managed types", list(c.managedRecordTypes)],
    ["Interval", <Mono key="i">{c.interval}</Mono>],
  );
  return (
    <Card title="Configuration in effect" subtitle={<span className="font-mono">{`${instance.id} · ${instance.origin}`}</span>} testId="instance-config">
      <Facts items={items} />
      {c.issues.length > 0 && (
        <ul className="mt-3 space-y-1 border-t border-slate-200 pt-2 text-sm dark:border-slate-800">
          {c.issues.map((i, n) => (
            <li key={n} className="flex gap-2">
              <SeverityIcon severity={i.severity} />
              <span>
                <Mono>--{i.flag}</Mono>: {i.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
