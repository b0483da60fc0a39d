/**
 * Binary files a scan reads whole: PKCS#12 key stores (.p12, .pfx), checked for a published default password or none
 * (ATREST-004, src/rules/secrets/pkcs12.ts, loaded only when such a file is seen). Names and the bound only: nothing
 * here loads on the hook path.
 */
export const PKCS12_NAME = /\.(?:p12|pfx)$/i;
/** Larger files are not read (a PKCS#12 key store is a few kilobytes). */
export const PKCS12_MAX_BYTES = 256 * 1024;

/** How many bytes of a binary file at `path` the checks want whole (0: none). */
export function binaryWhole(path: string): number {
  return PKCS12_NAME.test(path) ? PKCS12_MAX_BYTES : 0;
}
