import Link from "next/link";
import { linkClass } from "./button";

/** Where the UI shows a resource label ("httproute/default/app", "record/A/example.com"). */
export function resourceHref(resource: string): string | undefined {
  const [kind, ...rest] = resource.split("/");
  if (!rest.length) return undefined;
  if (kind === "gateway" || kind === "listenerset" || kind.endsWith("route")) return `/gateways#${resource}`;
  if (kind === "ingress") return `/ingresses#${resource}`;
  if (kind === "crd" || kind === "dnsendpoint") return `/dnsendpoints#${resource}`;
  if (kind === "service") return `/services#${resource}`;
  if (kind === "record") return `/records?q=${encodeURIComponent(rest.slice(1).join("/"))}`;
  return undefined;
}

export function hostnameHref(name: string): string {
  return `/hostnames/${encodeURIComponent(name)}`;
}

export function ResourceLink({ resource, className = "" }: { resource: string; className?: string }) {
  const href = resourceHref(resource);
  const text = <span className="font-mono text-[0.8125rem] break-all">{resource}</span>;
  if (!href) return <span className={className}>{text}</span>;
  return (
    <Link href={href} className={`${linkClass} ${className}`}>
      {text}
    </Link>
  );
}

export function HostLink({ name, className = "" }: { name: string; className?: string }) {
  return (
    <Link href={hostnameHref(name)} className={`${linkClass} font-mono text-[0.8125rem] break-all ${className}`}>
      {name}
    </Link>
  );
}

/** A warning subject is either an object ("kind/ns/name") or a hostname. */
export function SubjectLink({ subject }: { subject: string }) {
  return subject.includes("/") ? <ResourceLink resource={subject} /> : <HostLink name={subject} />;
}
