import type { Metadata } from "next";
import { Suspense } from "react";
import { HostnamePage } from "@/components/hostnames/hostname-page";
import { Loading } from "@/components/ui/feedback";

type Props = { params: Promise<{ fqdn: string }> };

function hostnameOf(raw: string): string {
  return decodeURIComponent(raw).trim().toLowerCase().replace(/\.$/, "");
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
