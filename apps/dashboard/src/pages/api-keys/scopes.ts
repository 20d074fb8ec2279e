import { type ApiKeyScope } from './use-api-keys';

/** Every scope an EHR key can carry, in the order the form offers them, with what it allows. */
export const SCOPES: ReadonlyArray<{ value: ApiKeyScope; label: string; description: string }> = [
  {
    value: 'appointments:read',
    label: 'Read appointments',
    description: 'Look up visits and their video links.',
  },
  {
    value: 'appointments:write',
    label: 'Write appointments',
    description: 'Create, reschedule and cancel visits from the EHR’s schedule.',
  },
  {
    value: 'appointments:host',
    label: 'Host visits',
    description:
      'Create host links for the EHR’s own “Start visit” button. Only for EHRs that sign providers in.',
  },
  {
    value: 'webhooks:manage',
    label: 'Manage webhooks',
    description: 'Register the URLs televisit notifies when a visit starts, ends or changes.',
  },
];

export function scopeLabel(scope: string): string {
  return SCOPES.find((s) => s.value === scope)?.label ?? scope;
}
