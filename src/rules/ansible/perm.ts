/** Modules that set file modes, and the arguments that carry one. */
export const MODE_MODULES = [
  'file',
  'copy',
  'template',
  'get_url',
  'unarchive',
  'assemble',
  'archive',
  'lineinfile',
  'blockinfile',
  'replace',
  'ini_file',
  'git_config',
  'openssl_privatekey',
  'win_copy',
];
export const MODE_KEYS = ['mode', 'directory_mode'];

export function octal(bits: number): string {
  return `0${bits.toString(8).padStart(3, '0')}`;
}
