"use client";

// The frame the Gateways, Ingresses, DNSEndpoints and Services views share: header, tabs, and the
// loading and error states around the object data; each view renders only its own content.

import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { ErrorBox, Loading } from "@/components/ui/feedback";
import { useObjects, type ObjectsData } from "./api";
import { ObjectsTabs } from "./objects-tabs";
import { useHashTarget } from "./use-hash-target";

/** The row a deep link (#resource) points at stands out. */
export function highlightClass(highlight: string, resource: string): string {
  return highlight === resource ? "bg-sky-50 outline-2 outline-sky-500 dark:bg-sky-950/40" : "";
}

export function ObjectsView({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode | ((data: ObjectsData | undefined) => ReactNode);
  children: (data: ObjectsData, highlight: string) => ReactNode;
}) {
  const { data, error, isPending, refetch } = useObjects();
  const highlight = useHashTarget(!!data);
  return (
    <div>
      <PageHeader title={title} description={typeof description === "function" ? description(data) : description} />
      <ObjectsTabs data={data} />
      {isPending ? (
        <Loading />
      ) : !data ? (
        <ErrorBox error={error ?? new Error("no external-dns instance")} retry={() => void refetch()} />
      ) : (
        children(data, highlight)
      )}
    </div>
  );
}
