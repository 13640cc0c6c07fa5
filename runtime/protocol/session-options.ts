/** What every session of one server is configured with (from the options table, config and overrides). */
export interface SessionOptions {
  /** Send the message of unexpected exceptions to the client instead of masking them. */
  exposeErrors: boolean;
  /** Timeout of a tool without `@timeout`, and of a resource read or prompt get; 0 means none. */
  defaultTimeoutMs: number;
  /** Largest serialised tool result sent to the client. */
  maxResultBytes: number;
  /** How long a server-to-client request waits for its answer. */
  clientRequestTimeoutMs: number;
  /** Items per page of tools/list, resources/list, resources/templates/list and prompts/list (a definition's own pageSize wins). */
  pageSize: number;
  /**
   * Most JSON values (objects, arrays, members, items) one incoming message
   * may hold: parsing and validating cost follows this far more than bytes.
   */
  maxMessageValues: number;
  /** Where diagnostics for the operator go (stderr). */
  logError: (message: string) => void;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  exposeErrors: false,
  defaultTimeoutMs: 60_000,
  // The SDK client closes the connection on messages over 10 MB.
  maxResultBytes: 8 * 1024 * 1024,
  clientRequestTimeoutMs: 60_000,
  pageSize: 100,
  maxMessageValues: 100_000,
  logError: (message) => process.stderr.write(`${message}\n`),
};
