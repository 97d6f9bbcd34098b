import type { Metadata } from "next";
import { Suspense } from "react";
import { ActivityPage } from "@/components/history/activity-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "Activity" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <ActivityPage />
    </Suspense>
  );
}
