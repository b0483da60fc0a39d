/** Shared check: a system service (apparmor, firewalld…) stopped, disabled or masked by service/systemd tasks. */
import { atArg, isFalse, isTrue, known, type AnsibleContext, type Task } from './context.js';

export const SERVICE_MODULES = ['service', 'systemd', 'systemd_service', 'sysvinit'];

export function serviceTurnedOff(ctx: AnsibleContext, names: RegExp, message: (t: Task, name: string) => string): void {
  for (const t of ctx.tasksFor(SERVICE_MODULES)) {
    const name = known(t.args.get('name'));
    if (!name || !names.test(name)) continue;
    const state = t.args.get('state');
    const enabled = t.args.get('enabled');
    const masked = t.args.get('masked');
    const bad = known(state) === 'stopped' ? state : isFalse(enabled) ? enabled : isTrue(masked) ? masked : undefined;
    if (bad) atArg(ctx, t, bad, message(t, name));
  }
}
