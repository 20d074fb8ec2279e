// The architecture's import rules (docs/design.md), enforced by @nx/enforce-module-boundaries in
// eslint.config.mjs and proven by module-boundaries.spec.ts. Tags: scope (api | web | shared),
// type (app | feature | data-access | util | testing), domain (core | vendor | sandbox).
const depConstraints = [
  // The dashboard never imports an API library; API libraries never import the dashboard.
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Layering: apps wire features; features use data access and utilities; never upwards.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:testing'],
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:testing'] },
  // Mapping and auth depend on ports, never on a vendor; vendors never import each other.
  { sourceTag: 'domain:core', notDependOnLibsWithTags: ['domain:vendor'] },
  { sourceTag: 'domain:vendor', notDependOnLibsWithTags: ['domain:vendor'] },
  // The fake vendors are wired by the app and used by specs through @televisit/testing, never by a module.
  { sourceTag: 'domain:core', notDependOnLibsWithTags: ['domain:sandbox'] },
  { sourceTag: 'domain:vendor', notDependOnLibsWithTags: ['domain:sandbox'] },
];

module.exports = { depConstraints };
