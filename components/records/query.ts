// The records view's filters and sort live in the URL (/records?state=unowned&q=app&sort=ttl&dir=desc)
// so every view can be linked and bookmarked. The server answers the same query (GET /api/records).

export {
  filterRecords,
  hostOf,
  parseRecordsQuery,
  recordsSearch,
  STATE_RANK,
  type RecordsQuery,
  type SortColumn,
} from "@/lib/drift/record-query";
