/** Ansible connection and privilege-escalation password variables. */
export const CONNECTION_PASSWORD =
  /^ansible_(?:ssh_pass|ssh_password|password|pass|winrm_password|httpapi_pass|httpapi_password|net_password|psrp_password)$/;
export const BECOME_PASSWORD =
  /^ansible_(?:become_pass|become_password|sudo_pass|sudo_password|su_pass|su_password|enable_pass|enable_password|net_auth_pass)$/;
