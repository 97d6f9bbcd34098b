import type { Metadata } from "next";
import { Suspense } from "react";
import { RecordsPage } from "@/components/records/records-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "Records" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <RecordsPage />
    </Suspense>
  );
}
