// How many rows the dashboard asks for at a time. Shared by the pages (their requests) and the
// server (it builds each page's first window before a computation is published), so the answers
// built ahead are the ones the pages ask for.

/** Records per request: the records table asks for the windows its visible rows fall in. */
export const RECORDS_WINDOW = 200;

/** Changes per request: the plan's first window shows at once, the rest streams in behind it. */
export const PLAN_WINDOW = 1000;
