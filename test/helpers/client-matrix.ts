// The client matrix of docs/http.md, rendered from what test/http/http-clients.test.ts verified.

export interface MatrixRow {
  client: string;
  transport: string;
  /** Protocol version the client negotiated. */
  version: string;
  verified: string[];
  /** What happened over a cut connection. */
  cut: string;
  /** Errors the client reported over the whole session. */
  errors: number;
  /** What the reported errors were, when there were any. */
  errorsNote?: string;
}

export function renderClientMatrix(rows: readonly MatrixRow[]): string {
  const lines = ["| Client | Transport | Protocol | Verified | Cut connection | Client-reported errors |", "| --- | --- | --- | --- | --- | --- |"];
  for (const row of rows) lines.push(`| ${row.client} | ${row.transport} | ${row.version} | ${row.verified.join(", ")} | ${row.cut} | ${row.errors}${row.errorsNote === undefined ? "" : ` (${row.errorsNote})`} |`);
  return lines.join("\n");
}
