/** Size bounds of a scan: how much of a file is read, whole or in pieces, and what is batched. */
export const LIMITS = {
  /** Largest file read whole for IaC rules. */
  contentBytes: 2 * 1024 * 1024,
  /** Disk files up to this are read in one go; larger ones in pieces. */
  wholeBytes: 8 * 1024 * 1024,
  pieceBytes: 1024 * 1024,
  /** A staged change up to this size is prefiltered as a whole (see Examiner.flushBatch). */
  batchBytes: 512 * 1024,
  /** Disk files are scanned up to this many bytes; the rest is reported as not scanned. */
  maxBytes: 256 * 1024 * 1024,
};
