import { pickInstance, useInstanceId, useStateData } from "@/components/api/state";
import type { RecordView, StateResponse } from "@/lib/api/types";

export interface RecordsData {
  instance: string;
  ownerId: string;
  records: RecordView[];
}

/** Every Cloudflare record in the selected instance's zones, with its state. */
export function useRecords() {
  const id = useInstanceId();
  return useStateData((s: StateResponse): RecordsData | undefined => {
    const i = pickInstance(s, id);
    return i && { instance: i.id, ownerId: i.config.ownerId, records: i.records };
  });
}
