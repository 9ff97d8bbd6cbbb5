/**
 * The server's limits, in one place: the OpenAPI document, the README and the tests read
 * them from here. A request over a size limit gets 413, one whose body does not arrive in
 * time 408, both as RFC 9457 problem documents.
 */
export interface Limits {
  /** Largest JSON body of `check` and `explain` (one entry), in bytes. */
  jsonBytes: number;
  /** Largest JSON body of `check-all` (a batch), `validate` and saving a file, in bytes. */
  bulkJsonBytes: number;
  /** Largest KVDT file for `kvdt/check`, in bytes. */
  kvdtBytes: number;
  /** Time for a JSON body to arrive completely, from the end of the headers, in ms. */
  jsonBodyMs: number;
  /** Time for a KVDT body to arrive completely, in ms. */
  kvdtBodyMs: number;
  /** Time for the request headers to arrive, in ms (Node's `headersTimeout`). */
  headersMs: number;
  /** Most entries in one `check-all` request. */
  batchEntries: number;
  /**
   * Most list items (costs, diagnoses, ops, … in all entries, two levels deep) of one
   * `check-all` request: each costs the check microseconds and may bring a finding of about 1 KB.
   */
  batchListItems: number;
  /** Largest answer of `check-all`, in bytes (written in slices, other requests answered between them). */
  batchAnswerBytes: number;
  /** Time a client may leave a `check-all` answer unread before it is disconnected (the answer is held until then), in ms. */
  answerStallMs: number;
  /** Most KVDT files checked at once; one more is answered 503 (`busy`) with `Retry-After`. */
  kvdtChecks: number;
  /** Most open connections; Node closes one more at once (`server.maxConnections`). */
  connections: number;
}

const MiB = 1024 * 1024;

/** The seconds a client told `busy` (Limits.kvdtChecks) is asked to wait (Retry-After): a small file takes about that long. */
export const KVDT_RETRY_AFTER_S = 5;

/** The documented defaults. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  jsonBytes: 1 * MiB,
  // A quarter of one practice as JSON (tens of thousands of entries) fits, and so does every
  // rule set and catalogue of a folder (the GOÄ catalogue is 0.3 MB); more goes as a KVDT file.
  bulkJsonBytes: 32 * MiB,
  // KVDT quarter files of large practices reach tens of MB; the file is read once as it
  // arrives (memory stays flat), so the limit only bounds how long one request may run.
  kvdtBytes: 1024 * MiB,
  jsonBodyMs: 10_000,
  kvdtBodyMs: 300_000,
  headersMs: 10_000,
  batchEntries: 100_000,
  // A batch of 1,650 entries with a thousand pairs each (33 MB, under the body limit) kept the
  // server busy for 47 s and wanted a 1.4 GB answer. At this cap the check takes about a third
  // of a second even with a finding on every pair (7 µs a pair on the 2-core test machine), and
  // that answer (about 850 bytes a pair) stays under batchAnswerBytes.
  // The same for a list of anything else: 3,300 entries of 1,000 bad diagnoses each (29 MB) kept
  // the server busy for 13 s while only cost pairs were counted.
  batchListItems: 50_000,
  // A result without findings is 32 bytes (3.2 MB for a full batch); this bounds what
  // findings on many entries make of one answer.
  batchAnswerBytes: 64 * MiB,
  // A client that asks and never reads held its answer (up to batchAnswerBytes) for as long as
  // the connection stayed open: 30 clients pinned 4.1 GB.
  answerStallMs: 30_000,
  // A KVDT check keeps a core busy for seconds to minutes and holds its own buffers and
  // counters (about 50 MiB for a large file): on the small machines a practice runs this on,
  // two at once, the others asked to come back, instead of all of them slowing each other down.
  kvdtChecks: 2,
  // A backstop against a client that opens sockets and never closes them (each costs a file
  // descriptor until the headers timeout); far above what a PVS's connection pool uses.
  connections: 1024,
});
