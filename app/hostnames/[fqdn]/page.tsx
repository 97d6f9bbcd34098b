import type { Metadata } from "next";
import { Suspense } from "react";
import { HostnamePage } from "@/components/hostnames/hostname-page";
import { Loading } from "@/components/ui/feedback";
import { normalizeHostname } from "@/lib/externaldns/hostname";

type Props = { params: Promise<{ fqdn: string }> };

function hostnameOf(raw: string): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all (or malformed): the page then says it is not a DNS name.
  }
  return normalizeHostname(name);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: hostnameOf((await params).fqdn) };
}

export default async function Page({ params }: Props) {
  const hostname = hostnameOf((await params).fqdn);
  return (
    <Suspense fallback={<Loading />}>
      <HostnamePage hostname={hostname} />
    </Suspense>
  );
}
